#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/Result.h"

namespace kc::pdf {

// Reads files embedded in a PDF (the EmbeddedFiles name tree that PdfDocumentBuilder::attachFile
// writes), as the newest revision has them. Stateless and thread-safe.
class PdfAttachments {
public:
    // The bytes of the embedded file stored under name (ASCII, as the name tree holds it,
    // e.g. "manifest.json"), or nullopt when the PDF has no such file.
    // Errors: InvalidInput when pdf is not a readable PDF.
    static Result<std::optional<std::string>> read(std::string_view pdf, const std::string& name);
};

}  // namespace kc::pdf
