#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Points.h"
#include "domain/Criteria.h"

namespace kc {

// How tied scores are ranked: Competition gives 1, 1, 3 (the default, as in the reports);
// Dense gives 1, 1, 2.
enum class TieRule { Competition, Dense };

// Ranks for values in descending order, aligned with the input (values[i] gets result[i]).
// Equal values share a rank.
std::vector<int> rankDescending(const std::vector<std::int64_t>& values,
                                TieRule rule = TieRule::Competition);

// index % = total / max x 100 in hundredths of a percent, rounded half away from zero
// ("94.29" is 9429). REQUIRES: max > 0.
Points indexPercent(Points total, Points max);

// The first grade whose range holds indexPct (min inclusive, max exclusive). Empty when none.
std::string gradeOf(const std::vector<GradeRule>& rules, Points indexPct);

// The first stretch of index values from 0.00 to 100.00 % (in hundredths, as indexPercent
// gives them) that no rule's range holds: a unit there would get no grade. Both ends
// inclusive. None when rules is empty (no grading) or covers every value.
struct GradeGap {
    Points from;
    Points to;
};
std::optional<GradeGap> firstGradeGap(const std::vector<GradeRule>& rules);

// "Chỉ số từ 80,00% đến 84,99% không thuộc xếp loại nào…": the problem a gap is reported as.
std::string describeGradeGap(const GradeGap& gap);

// Shares of counts as percentages with one decimal (in tenths: 823 = 82.3%) that add up to
// exactly 100.0% by the largest-remainder method: each share is floored, then the tenths left
// over go to the largest remainders (ties: earlier position first). All zeros when total is 0.
std::vector<int> largestRemainderTenths(const std::vector<int>& counts);

}  // namespace kc
