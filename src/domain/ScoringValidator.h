#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Error.h"
#include "core/Points.h"
#include "core/ProblemList.h"
#include "domain/Criteria.h"

namespace kc {

// A half-open percentage range [min, maxExclusive) as used by score bands and grade rules;
// a missing bound is open-ended.
struct PctRange {
    std::optional<Points> min;
    std::optional<Points> maxExclusive;

    // True when both bounds are given and min >= maxExclusive (the range holds nothing).
    bool isEmpty() const;
    // True when some percentage lies in both ranges; false when either range is empty.
    bool overlaps(const PctRange& other) const;
    // The range in words for a clerk: "từ 70,00% đến dưới 85,00%", "từ 85,00%", "dưới 50,00%".
    std::string describe() const;
};

// Appends to `out` every problem of the scoring, assessment and evidence settings of one
// sub-criterion (the scoring rules listed in CriteriaValidator.h). `path` is the JSON path of the
// sub-criterion, e.g. "$.areas[0].criteria[1].sub_criteria[2]"; details extend it with
// ".scoring.levels[0].points", ".assessed_by", ".min_files" and so on. Part of
// validateCriteriaSet; exposed for it alone.
void validateSubCriterionScoring(const CriteriaNode& sub, const std::string& path,
                                 ProblemList& out);

}  // namespace kc
