#pragma once

#include "core/Points.h"
#include "domain/Criteria.h"

namespace kc {

// Adds up the values of one criterion's sub-criteria: an ordinary item's points and a bonus
// add, a penalty subtracts (bonus and penalty values are magnitudes), and the criterion's points
// are that sum clamped to [0, max]. The cap sits at the criterion so that every node keeps its
// points in [0, max] and a parent's points stay the sum of its children's (docs/results.md).
//
// A value type; not thread-safe to share while adding.
class CriterionSum {
public:
    // Adds the value entered or used for sub, one of the criterion's sub-criteria.
    void add(const CriteriaNode& sub, Points value);

    // The sum clamped to [0, max]. REQUIRES: max >= 0.
    Points points(Points max) const;

    // True when points(max) differs from the unclamped sum.
    bool capped(Points max) const { return points(max) != _sum; }

private:
    Points _sum;
};

}  // namespace kc
