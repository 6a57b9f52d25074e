#include "domain/ScoreRules.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

Points pts(const char* s) {
    return Points::parse(s).value();
}

CriteriaNode sub(ScoringType type, const char* max) {
    CriteriaNode n;
    n.code = "1.1.1";
    n.name = "Ban hành kế hoạch";
    n.level = NodeLevel::SubCriterion;
    n.maxPoints = pts(max);
    n.scoring.type = type;
    return n;
}

CriteriaNode levels() {
    auto n = sub(ScoringType::Levels, "1");
    n.scoring.levels = {
        {"Kịp thời", pts("1")}, {"Không kịp thời", pts("0.5")}, {"Không ban hành", pts("0")}};
    return n;
}

CriteriaNode bands() {
    auto n = sub(ScoringType::Bands, "2");
    n.scoring.bands = {{pts("90"), std::nullopt, pts("2")},
                       {pts("70"), pts("90"), pts("1")},
                       {pts("0"), pts("70"), pts("0")}};
    return n;
}

CriteriaNode proportional(const char* target) {
    auto n = sub(ScoringType::Proportional, "1.5");
    n.scoring.targetPct = pts(target);
    return n;
}

CriteriaNode deduction() {
    auto n = sub(ScoringType::Deduction, "1");
    n.scoring.perViolation = pts("0.25");
    return n;
}

TEST(ScoreRulesTest, AcceptsListedLevelsOnly) {
    EXPECT_TRUE(checkScore(levels(), {pts("0.5")}).ok());
    EXPECT_TRUE(checkScore(levels(), {pts("0")}).ok());
    auto r = checkScore(levels(), {pts("0.75")});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("một trong các mức"), std::string::npos);
}

TEST(ScoreRulesTest, RejectsNegativeAndAboveMaximum) {
    for (const char* bad : {"-0.01", "1.01", "2"}) {
        auto r = checkScore(levels(), {pts(bad)});
        EXPECT_FALSE(r.ok()) << bad;
    }
}

TEST(ScoreRulesTest, RejectsSurveyItems) {
    auto n = sub(ScoringType::Survey, "3");
    n.assessedBy = AssessedBy::Survey;
    EXPECT_FALSE(checkScore(n, {pts("1")}).ok());
}

TEST(ScoreRulesTest, BandsSuggestAtBoundaries) {
    struct Case {
        const char* pct;
        const char* points;
    };
    for (Case c :
         {Case{"100", "2"}, {"90", "2"}, {"89.99", "1"}, {"70", "1"}, {"69.99", "0"}, {"0", "0"}}) {
        auto s = suggestFromPercent(bands(), pts(c.pct));
        ASSERT_TRUE(s.ok()) << c.pct;
        EXPECT_EQ(s.value(), pts(c.points)) << c.pct;
    }
    EXPECT_FALSE(suggestFromPercent(bands(), pts("100.01")).ok());
    EXPECT_FALSE(suggestFromPercent(bands(), pts("-1")).ok());
}

TEST(ScoreRulesTest, ProportionalRoundsHalfAwayFromZeroAndCaps) {
    // 1.5 x 33.33 / 100 = 0.49995 -> 0.50
    EXPECT_EQ(suggestFromPercent(proportional("100"), pts("33.33")).value(), pts("0.5"));
    // 1.5 x 33 / 100 = 0.495 -> 0.50 (half away); 1.5 x 32.99 / 100 = 0.49485 -> 0.49
    EXPECT_EQ(suggestFromPercent(proportional("100"), pts("33")).value(), pts("0.5"));
    EXPECT_EQ(suggestFromPercent(proportional("100"), pts("32.99")).value(), pts("0.49"));
    // Target 30%: reaching 45% is capped at the maximum.
    EXPECT_EQ(suggestFromPercent(proportional("30"), pts("45")).value(), pts("1.5"));
    EXPECT_EQ(suggestFromPercent(proportional("70"), pts("35")).value(), pts("0.75"));
}

TEST(ScoreRulesTest, DeductionFloorsAtZero) {
    EXPECT_EQ(suggestFromViolations(deduction(), 0).value(), pts("1"));
    EXPECT_EQ(suggestFromViolations(deduction(), 3).value(), pts("0.25"));
    EXPECT_EQ(suggestFromViolations(deduction(), 9).value(), pts("0"));
    EXPECT_FALSE(suggestFromViolations(deduction(), -1).ok());
}

TEST(ScoreRulesTest, OverridingASuggestionNeedsAReason) {
    ScoreEntry e{pts("2"), pts("75"), std::nullopt, ""};
    auto r = checkScore(bands(), e);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("cần ghi lý do"), std::string::npos);
    e.overrideReason = "Có văn bản bổ sung chứng minh đạt 92%";
    auto ok = checkScore(bands(), e);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->score, pts("2"));
    EXPECT_EQ(ok->suggested, pts("1"));
}

TEST(ScoreRulesTest, SurveyPointsRoundHalfAwayFromZero) {
    EXPECT_EQ(surveyPoints(pts("3"), pts("85.5")), pts("2.57"));  // 2.565 -> 2.57
    EXPECT_EQ(surveyPoints(pts("2.5"), pts("100")), pts("2.5"));
    EXPECT_EQ(surveyPoints(pts("1"), pts("0.49")), pts("0"));    // 0.0049 -> 0.00
    EXPECT_EQ(surveyPoints(pts("1"), pts("0.5")), pts("0.01"));  // 0.005 -> 0.01
}

}  // namespace
}  // namespace kc
