#pragma once

#include <string>
#include <vector>

#include "core/Clock.h"
#include "report/AppraisalSheet.h"

namespace kc::report {

// The file name of the manifest embedded in every document that cites evidence.
inline constexpr const char* kManifestName = "manifest.json";

// The evidence manifest embedded in a document (docs/documents.md, "The manifest"): for every
// unit its sub-criteria with max, self, step 1 and step 2 scores (JSON numbers with two
// decimals, null when unscored; a bonus or penalty item also has "adjustment": "bonus" or
// "penalty", its values being magnitudes) and the cited evidence (id, file_name, size, sha256,
// round).
// Deterministic for the same input: keys in a fixed order, units and rows as given.
std::string manifestJson(const std::string& documentKind, int year, TimePoint generatedAt,
                         const std::vector<AppraisalSheet>& sheets);

}  // namespace kc::report
