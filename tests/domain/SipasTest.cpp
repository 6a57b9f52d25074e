#include "domain/Sipas.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

std::vector<SipasFactor> factors() {
    return {{"TC", "Tiếp cận dịch vụ", {"q1", "q2"}},
            {"TT", "Thủ tục hành chính", {"q3"}},
            {"CC", "Công chức", {"q4"}},
            {"KQ", "Kết quả", {"q5"}}};
}

TEST(SipasTest, TalliesSatisfiedAnswersAndSkipsBlanks) {
    std::vector<SipasAnswer> answers = {
        {"r1", "XA01", "q1", 5}, {"r1", "XA01", "q2", 4}, {"r1", "XA01", "q3", 3},
        {"r2", "XA01", "q1", std::nullopt}, {"r2", "XA01", "q2", 1}, {"r2", "XA01", "q3", 4},
        {"r3", "XA02", "q4", 4}, {"r3", "XA02", "q9", 5}};
    auto counts = tallySipasAnswers(factors(), answers);
    ASSERT_EQ(counts.size(), 3u);
    EXPECT_EQ(counts[0].unitCode, "XA01");
    EXPECT_EQ(counts[0].factorCode, "TC");
    EXPECT_EQ(counts[0].valid, 3);  // the blank is not counted
    EXPECT_EQ(counts[0].satisfied, 2);
    EXPECT_EQ(counts[1].factorCode, "TT");
    EXPECT_EQ(counts[1].satisfied, 1);
    EXPECT_EQ(counts[2].unitCode, "XA02");
}

TEST(SipasTest, OverallIsTheMeanOfFactorPercentagesAndPoolsForEveryone) {
    std::vector<SipasCount> counts = {{"XA01", "TC", 3, 2}, {"XA01", "TT", 8, 7},
                                      {"XA01", "CC", 10, 10}, {"XA01", "KQ", 7, 6},
                                      {"XA02", "TC", 1, 1}};
    auto r = computeSipas(factors(), counts);
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0].unitCode, "XA01");
    EXPECT_EQ(r[0].factors[0].pct, Points::fromHundredths(6667));  // 66.666… -> 66.67
    EXPECT_EQ(r[0].factors[1].pct, Points::fromHundredths(8750));
    EXPECT_EQ(r[0].factors[3].pct, Points::fromHundredths(8571));  // 85.714…
    // (66.67 + 87.50 + 100 + 85.71) / 4 = 84.97
    EXPECT_EQ(r[0].overallPct, Points::fromHundredths(8497));
    EXPECT_EQ(r[1].unitCode, "XA02");
    EXPECT_FALSE(r[1].factors[1].pct);  // no answers: no percentage
    EXPECT_EQ(r[1].overallPct, Points::fromHundredths(10000));
    EXPECT_EQ(r[2].unitCode, "");
    EXPECT_EQ(r[2].factors[0].valid, 4);
    EXPECT_EQ(r[2].factors[0].pct, Points::fromHundredths(7500));
}

TEST(SipasTest, ValidatesTheFactorSet) {
    EXPECT_TRUE(validateSipasFactors(factors()).ok());
    EXPECT_FALSE(validateSipasFactors({}).ok());
    auto dup = factors();
    dup[1].code = "TC";
    dup[2].questions.push_back("q1");
    auto s = validateSipasFactors(dup);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().details.size(), 2u);
    EXPECT_EQ(s.error().details[0].path, "$.factors[1].code");
}

}  // namespace
}  // namespace kc
