#include "domain/CriterionSum.h"

#include <algorithm>

namespace kc {

void CriterionSum::add(const CriteriaNode& sub, Points value) {
    if (sub.adjustment == Adjustment::Penalty)
        _sum -= value;
    else
        _sum += value;
}

Points CriterionSum::points(Points max) const {
    return std::clamp(_sum, Points(), max);
}

}  // namespace kc
