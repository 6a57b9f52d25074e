#include "domain/CriterionSum.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

Points pts(const char* s) {
    return Points::parse(s).value();
}

CriteriaNode item(Adjustment kind) {
    CriteriaNode n;
    n.level = NodeLevel::SubCriterion;
    n.adjustment = kind;
    return n;
}

struct Case {
    const char* name;
    const char* ordinary;
    const char* bonus;
    const char* penalty;
    const char* expected;
    bool capped;
};

void PrintTo(const Case& c, std::ostream* os) {
    *os << c.name;
}

class CriterionSumTest : public ::testing::TestWithParam<Case> {};

TEST_P(CriterionSumTest, ClampsToTheCriterionMaximum) {
    const Case& c = GetParam();
    CriterionSum sum;
    sum.add(item(Adjustment::None), pts(c.ordinary));
    sum.add(item(Adjustment::Bonus), pts(c.bonus));
    sum.add(item(Adjustment::Penalty), pts(c.penalty));
    EXPECT_EQ(sum.points(pts("4")), pts(c.expected));
    EXPECT_EQ(sum.capped(pts("4")), c.capped);
}

// clang-format off
const Case kCases[] = {
    {"WithinRange",        "3",   "0.5", "1",   "2.5",  false},
    {"BonusReachesMax",    "3.5", "0.5", "0",   "4",    false},
    {"BonusPastMax",       "3.5", "1",   "0",   "4",    true},
    {"PenaltyReachesZero", "1",   "0",   "1",   "0",    false},
    {"PenaltyPastZero",    "1",   "0",   "2",   "0",    true},
    {"BonusOffsetsPenalty","4",   "1",   "1",   "4",    false},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Cases, CriterionSumTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace kc
