#pragma once

// Internal to kc_pdf.

#include "pdf/DocumentModel.h"
#include "pdf/PageCursor.h"

namespace kc::pdf {

// Draws the Decree 30 two-column header at the cursor and moves the cursor below it.
// Left column: parent body, issuing body in bold with a rule of 40% of its width under it, the
// number. Right column: national name in bold, motto in bold with a rule of its own width under
// it, place and date in italics on the number's baseline. Text must already be NFC.
class OfficialHeaderLayout {
public:
    static void draw(PageCursor& page, const OfficialHeader& header);
};

}  // namespace kc::pdf
