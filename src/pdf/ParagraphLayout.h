#pragma once

// Internal to kc_pdf.

#include "pdf/DocumentModel.h"
#include "pdf/PageCursor.h"

namespace kc::pdf {

// Lays out a paragraph from the cursor down; lines flow onto new pages as needed. Space before
// is dropped at the top of a page. Text must already be NFC.
class ParagraphLayout {
public:
    static void draw(PageCursor& page, const Paragraph& paragraph);

    // What draw() would take below the cursor (away from the top of a page, where the space
    // before is dropped): the space before with the first line, and the whole paragraph with
    // the space before and after it.
    struct Extent {
        double firstLine = 0;
        double total = 0;
    };
    static Extent measure(PageCursor& page, const Paragraph& paragraph);
};

}  // namespace kc::pdf
