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

    // Draws the table: header rows on every page, numeric columns right-aligned. A body row
    // that fits on a page under the header rows is drawn whole (it moves to the next page when
    // it does not fit in what remains of this one). A taller row is split between lines: its
    // first piece fills what remains of the page (at least one line of each cell, else it
    // starts on the next page), the rest continues on the next pages under the repeated header
    // rows; every piece has its cell borders and its cell links, and its lines start at the top.
    // A keepTogether table that fits on a page starts on the next page unless it fits whole in
    // what remains of this one.
    // REQUIRES: validate(table) found nothing.
    // Errors: InvalidInput when the header rows are taller than a page, or leave no room under
    // them for one line of a body row.
    static Status draw(PageCursor& page, const Table& table, const std::string& path);

    // The room the table needs below the cursor to start there: the header rows with the first
    // body row (or, for a row taller than a page, one line of each of its cells); the whole
    // table when it is kept together and fits on a page.
    // REQUIRES: validate(table) found nothing.
    static double leadHeight(PageCursor& page, const Table& table);
};

}  // namespace kc::pdf
