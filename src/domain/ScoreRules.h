#pragma once

#include <optional>
#include <string>

#include "core/Points.h"
#include "core/Result.h"
#include "domain/Criteria.h"

namespace kc {

// What a unit or reviewer enters for one sub-criterion in one round.
struct ScoreEntry {
    Points score;
    std::optional<Points> metricPct{};  // bands / proportional: the measured percentage
    std::optional<int> violations{};    // deduction: the number of violations
    std::string overrideReason{};       // required when score differs from the computed suggestion
};

// The outcome of checking an entry: the score to store and, where the scoring type computes
// one from the entered metric, the suggestion it was compared with.
struct ScoreDecision {
    Points score;
    std::optional<Points> suggested;
};

// Checks entry against sub's maximum and scoring type:
//  - 0 <= score <= max (negative and above-maximum scores are InvalidInput);
//  - levels: score must be one of the listed level points;
//  - bands / proportional / deduction: when a metric (or violation count) is given, the
//    suggestion is computed; a different score needs an overrideReason;
//  - survey items are never scored by hand here (InvalidInput; see surveyPoints).
// Messages are Vietnamese and name the sub-criterion code.
Result<ScoreDecision> checkScore(const CriteriaNode& sub, const ScoreEntry& entry);

// bands: the points of the band holding pct; proportional: max x min(1, pct / target).
// InvalidInput for a percentage outside 0..100 or no matching band, or another scoring type.
Result<Points> suggestFromPercent(const CriteriaNode& sub, Points pct);

// deduction: max(0, max - perViolation x violations). InvalidInput for violations < 0.
Result<Points> suggestFromViolations(const CriteriaNode& sub, int violations);

// Survey points: max x pct / 100, rounded half away from zero to hundredths
// (pct in hundredths of a percent, 0..100).
Points surveyPoints(Points max, Points pct);

}  // namespace kc
