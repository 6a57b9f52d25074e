#pragma once

#include <vector>

#include "core/Error.h"
#include "domain/Criteria.h"

namespace kc {

// Checks a criteria set against the rules of a PAR criteria tree and returns EVERY problem
// found (empty when the set is valid); it never stops at the first one.
//
// Each ErrorDetail carries a JSON path into the import format, built from the positions of the
// nodes (e.g. "$.areas[2].criteria[0].sub_criteria[1].max_points"), and a Vietnamese message a
// clerk can act on, with points written with a decimal comma ("4,50").
//
// Rules checked:
//   - title not empty; year > 0; at least one area; areas and criteria have children;
//     sub-criteria have none;
//   - codes: area "N", criterion "N.M" beginning with its area's code, sub-criterion "N.M.K"
//     beginning with its criterion's code (numbers without leading zeros); no code used twice;
//   - every node has a non-empty name and maxPoints > 0; a parent's maxPoints equals the sum of
//     its children's, leaving out adjustment (bonus, penalty) sub-criteria; a criterion keeps at
//     least one ordinary sub-criterion;
//   - an adjustment sub-criterion is assessed by appraisal and scored by levels, bands or
//     proportional (deduction and survey are refused);
//   - scoring consistent with its type: levels (>= 1 level, labels, points in [0, max], one level
//     worth max), bands (>= 1 band, points in [0, max], minPct >= 0, minPct < maxPctExclusive,
//     no two bands overlapping), proportional (0 < targetPct <= 100), deduction
//     (perViolation > 0), survey (assessedBy Survey, not self-scored); assessedBy Survey requires
//     scoring type survey;
//   - evidence: minFiles >= 0, and >= 1 when evidence is required;
//   - a declared scale (any of its three values non-zero): total = appraisal + survey, all >= 0,
//     sum of area maxima = total, sum of ordinary appraisal sub-criteria maxima = appraisal, sum of
//     survey sub-criteria maxima = survey;
//   - grade rules: named, names unique, minPct < maxPctExclusive where both are given, ranges
//     [minPct, maxPctExclusive) pairwise disjoint (a missing bound is open-ended).
//
// Pure and thread-safe; the set is only read.
std::vector<ErrorDetail> validateCriteriaSet(const CriteriaSet& set);

}  // namespace kc
