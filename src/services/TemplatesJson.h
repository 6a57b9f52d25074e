#pragma once

#include <string>
#include <string_view>

#include "core/Result.h"
#include "report/DocumentTemplates.h"

namespace kc {

// Reads organisation.json, appraisal-sheet.json, decision.json and report.json from directory
// (docs/documents.md describes every field). Texts are checked as UTF-8 and NFC-normalised.
// Errors: InvalidInput listing every problem located by file and JSON path (path
// "decision.json $.legal_bases[2]", message "Phải là chuỗi"), including placeholders other than
// {year}, {unit} and {unit_type}; NotFound naming a missing file.
Result<report::DocumentTemplates> loadTemplates(const std::string& directory);

}  // namespace kc
