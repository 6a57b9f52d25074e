#include "domain/Ranking.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>

namespace kc {
namespace {

Points pts(const char* s) {
    return Points::parse(s).value();
}

TEST(RankingTest, TiesShareARankAndSkipTheNext) {
    EXPECT_EQ(rankDescending({9429, 9500, 9429, 8000}), (std::vector<int>{2, 1, 2, 4}));
    EXPECT_EQ(rankDescending({9429, 9500, 9429, 8000}, TieRule::Dense),
              (std::vector<int>{2, 1, 2, 3}));
    EXPECT_EQ(rankDescending({}), std::vector<int>{});
    EXPECT_EQ(rankDescending({5, 5, 5}), (std::vector<int>{1, 1, 1}));
}

TEST(RankingTest, RanksAreConsistentWithScoresForRandomData) {
    std::mt19937 rng(42);
    for (int round = 0; round < 200; ++round) {
        std::vector<std::int64_t> v(1 + rng() % 40);
        for (auto& x : v) x = rng() % 20;  // many ties
        auto r = rankDescending(v);
        for (std::size_t i = 0; i < v.size(); ++i) {
            int higher = 0;
            for (std::size_t j = 0; j < v.size(); ++j) higher += v[j] > v[i];
            EXPECT_EQ(r[i], higher + 1);
            for (std::size_t j = 0; j < v.size(); ++j) {
                if (v[i] > v[j]) {
                    EXPECT_LT(r[i], r[j]);
                }
            }
        }
    }
}

TEST(RankingTest, IndexPercentHasTwoDecimals) {
    EXPECT_EQ(indexPercent(pts("94.29"), pts("100")), pts("94.29"));
    EXPECT_EQ(indexPercent(pts("65.36"), pts("70")), pts("93.37"));  // 93.3714...
    EXPECT_EQ(indexPercent(pts("0.01"), pts("0.02")), pts("50"));
    EXPECT_EQ(indexPercent(pts("2"), pts("3")), pts("66.67"));  // 66.666... -> 66.67
    EXPECT_EQ(indexPercent(pts("1"), pts("8")), pts("12.5"));   // exact .125 -> 12.50
    EXPECT_EQ(indexPercent(pts("0.01"), pts("0.16")), pts("6.25"));
}

TEST(RankingTest, GradesFollowThresholdsAtTheirBoundaries) {
    std::vector<GradeRule> rules = {{"Tốt", pts("85"), std::nullopt},
                                    {"Khá", pts("70"), pts("85")},
                                    {"Trung bình", pts("50"), pts("70")},
                                    {"Yếu", std::nullopt, pts("50")}};
    EXPECT_EQ(gradeOf(rules, pts("100")), "Tốt");
    EXPECT_EQ(gradeOf(rules, pts("85")), "Tốt");
    EXPECT_EQ(gradeOf(rules, pts("84.99")), "Khá");
    EXPECT_EQ(gradeOf(rules, pts("70")), "Khá");
    EXPECT_EQ(gradeOf(rules, pts("69.99")), "Trung bình");
    EXPECT_EQ(gradeOf(rules, pts("49.99")), "Yếu");
    EXPECT_EQ(gradeOf({}, pts("90")), "");
}

TEST(RankingTest, AGapIsTheFirstStretchOfIndexValuesWithoutAGrade) {
    std::vector<GradeRule> rules = {{"Tốt", pts("85"), std::nullopt},
                                    {"Khá", pts("70"), pts("85")},
                                    {"Trung bình", pts("50"), pts("70")},
                                    {"Yếu", std::nullopt, pts("50")}};
    EXPECT_FALSE(firstGradeGap(rules));
    EXPECT_FALSE(firstGradeGap({}));  // no grading at all
    rules[1].minPct = pts("80");      // Khá 80-85: 70.00-79.99 has no grade
    auto gap = firstGradeGap(rules);
    ASSERT_TRUE(gap);
    EXPECT_EQ(gap->from, pts("70"));
    EXPECT_EQ(gap->to, pts("79.99"));
    EXPECT_EQ(describeGradeGap(*gap).rfind("Chỉ số từ 70,00% đến 79,99% không thuộc", 0), 0u);
    // 100 % itself uncovered when the top range ends there, exclusive.
    gap = firstGradeGap({{"Tốt", pts("85"), pts("100")}, {"Khác", std::nullopt, pts("85")}});
    ASSERT_TRUE(gap);
    EXPECT_EQ(gap->from, pts("100"));
    EXPECT_EQ(gap->to, pts("100"));
    // From 0 when the lowest range starts above it.
    gap = firstGradeGap({{"Tốt", pts("50"), std::nullopt}, {"Yếu", pts("10"), pts("50")}});
    ASSERT_TRUE(gap);
    EXPECT_EQ(gap->from, pts("0"));
    EXPECT_EQ(gap->to, pts("9.99"));
}

TEST(RankingTest, LargestRemainderMatchesTheBaoYenReport) {
    // 14/17 Tốt, 1/17 Khá, 2/17 Trung bình: 82.3%, 5.9%, 11.8% (independent rounding: 82.4%).
    EXPECT_EQ(largestRemainderTenths({14, 1, 2, 0}), (std::vector<int>{823, 59, 118, 0}));
    EXPECT_EQ(largestRemainderTenths({1, 1, 1}), (std::vector<int>{334, 333, 333}));
    EXPECT_EQ(largestRemainderTenths({0, 0}), (std::vector<int>{0, 0}));
}

TEST(RankingTest, LargestRemainderAlwaysSumsToHundred) {
    std::mt19937 rng(7);
    for (int round = 0; round < 500; ++round) {
        std::vector<int> counts(1 + rng() % 6);
        for (auto& c : counts) c = static_cast<int>(rng() % 50);
        auto shares = largestRemainderTenths(counts);
        int total = std::accumulate(counts.begin(), counts.end(), 0);
        int sum = std::accumulate(shares.begin(), shares.end(), 0);
        EXPECT_EQ(sum, total == 0 ? 0 : 1000);
        for (std::size_t i = 0; i < counts.size(); ++i) {
            if (total > 0) {
                EXPECT_LE(std::abs(shares[i] * total - counts[i] * 1000), total);
            }
        }
    }
}

}  // namespace
}  // namespace kc
