#include "domain/Results.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace kc {
namespace {

Points pts(const char* s) { return Points::parse(s).value(); }

CriteriaNode node(std::string code, Points max, NodeLevel level,
                  std::vector<CriteriaNode> children = {}) {
    CriteriaNode n;
    n.code = std::move(code);
    n.name = "Tên " + n.code;
    n.maxPoints = max;
    n.level = level;
    n.children = std::move(children);
    return n;
}

CriteriaNode sub(std::string code, const char* max, bool survey = false) {
    CriteriaNode n = node(std::move(code), pts(max), NodeLevel::SubCriterion);
    if (survey) {
        n.assessedBy = AssessedBy::Survey;
        n.scoring.type = ScoringType::Survey;
        n.selfScored = false;
    }
    return n;
}

// Two areas: 1 (1.1.1 = 6, 1.1.2 = 4) and 2 (2.1.1 = 7.5, survey 2.1.2 = 2.5); max 20.
std::vector<CriteriaNode> tree() {
    return {node("1", pts("10"), NodeLevel::Area,
                 {node("1.1", pts("10"), NodeLevel::Criterion, {sub("1.1.1", "6"), sub("1.1.2", "4")})}),
            node("2", pts("10"), NodeLevel::Area,
                 {node("2.1", pts("10"), NodeLevel::Criterion,
                       {sub("2.1.1", "7.5"), sub("2.1.2", "2.5", true)})})};
}

ItemScores scores(std::optional<const char*> self, std::optional<const char*> s1,
                  std::optional<const char*> s2, bool requested = false) {
    ItemScores i;
    if (self) i.self = pts(*self);
    if (s1) i.step1 = pts(*s1);
    if (s2) i.step2 = pts(*s2);
    i.requested = requested;
    return i;
}

const SubResult& subOf(const UnitResult& u, const std::string& code) {
    return *std::find_if(u.subs.begin(), u.subs.end(), [&](auto& s) { return s.code == code; });
}

TEST(ResultsTest, UsesTheLatestRoundAndFlagsProvisionalValues) {
    UnitScores in{"XA01", "Xã Một", {}, {}};
    in.items["1.1.1"] = scores("6", "5", "5.5", true);   // step 2
    in.items["1.1.2"] = scores("4", "3", std::nullopt, true);  // requested, not re-scored
    in.items["2.1.1"] = scores("7", std::nullopt, std::nullopt);  // never appraised
    in.survey["2.1.2"] = {pts("2.36"), pts("94.29"), "csv"};
    UnitResult r = computeUnitResult(tree(), in, SurveyMode::Import);

    EXPECT_EQ(subOf(r, "1.1.1").source, ValueSource::Step2);
    EXPECT_FALSE(subOf(r, "1.1.1").flagged);
    EXPECT_EQ(subOf(r, "1.1.2").source, ValueSource::Step1);
    EXPECT_TRUE(subOf(r, "1.1.2").flagged);
    EXPECT_EQ(subOf(r, "2.1.1").source, ValueSource::Self);
    EXPECT_TRUE(subOf(r, "2.1.1").flagged);
    EXPECT_EQ(subOf(r, "2.1.2").source, ValueSource::Survey);
    EXPECT_EQ(r.flaggedItems, 2);
    EXPECT_EQ(r.selfTotal, pts("17"));
    EXPECT_EQ(r.step1Total, pts("8"));
    EXPECT_EQ(r.step2Total, pts("5.5"));
    EXPECT_EQ(r.appraised, pts("15.5"));
    EXPECT_EQ(r.survey, pts("2.36"));
    EXPECT_EQ(r.total, pts("17.86"));
    EXPECT_EQ(r.max, pts("20"));
    EXPECT_EQ(r.indexPct, pts("89.3"));
    EXPECT_EQ(r.areas[0].points, pts("8.5"));
    EXPECT_EQ(r.areas[1].points, pts("9.36"));
    EXPECT_EQ(r.criteria.size(), 2u);
}

TEST(ResultsTest, StepOneWithoutARequestIsFinal) {
    UnitScores in{"XA01", "", {{"1.1.1", scores("6", "5", std::nullopt)}}, {}};
    UnitResult r = computeUnitResult(tree(), in, SurveyMode::Import);
    EXPECT_EQ(subOf(r, "1.1.1").source, ValueSource::Step1);
    EXPECT_FALSE(subOf(r, "1.1.1").flagged);
    EXPECT_EQ(subOf(r, "1.1.2").source, ValueSource::None);  // nothing entered: 0, flagged
    EXPECT_EQ(subOf(r, "2.1.2").source, ValueSource::None);  // no survey imported
    EXPECT_EQ(r.flaggedItems, 3);
}

TEST(ResultsTest, RescaleLeavesSurveyItemsOutOfTheMaximum) {
    UnitScores in{"PH01", "", {}, {{"2.1.2", {pts("2.5"), std::nullopt, "csv"}}}};
    in.items["1.1.1"] = scores("6", "6", std::nullopt);
    in.items["1.1.2"] = scores("4", "4", std::nullopt);
    in.items["2.1.1"] = scores("7.5", "7.5", std::nullopt);
    UnitResult r = computeUnitResult(tree(), in, SurveyMode::Rescale);
    EXPECT_EQ(r.max, pts("17.5"));
    EXPECT_EQ(r.total, pts("17.5"));
    EXPECT_EQ(r.survey, Points{});
    EXPECT_EQ(r.indexPct, pts("100"));
    EXPECT_EQ(subOf(r, "2.1.2").source, ValueSource::Excluded);
    EXPECT_EQ(r.flaggedItems, 0);
}

TEST(ResultsTest, IndexRoundsHalfAwayFromZeroAtTheBoundary) {
    // 17.45 / 20 = 87.25% exactly; 1.01 / 3 ... use a max of 30 for a .005 case: 28.2 / 30 =
    // 94.0%; 10.01 / 16 = 62.5625% -> 62.56; 0.01 / 8 = 0.125% -> 0.13 (half away from zero).
    EXPECT_EQ(indexPercent(pts("17.45"), pts("20")), pts("87.25"));
    EXPECT_EQ(indexPercent(pts("10.01"), pts("16")), pts("62.56"));
    EXPECT_EQ(indexPercent(pts("0.01"), pts("8")), pts("0.13"));
    EXPECT_EQ(indexPercent(pts("0.03"), pts("8")), pts("0.38"));  // 0.375 -> 0.38
}

UnitResult unit(std::string code, const char* total, std::vector<const char*> areas) {
    UnitResult u;
    u.unitCode = std::move(code);
    u.total = pts(total);
    u.max = pts("100");
    u.indexPct = indexPercent(u.total, u.max);
    for (std::size_t i = 0; i < areas.size(); ++i)
        u.areas.push_back({std::to_string(i + 1), "", pts(areas[i]), pts("50"), 0});
    return u;
}

TEST(ResultsTest, RanksGradesAndSummary) {
    std::vector<UnitResult> units = {unit("C", "85", {"40", "45"}), unit("A", "90", {"45", "45"}),
                                     unit("B", "85", {"45", "40"}), unit("D", "49.99", {"20", "29.99"})};
    rankAndGrade(units, TieRule::Competition, defaultGrades());
    ASSERT_EQ(units[0].unitCode, "A");
    EXPECT_EQ(units[0].rank, 1);
    EXPECT_EQ(units[1].unitCode, "B");  // tie: code order
    EXPECT_EQ(units[1].rank, 2);
    EXPECT_EQ(units[2].rank, 2);
    EXPECT_EQ(units[3].rank, 4);
    EXPECT_EQ(units[1].grade, "Tốt");  // 85 is the lower bound of Tốt
    EXPECT_EQ(units[3].grade, "Yếu");  // 49.99 < 50
    EXPECT_EQ(units[0].areas[0].rank, 1);  // A 45
    EXPECT_EQ(units[1].areas[0].rank, 1);  // B 45
    EXPECT_EQ(units[2].areas[0].rank, 3);  // C 40

    TypeSummary s = summarize(units, defaultGrades());
    EXPECT_EQ(s.units, 4);
    EXPECT_EQ(s.averageTotal, pts("77.5"));  // 309.99 / 4 = 77.4975 -> 77.50
    EXPECT_EQ(s.grades[0].count, 3);
    EXPECT_EQ(s.grades[0].tenthsPct, 750);
    EXPECT_EQ(s.grades[3].count, 1);
    EXPECT_EQ(s.best, std::vector<std::string>{"A"});
    EXPECT_EQ(s.worst, std::vector<std::string>{"D"});
    EXPECT_EQ(s.areaAverages[0], pts("37.5"));

    rankAndGrade(units, TieRule::Dense, defaultGrades());
    EXPECT_EQ(units[3].rank, 3);
}

TEST(ResultsTest, CombinesPredecessorsOfAMergedUnit) {
    UnitResult a = unit("XA01", "90.53", {"40", "50.53"});
    UnitResult b = unit("XA02", "80", {"30", "50"});
    auto one = combinePrevious({&a});
    ASSERT_TRUE(one);
    EXPECT_EQ(one->total, pts("90.53"));
    auto two = combinePrevious({&a, &b});
    EXPECT_EQ(two->basis, (std::vector<std::string>{"XA01", "XA02"}));
    EXPECT_EQ(two->total, pts("85.27"));  // 85.265 -> 85.27
    EXPECT_EQ(two->areas.at("2"), pts("50.27"));  // 50.265 -> 50.27
    EXPECT_FALSE(combinePrevious({}));
    EXPECT_EQ(two->areaMax.at("2"), pts("50"));
}

TEST(ResultsTest, AreaChangeComparesPointsOnlyOnTheSameScale) {
    const NodeTotal same{"1", "", pts("16"), pts("18"), 0};
    AreaChange c = areaChange(same, pts("15"), pts("18"));
    EXPECT_EQ(c.points, pts("1"));
    EXPECT_EQ(c.pct, pts("5.56"));  // 88.89 - 83.33
    // 18 -> 17: 16/17 (94.12 %) against 15/18 (83.33 %) is up 10.79 points of percentage, not
    // "+1 point".
    const NodeTotal rescaled{"1", "", pts("16"), pts("17"), 0};
    c = areaChange(rescaled, pts("15"), pts("18"));
    EXPECT_FALSE(c.points);
    EXPECT_EQ(c.pct, pts("10.79"));
    EXPECT_FALSE(areaChange(rescaled, pts("0"), pts("0")).pct);
}

// Property: for random data, area subtotals add up to the total, criteria to their areas, and
// ranks are a permutation-consistent ordering of the totals.
TEST(ResultsTest, PropertySubtotalsAddUpAndRanksFollowScores) {
    std::mt19937 rng(20221231);
    for (int round = 0; round < 200; ++round) {
        std::vector<UnitResult> units;
        int n = 1 + static_cast<int>(rng() % 25);
        for (int i = 0; i < n; ++i) {
            UnitScores in{"U" + std::to_string(i), "", {}, {}};
            for (const char* code : {"1.1.1", "1.1.2", "2.1.1"}) {
                if (rng() % 5 == 0)
                    continue;
                ItemScores s;
                s.self = Points::fromHundredths(rng() % 401);
                if (rng() % 2) s.step1 = Points::fromHundredths(rng() % 401);
                if (rng() % 3 == 0) s.step2 = Points::fromHundredths(rng() % 401);
                s.requested = rng() % 2;
                in.items[code] = s;
            }
            if (rng() % 2)
                in.survey["2.1.2"] = {Points::fromHundredths(rng() % 251), std::nullopt, "csv"};
            units.push_back(computeUnitResult(tree(), in, rng() % 2 ? SurveyMode::Import
                                                                     : SurveyMode::Rescale));
        }
        for (const UnitResult& u : units) {
            Points areaSum, criterionSum, subSum;
            for (const NodeTotal& a : u.areas) areaSum += a.points;
            for (const NodeTotal& c : u.criteria) criterionSum += c.points;
            for (const SubResult& s : u.subs) subSum += s.used;
            EXPECT_EQ(areaSum, u.total);
            EXPECT_EQ(criterionSum, u.total);
            EXPECT_EQ(subSum, u.total);
            EXPECT_EQ(u.appraised + u.survey, u.total);
        }
        rankAndGrade(units, TieRule::Competition, defaultGrades());
        for (std::size_t i = 0; i < units.size(); ++i) {
            int higher = 0;
            for (const UnitResult& o : units) higher += o.total > units[i].total ? 1 : 0;
            EXPECT_EQ(units[i].rank, higher + 1);
            if (i > 0) {
                EXPECT_LE(units[i - 1].rank, units[i].rank);
                EXPECT_GE(units[i - 1].total, units[i].total);
            }
        }
        TypeSummary s = summarize(units, defaultGrades());
        int counted = 0, tenths = 0;
        for (const GradeCount& g : s.grades) counted += g.count, tenths += g.tenthsPct;
        EXPECT_EQ(counted, n);
        EXPECT_EQ(tenths, 1000);
    }
}

// tree() with a bonus 1.1.3 (up to 1) and a penalty 1.1.4 (up to 2) in criterion 1.1 (max 10).
std::vector<CriteriaNode> treeWithAdjustments() {
    std::vector<CriteriaNode> t = tree();
    CriteriaNode bonus = sub("1.1.3", "1");
    bonus.adjustment = Adjustment::Bonus;
    CriteriaNode penalty = sub("1.1.4", "2");
    penalty.adjustment = Adjustment::Penalty;
    t[0].children[0].children.push_back(bonus);
    t[0].children[0].children.push_back(penalty);
    return t;
}

UnitScores appraised(std::string unit, std::map<std::string, const char*> step1) {
    UnitScores in{std::move(unit), "", {}, {}};
    for (const auto& [code, value] : step1) in.items[code] = scores(value, value, std::nullopt);
    return in;
}

TEST(ResultsTest, BonusAndPenaltyWithinRangeAddUpExactly) {
    UnitResult r = computeUnitResult(
        treeWithAdjustments(),
        appraised("XA01", {{"1.1.1", "5"}, {"1.1.2", "3"}, {"1.1.3", "1"}, {"1.1.4", "0.5"}}),
        SurveyMode::Import);
    EXPECT_EQ(r.criteria[0].points, pts("8.5"));  // 5 + 3 + 1 - 0.5
    EXPECT_EQ(r.criteria[0].max, pts("10"));      // adjustments stay out of the maximum
    EXPECT_FALSE(r.criteria[0].capped);
    EXPECT_EQ(r.areas[0].points, pts("8.5"));
    EXPECT_EQ(r.max, pts("20"));
    EXPECT_EQ(r.selfTotal, pts("8.5"));
    EXPECT_EQ(r.step1Total, pts("8.5"));
    EXPECT_EQ(r.appraised, pts("8.5"));
    EXPECT_EQ(subOf(r, "1.1.3").adjustment, Adjustment::Bonus);
    EXPECT_EQ(subOf(r, "1.1.4").adjustment, Adjustment::Penalty);
    EXPECT_EQ(subOf(r, "1.1.4").used, pts("0.5"));  // a magnitude
    EXPECT_EQ(subOf(r, "1.1.1").adjustment, Adjustment::None);
}

TEST(ResultsTest, ABonusPastTheCriterionMaximumIsCapped) {
    UnitResult r = computeUnitResult(
        treeWithAdjustments(),
        appraised("XA01", {{"1.1.1", "6"}, {"1.1.2", "3.5"}, {"1.1.3", "1"}}), SurveyMode::Import);
    EXPECT_EQ(r.criteria[0].points, pts("10"));  // 10.5 clamped to the criterion's 10
    EXPECT_TRUE(r.criteria[0].capped);
    EXPECT_EQ(r.areas[0].points, pts("10"));
    EXPECT_EQ(r.total, pts("10"));
    EXPECT_EQ(r.selfTotal, pts("10"));
    EXPECT_EQ(r.step1Total, pts("10"));
    EXPECT_EQ(r.step2Total, Points{});
}

TEST(ResultsTest, APenaltyLargerThanTheOrdinaryPointsFloorsAtZero) {
    UnitResult r =
        computeUnitResult(treeWithAdjustments(),
                          appraised("XA01", {{"1.1.1", "1"}, {"1.1.4", "2"}}), SurveyMode::Import);
    EXPECT_EQ(r.criteria[0].points, Points{});  // 1 - 2 floored at 0
    EXPECT_TRUE(r.criteria[0].capped);
    EXPECT_EQ(r.total, Points{});
    EXPECT_EQ(r.appraised, Points{});
    EXPECT_EQ(r.selfTotal, Points{});
}

TEST(ResultsTest, AnAdjustmentLeftEmptyIsNoneAndNotFlagged) {
    UnitResult r = computeUnitResult(
        treeWithAdjustments(),
        appraised("XA01", {{"1.1.1", "6"}, {"1.1.2", "4"}, {"2.1.1", "7.5"}}), SurveyMode::Rescale);
    EXPECT_EQ(subOf(r, "1.1.3").source, ValueSource::None);
    EXPECT_FALSE(subOf(r, "1.1.3").flagged);
    EXPECT_EQ(subOf(r, "1.1.4").why, "Không có điểm trừ");
    EXPECT_EQ(r.flaggedItems, 0);
    EXPECT_EQ(r.indexPct, pts("100"));
}

TEST(ResultsTest, AUnitWithAPenaltyRanksBelowAnOtherwiseEqualUnit) {
    std::map<std::string, const char*> same = {{"1.1.1", "5"}, {"1.1.2", "3"}, {"2.1.1", "7"}};
    std::map<std::string, const char*> penalised = same;
    penalised["1.1.4"] = "0.5";
    std::vector<UnitResult> units = {
        computeUnitResult(treeWithAdjustments(), appraised("XA01", penalised), SurveyMode::Rescale),
        computeUnitResult(treeWithAdjustments(), appraised("XA02", same), SurveyMode::Rescale)};
    rankAndGrade(units, TieRule::Competition, defaultGrades());
    EXPECT_EQ(units[0].unitCode, "XA02");
    EXPECT_EQ(units[0].rank, 1);
    EXPECT_EQ(units[1].unitCode, "XA01");
    EXPECT_EQ(units[1].rank, 2);
    EXPECT_EQ(units[1].total, units[0].total - pts("0.5"));
    EXPECT_EQ(units[1].areas[0].rank, 2);
    EXPECT_EQ(units[0].areas[1].rank, 1);  // area 2 has no penalty: a tie
    EXPECT_EQ(units[1].areas[1].rank, 1);
}

TEST(ResultsTest, NamesParseBack) {
    for (SurveyMode m : {SurveyMode::Import, SurveyMode::Rescale})
        EXPECT_EQ(parseSurveyMode(surveyModeName(m)), m);
    for (TieRule r : {TieRule::Competition, TieRule::Dense})
        EXPECT_EQ(parseTieRule(tieRuleName(r)), r);
    EXPECT_FALSE(parseSurveyMode("none"));
    EXPECT_FALSE(parseTieRule("olympic"));
    EXPECT_EQ(valueSourceName(ValueSource::Step2), "step2");
}

}  // namespace
}  // namespace kc
