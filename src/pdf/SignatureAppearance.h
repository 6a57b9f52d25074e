#pragma once

// Internal to kc_pdf.

#include <memory>
#include <string>
#include <vector>

#include "pdf/FontSet.h"
#include "pdf/PodofoSupport.h"

namespace kc::pdf {

// The visible face of a signature: a framed block of text lines (the first in bold), each
// shrunk to fit, drawn with the document's embedded Vietnamese font into a form XObject.
class SignatureAppearance {
public:
    // REQUIRES: lines are NFC UTF-8; widthPt and heightPt > 0.
    static std::unique_ptr<PoDoFo::PdfXObject> draw(PoDoFo::PdfDocument& doc, FontSet& fonts,
                                                    double widthPt, double heightPt,
                                                    const std::vector<std::string>& lines);
};

}  // namespace kc::pdf
