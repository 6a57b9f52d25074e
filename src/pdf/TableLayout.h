#pragma once

// Internal to kc_pdf.

#include <string>
#include <vector>

#include "core/Result.h"
#include "pdf/DocumentModel.h"
#include "pdf/PageCursor.h"

namespace kc::pdf {

// Lays out a Table from the cursor down, across as many pages as needed. Text must be NFC.
class TableLayout {
public:
    // Problems with the table's shape (column fractions, spans), each located under path.
    static std::vector<ErrorDetail> validate(const Table& table, const std::string& path);

    // Draws the table: header rows on every page, body rows whole (a row that does not fit in
    // what remains of a page moves to the next one), numeric columns right-aligned.
    // REQUIRES: validate(table) found nothing.
    // Errors: InvalidInput when a row (with the header rows) is taller than a page.
    static Status draw(PageCursor& page, const Table& table, const std::string& path);
};

}  // namespace kc::pdf
