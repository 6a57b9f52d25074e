#pragma once

#include <optional>
#include <vector>

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

// The points of every criterion of areas by the rule, added up, each criterion clamped to its
// declared maximum: one round's total (self, step 1 or step 2). valueOf(sub) gives the value
// entered for sub in that round as std::optional<Points>, nullopt when none.
template <typename ValueOf>
Points criterionRuleTotal(const std::vector<CriteriaNode>& areas, ValueOf valueOf) {
    Points total;
    for (const CriteriaNode& area : areas)
        for (const CriteriaNode& criterion : area.children) {
            CriterionSum sum;
            for (const CriteriaNode& sub : criterion.children)
                if (std::optional<Points> v = valueOf(sub))
                    sum.add(sub, *v);
            total += sum.points(criterion.maxPoints);
        }
    return total;
}

}  // namespace kc
