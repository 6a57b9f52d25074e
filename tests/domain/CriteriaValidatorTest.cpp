#include "domain/CriteriaValidator.h"

#include <functional>

#include <gtest/gtest.h>

namespace kc {
namespace {

Points P(const char* text) {
    return Points::parse(text).value();
}

Scoring scoringOf(ScoringType type) {
    Scoring s;
    s.type = type;
    return s;
}

CriteriaNode sub(const char* code, const char* max, Scoring scoring) {
    CriteriaNode n;
    n.code = code;
    n.name = std::string("Tiêu chí thành phần ") + code;
    n.maxPoints = P(max);
    n.level = NodeLevel::SubCriterion;
    n.scoring = std::move(scoring);
    n.evidenceRequired = true;
    n.minFiles = 1;
    return n;
}

CriteriaNode parent(const char* code, NodeLevel level, const char* max,
                    std::vector<CriteriaNode> children) {
    CriteriaNode n;
    n.code = code;
    n.name = std::string("Nút ") + code;
    n.maxPoints = P(max);
    n.level = level;
    n.children = std::move(children);
    return n;
}

// A small valid set using every scoring type: 10 points = 7 appraisal + 3 survey.
CriteriaSet validSet() {
    Scoring levels = scoringOf(ScoringType::Levels);
    levels.levels = {{"Kịp thời", P("2")}, {"Chậm", P("1")}, {"Không", P("0")}};
    Scoring bands = scoringOf(ScoringType::Bands);
    bands.bands = {
        {P("90"), std::nullopt, P("2")}, {P("70"), P("90"), P("1")}, {P("0"), P("70"), P("0")}};
    Scoring proportional = scoringOf(ScoringType::Proportional);
    proportional.targetPct = P("100");
    Scoring deduction = scoringOf(ScoringType::Deduction);
    deduction.perViolation = P("0.5");
    CriteriaNode survey = sub("2.1.1", "3", scoringOf(ScoringType::Survey));
    survey.assessedBy = AssessedBy::Survey;
    survey.selfScored = false;
    survey.evidenceRequired = false;
    survey.minFiles = 0;

    CriteriaSet set;
    set.year = 2022;
    set.title = "Bộ tiêu chí thử";
    set.scale = {P("10"), P("7"), P("3")};
    set.areas = {
        parent("1", NodeLevel::Area, "7",
               {parent("1.1", NodeLevel::Criterion, "4",
                       {sub("1.1.1", "2", levels), sub("1.1.2", "2", bands)}),
                parent("1.2", NodeLevel::Criterion, "3",
                       {sub("1.2.1", "1.5", proportional), sub("1.2.2", "1.5", deduction)})}),
        parent("2", NodeLevel::Area, "3",
               {parent("2.1", NodeLevel::Criterion, "3", {std::move(survey)})}),
    };
    set.grades = {
        {"Tốt", P("85"), std::nullopt}, {"Khá", P("70"), P("85")}, {"Yếu", std::nullopt, P("70")}};
    return set;
}

CriteriaNode& node(CriteriaSet& s, std::size_t a) {
    return s.areas[a];
}
CriteriaNode& node(CriteriaSet& s, std::size_t a, std::size_t c) {
    return s.areas[a].children[c];
}
CriteriaNode& node(CriteriaSet& s, std::size_t a, std::size_t c, std::size_t k) {
    return s.areas[a].children[c].children[k];
}

std::string dump(const std::vector<ErrorDetail>& details) {
    std::string out;
    for (const auto& d : details) out += "  " + d.path + ": " + d.message + "\n";
    return out;
}

::testing::AssertionResult hasDetail(const std::vector<ErrorDetail>& details,
                                     const std::string& path, const std::string& part) {
    for (const auto& d : details)
        if (d.path == path && d.message.find(part) != std::string::npos)
            return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "no detail at " << path << " containing \"" << part << "\"; got:\n"
           << dump(details);
}

TEST(CriteriaValidatorTest, ValidSetHasNoProblems) {
    auto problems = validateCriteriaSet(validSet());
    EXPECT_TRUE(problems.empty()) << dump(problems);
}

TEST(CriteriaValidatorTest, UndeclaredScaleIsNotChecked) {
    CriteriaSet s = validSet();
    s.scale = {};
    auto problems = validateCriteriaSet(s);
    EXPECT_TRUE(problems.empty()) << dump(problems);
}

TEST(CriteriaValidatorTest, SumMessageNamesBothValuesWithDecimalComma) {
    CriteriaSet s = validSet();
    node(s, 0, 0).maxPoints = P("4.5");
    auto problems = validateCriteriaSet(s);
    EXPECT_TRUE(hasDetail(problems, "$.areas[0].criteria[0].max_points",
                          "Tổng điểm tối đa các tiêu chí thành phần (4,00) khác điểm tối đa của "
                          "tiêu chí 1.1 (4,50)"));
}

TEST(CriteriaValidatorTest, ReportsEveryIndependentProblemTogether) {
    CriteriaSet s = validSet();
    s.title = "";
    node(s, 0, 1, 0).scoring.targetPct = P("0");
    node(s, 1, 0, 0).selfScored = true;
    s.grades[1].grade = "Tốt";
    auto problems = validateCriteriaSet(s);
    EXPECT_GE(problems.size(), 4u) << dump(problems);
    EXPECT_TRUE(hasDetail(problems, "$.title", "không được để trống"));
    EXPECT_TRUE(hasDetail(problems, "$.areas[0].criteria[1].sub_criteria[0].scoring.target_pct",
                          "lớn hơn 0"));
    EXPECT_TRUE(hasDetail(problems, "$.areas[1].criteria[0].sub_criteria[0].self_scored",
                          "không được tự chấm"));
    EXPECT_TRUE(hasDetail(problems, "$.classification.grades[1].grade", "bị trùng"));
}

// Criterion 1.1 of validSet() with a bonus of up to 1 and a penalty of up to 2 outside its
// maximum of 4.
CriteriaSet setWithAdjustments() {
    CriteriaSet s = validSet();
    Scoring bonusLevels = scoringOf(ScoringType::Levels);
    bonusLevels.levels = {{"Có sáng kiến", P("1")}, {"Không", P("0")}};
    CriteriaNode bonus = sub("1.1.3", "1", bonusLevels);
    bonus.adjustment = Adjustment::Bonus;
    Scoring penaltyProportional = scoringOf(ScoringType::Proportional);
    penaltyProportional.targetPct = P("100");
    CriteriaNode penalty = sub("1.1.4", "2", penaltyProportional);
    penalty.adjustment = Adjustment::Penalty;
    node(s, 0, 0).children.push_back(bonus);
    node(s, 0, 0).children.push_back(penalty);
    return s;
}

TEST(CriteriaValidatorTest, AdjustmentItemsStayOutsideTheirCriterionsMaximum) {
    auto problems = validateCriteriaSet(setWithAdjustments());
    EXPECT_TRUE(problems.empty()) << dump(problems);
}

TEST(CriteriaValidatorTest, ACriterionOfAdjustmentItemsAloneIsRefused) {
    CriteriaSet s = setWithAdjustments();
    node(s, 0, 0).children[0].adjustment = Adjustment::Bonus;
    node(s, 0, 0).children[1].adjustment = Adjustment::Penalty;
    auto problems = validateCriteriaSet(s);
    EXPECT_TRUE(hasDetail(problems, "$.areas[0].criteria[0].sub_criteria",
                          "Chưa có tiêu chí thành phần thông thường nào trong tiêu chí 1.1"));
}

struct Case {
    const char* name;
    std::function<void(CriteriaSet&)> mutate;
    std::string path;
    std::string messagePart;
};

const std::string kSub110 = "$.areas[0].criteria[0].sub_criteria[0]";  // 1.1.1, levels
const std::string kSub111 = "$.areas[0].criteria[0].sub_criteria[1]";  // 1.1.2, bands
const std::string kSub120 = "$.areas[0].criteria[1].sub_criteria[0]";  // 1.2.1, proportional
const std::string kSub121 = "$.areas[0].criteria[1].sub_criteria[1]";  // 1.2.2, deduction
const std::string kSub200 = "$.areas[1].criteria[0].sub_criteria[0]";  // 2.1.1, survey

void PrintTo(const Case& c, std::ostream* os) {
    *os << c.name;
}

class CriteriaRuleTest : public ::testing::TestWithParam<Case> {};

TEST_P(CriteriaRuleTest, IsReportedAtItsPath) {
    const Case& c = GetParam();
    CriteriaSet s = validSet();
    c.mutate(s);
    EXPECT_TRUE(hasDetail(validateCriteriaSet(s), c.path, c.messagePart));
}

// clang-format off
const Case kCases[] = {
    {"BlankTitle", [](CriteriaSet& s) { s.title = "  "; }, "$.title", "Tên bộ tiêu chí"},
    {"ZeroYear", [](CriteriaSet& s) { s.year = 0; }, "$.year", "Năm áp dụng"},
    {"NoAreas", [](CriteriaSet& s) { s.areas.clear(); }, "$.areas", "chưa có lĩnh vực"},
    {"AreaCodeLeadingZero", [](CriteriaSet& s) { node(s, 0).code = "01"; },
     "$.areas[0].code", "không đúng dạng N (ví dụ 1)"},
    {"AreaCodeWithDot", [](CriteriaSet& s) { node(s, 0).code = "1.1"; },
     "$.areas[0].code", "không đúng dạng"},
    {"MissingAreaCode", [](CriteriaSet& s) { node(s, 0).code = ""; },
     "$.areas[0].code", "Thiếu mã lĩnh vực"},
    {"CriterionCodeOfOtherArea", [](CriteriaSet& s) { node(s, 0, 0).code = "2.5"; },
     "$.areas[0].criteria[0].code", "phải bắt đầu bằng mã cấp trên \"1.\""},
    {"CriterionCodeMalformed", [](CriteriaSet& s) { node(s, 0, 0).code = "1"; },
     "$.areas[0].criteria[0].code", "không đúng dạng N.M"},
    {"SubCodeOfOtherCriterion", [](CriteriaSet& s) { node(s, 0, 0, 0).code = "1.3.1"; },
     kSub110 + ".code", "phải bắt đầu bằng mã cấp trên \"1.1.\""},
    {"SubCodeMalformed", [](CriteriaSet& s) { node(s, 0, 0, 0).code = "1.1.a"; },
     kSub110 + ".code", "không đúng dạng N.M.K"},
    {"DuplicateSubCode", [](CriteriaSet& s) { node(s, 0, 0, 1).code = "1.1.1"; },
     kSub111 + ".code", "bị trùng với " + kSub110},
    {"DuplicateAreaCode", [](CriteriaSet& s) { node(s, 1).code = "1"; },
     "$.areas[1].code", "bị trùng"},
    {"BlankAreaName", [](CriteriaSet& s) { node(s, 0).name = ""; },
     "$.areas[0].name", "Tên lĩnh vực 1 không được để trống"},
    {"BlankSubName", [](CriteriaSet& s) { node(s, 0, 0, 0).name = " \t"; },
     kSub110 + ".name", "không được để trống"},
    {"ZeroMax", [](CriteriaSet& s) { node(s, 0, 0, 0).maxPoints = P("0"); },
     kSub110 + ".max_points", "phải lớn hơn 0 (đang là 0,00)"},
    {"NegativeMax", [](CriteriaSet& s) { node(s, 0, 1).maxPoints = P("-3"); },
     "$.areas[0].criteria[1].max_points", "phải lớn hơn 0 (đang là -3,00)"},
    {"AreaSumMismatch", [](CriteriaSet& s) { node(s, 1).maxPoints = P("3.5"); },
     "$.areas[1].max_points", "Tổng điểm tối đa các tiêu chí (3,00)"},
    {"AreaWithoutCriteria", [](CriteriaSet& s) { node(s, 1).children.clear(); },
     "$.areas[1].criteria", "Chưa có tiêu chí nào"},
    {"CriterionWithoutSubs", [](CriteriaSet& s) { node(s, 1, 0).children.clear(); },
     "$.areas[1].criteria[0].sub_criteria", "Chưa có tiêu chí thành phần nào"},
    {"SubWithChildren",
     [](CriteriaSet& s) { node(s, 0, 0, 0).children.push_back(node(s, 0, 0, 1)); },
     kSub110, "không được có cấp con"},
    {"NoLevels", [](CriteriaSet& s) { node(s, 0, 0, 0).scoring.levels.clear(); },
     kSub110 + ".scoring.levels", "ít nhất một mức"},
    {"LevelAboveMax", [](CriteriaSet& s) { node(s, 0, 0, 0).scoring.levels[0].points = P("2.5"); },
     kSub110 + ".scoring.levels[0].points", "phải nằm trong khoảng 0 đến 2,00"},
    {"NegativeLevel", [](CriteriaSet& s) { node(s, 0, 0, 0).scoring.levels[2].points = P("-1"); },
     kSub110 + ".scoring.levels[2].points", "phải nằm trong khoảng"},
    {"NoLevelAtMax", [](CriteriaSet& s) { node(s, 0, 0, 0).scoring.levels[0].points = P("1.5"); },
     kSub110 + ".scoring.levels", "Không có mức nào bằng điểm tối đa (2,00)"},
    {"UnnamedLevel", [](CriteriaSet& s) { node(s, 0, 0, 0).scoring.levels[1].label = ""; },
     kSub110 + ".scoring.levels[1].label", "Mức thứ 2 chưa có tên"},
    {"NoBands", [](CriteriaSet& s) { node(s, 0, 0, 1).scoring.bands.clear(); },
     kSub111 + ".scoring.bands", "ít nhất một khoảng"},
    {"BandAboveMax", [](CriteriaSet& s) { node(s, 0, 0, 1).scoring.bands[0].points = P("3"); },
     kSub111 + ".scoring.bands[0].points", "phải nằm trong khoảng 0 đến 2,00"},
    {"BandEmptyRange", [](CriteriaSet& s) { node(s, 0, 0, 1).scoring.bands[1].minPct = P("90"); },
     kSub111 + ".scoring.bands[1].max_pct_exclusive", "phải lớn hơn cận dưới (90,00%)"},
    {"BandNegativeMin", [](CriteriaSet& s) { node(s, 0, 0, 1).scoring.bands[2].minPct = P("-5"); },
     kSub111 + ".scoring.bands[2].min_pct", "không được âm"},
    {"BandsOverlap", [](CriteriaSet& s) { node(s, 0, 0, 1).scoring.bands[1].minPct = P("60"); },
     kSub111 + ".scoring.bands[2]", "chồng lấn với khoảng thứ 2"},
    {"NoTarget", [](CriteriaSet& s) { node(s, 0, 1, 0).scoring.targetPct.reset(); },
     kSub120 + ".scoring.target_pct", "tỷ lệ mục tiêu"},
    {"ZeroTarget", [](CriteriaSet& s) { node(s, 0, 1, 0).scoring.targetPct = P("0"); },
     kSub120 + ".scoring.target_pct", "lớn hơn 0 và không quá 100%"},
    {"TargetOver100", [](CriteriaSet& s) { node(s, 0, 1, 0).scoring.targetPct = P("100.01"); },
     kSub120 + ".scoring.target_pct", "(đang là 100,01%)"},
    {"NoPerViolation", [](CriteriaSet& s) { node(s, 0, 1, 1).scoring.perViolation.reset(); },
     kSub121 + ".scoring.per_violation", "per_violation"},
    {"ZeroPerViolation", [](CriteriaSet& s) { node(s, 0, 1, 1).scoring.perViolation = P("0"); },
     kSub121 + ".scoring.per_violation", "phải lớn hơn 0"},
    {"SurveyTypeAppraised",
     [](CriteriaSet& s) { node(s, 0, 0, 0).scoring = scoringOf(ScoringType::Survey); },
     kSub110 + ".assessed_by", "phải có assessed_by là \"survey\""},
    {"SurveySelfScored", [](CriteriaSet& s) { node(s, 1, 0, 0).selfScored = true; },
     kSub200 + ".self_scored", "không được tự chấm"},
    {"SurveyAssessedWithLevels",
     [](CriteriaSet& s) { node(s, 1, 0, 0).scoring = node(s, 0, 0, 0).scoring; },
     kSub200 + ".scoring.type", "phải dùng cách chấm \"survey\" (đang là \"levels\")"},
    {"NegativeMinFiles", [](CriteriaSet& s) { node(s, 0, 0, 0).minFiles = -1; },
     kSub110 + ".min_files", "không được âm"},
    {"EvidenceRequiredNoFiles", [](CriteriaSet& s) { node(s, 0, 0, 0).minFiles = 0; },
     kSub110 + ".min_files", "từ 1 trở lên"},
    {"ScaleNotAdding", [](CriteriaSet& s) { s.scale.surveyPoints = P("2"); },
     "$.scale.total_points", "khác điểm thẩm định (7,00) cộng điểm điều tra xã hội học (2,00)"},
    {"ScaleNegative", [](CriteriaSet& s) { s.scale.surveyPoints = P("-3"); },
     "$.scale.survey_points", "không được âm"},
    {"AreasNotTotal",
     [](CriteriaSet& s) { s.scale = {P("100"), P("70"), P("30")}; },
     "$.scale.total_points", "Tổng điểm tối đa các lĩnh vực (10,00) khác tổng điểm của thang"},
    {"AppraisalSumMismatch", [](CriteriaSet& s) { s.scale = {P("10"), P("8"), P("2")}; },
     "$.scale.appraisal_points", "do thẩm định (7,00) khác điểm thẩm định của thang (8,00)"},
    {"SurveySumMismatch", [](CriteriaSet& s) { s.scale = {P("10"), P("8"), P("2")}; },
     "$.scale.survey_points", "do điều tra xã hội học (3,00) khác điểm điều tra của thang (2,00)"},
    {"UnnamedGrade", [](CriteriaSet& s) { s.grades[0].grade = ""; },
     "$.classification.grades[0].grade", "Xếp loại thứ 1 chưa có tên"},
    {"DuplicateGrade", [](CriteriaSet& s) { s.grades[2].grade = "Khá"; },
     "$.classification.grades[2].grade", "bị trùng"},
    {"EmptyGradeRange", [](CriteriaSet& s) { s.grades[1].minPct = P("85"); },
     "$.classification.grades[1].max_pct_exclusive", "phải lớn hơn cận dưới"},
    {"GradesOverlap", [](CriteriaSet& s) { s.grades[1].maxPctExclusive = P("90"); },
     "$.classification.grades[1]", "chồng lấn với khoảng từ 85,00% của xếp loại \"Tốt\""},
    {"GradesLeaveAGap", [](CriteriaSet& s) { s.grades[1].minPct = P("80"); },
     "$.classification.grades", "Chỉ số từ 70,00% đến 79,99% không thuộc xếp loại nào"},
    {"UnboundedGradeOverlapsAll",
     [](CriteriaSet& s) { s.grades.push_back({"Tất cả", std::nullopt, std::nullopt}); },
     "$.classification.grades[3]", "Khoảng mọi tỷ lệ của xếp loại \"Tất cả\" chồng lấn"},
    {"AdjustmentCountedInMaximum",
     [](CriteriaSet& s) { node(s, 0, 0).children[1].adjustment = Adjustment::Bonus; },
     "$.areas[0].criteria[0].max_points",
     "Tổng điểm tối đa các tiêu chí thành phần (2,00) khác điểm tối đa của tiêu chí 1.1 (4,00)"},
    {"DeductionAdjustment",
     [](CriteriaSet& s) { node(s, 0, 1, 1).adjustment = Adjustment::Penalty; },
     kSub121 + ".scoring.type", "Điểm trừ 1.2.2 không dùng được cách chấm \"deduction\""},
    {"SurveyAdjustment",
     [](CriteriaSet& s) { node(s, 1, 0, 0).adjustment = Adjustment::Bonus; },
     kSub200 + ".assessed_by", "Điểm thưởng 2.1.1 phải do thẩm định đánh giá"},
    {"SurveyScoredAdjustment",
     [](CriteriaSet& s) { node(s, 1, 0, 0).adjustment = Adjustment::Bonus; },
     kSub200 + ".scoring.type", "không dùng được cách chấm \"survey\""},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Rules, CriteriaRuleTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace kc
