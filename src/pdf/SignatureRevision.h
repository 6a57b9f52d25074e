#pragma once

// Internal to kc_pdf.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.h"
#include "pdf/PdfObjectIndex.h"
#include "pdf/PdfSigner.h"

namespace kc::pdf {

// What the new signature says besides its CMS.
struct SignatureRequest {
    std::string fieldName;  // NFC; empty: "Signature<n>"
    std::string subFilter = "ETSI.CAdES.detached";
    std::string pdfDate;                 // /M
    std::string name, reason, location;  // UTF-8, each left out when empty
    std::optional<VisibleSignature> visible;
    std::vector<std::string> lines;  // the visible block's text, NFC UTF-8
    std::string fontDirectory, fontFamily;
    std::size_t reserve = 0;  // bytes of CMS /Contents can hold
};

// The incremental update that adds one signature field to a PDF: the widget (also the field),
// its signature dictionary with a zero-filled /Contents and a blank /ByteRange, the visible
// block's appearance and font (when visible), the AcroForm (/SigFlags 3), the page's /Annots
// and, when needed, the catalog; then a cross-reference section and a trailer with /Prev.
// Earlier bytes are never touched.
struct SignatureRevision {
    std::string bytes;  // to append to the file exactly as it is
    std::string fieldName;
    std::size_t byteRangeAt = 0;  // offset in bytes of the ByteRange numbers' blank
    std::size_t byteRangeWidth = 0;
    std::size_t contentsAt = 0;    // offset in bytes of the '<' opening /Contents
    std::size_t contentsSize = 0;  // of "<...>", both brackets included

    // Errors: InvalidInput (no catalog or pages, visible page out of range or a block of zero
    // size); Duplicate (fieldName taken by a top-level field); NotFound (font file missing).
    // Throws PdfFailure when PoDoFo fails for another reason.
    static Result<SignatureRevision> build(const PdfObjectIndex& index, std::string_view pdf,
                                           const SignatureRequest& request);

    // Writes "0 b c d" into the /ByteRange blank of file, padded with spaces: [0, b) and
    // [c, c + d) are everything but /Contents. REQUIRES: file ends with bytes, appended at
    // offset start.
    void fillByteRange(std::string& file, std::size_t start) const;
};

}  // namespace kc::pdf
