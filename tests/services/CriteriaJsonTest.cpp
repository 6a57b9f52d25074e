#include "services/CriteriaJson.h"

#include <fstream>
#include <sstream>

#include <Poco/JSON/Stringifier.h>
#include <gtest/gtest.h>

#include "domain/CriteriaValidator.h"

namespace kc {
namespace {

std::string readSample() {
    std::ifstream in(std::string(KC_SOURCE_DIR) + "/config/demo/criteria-2022-huyen.json",
                     std::ios::binary);
    EXPECT_TRUE(in) << "sample not found under " << KC_SOURCE_DIR;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string stringify(const Poco::JSON::Object::Ptr& o) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(o, out);
    return out.str();
}

Points P(const char* text) {
    return Points::parse(text).value();
}

std::string dump(const std::vector<ErrorDetail>& details) {
    std::string out;
    for (const auto& d : details) out += "  " + d.path + ": " + d.message + "\n";
    return out;
}

::testing::AssertionResult hasDetail(const Result<CriteriaSet>& r, const std::string& path,
                                     const std::string& part) {
    if (r.ok())
        return ::testing::AssertionFailure() << "parsed without error";
    for (const auto& d : r.error().details)
        if (d.path == path && d.message.find(part) != std::string::npos)
            return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "no detail at " << path << " containing \"" << part << "\"; got:\n"
           << dump(r.error().details);
}

// A small valid document with every scoring type and some descriptive extras.
const std::string kMinimal = R"({
  "schema_version": "1.0", "year": 2022, "title": "Bộ tiêu chí thử", "origin": "test",
  "scale": {"total_points": 10, "appraisal_points": 7, "survey_points": 3, "rounding": "2"},
  "areas": [
    {"code": "1", "name": "Chỉ đạo điều hành", "max_points": 7, "origin": "real", "criteria": [
      {"code": "1.1", "name": "Kế hoạch", "max_points": 4, "sub_criteria": [
        {"code": "1.1.1", "name": "Ban hành kế hoạch", "max_points": 2, "assessed_by": "appraisal",
         "scoring": {"type": "levels", "levels": [{"label": "Kịp thời", "points": 2},
                     {"label": "Chậm", "points": 1}, {"label": "Không", "points": 0}]},
         "evidence_required": true, "evidence_documents": ["Kế hoạch CCHC"]},
        {"code": "1.1.2", "name": "Mức độ hoàn thành", "max_points": 2, "assessed_by": "appraisal",
         "scoring": {"type": "bands", "metric_unit": "percent", "bands": [
           {"min_pct": 90, "max_pct_exclusive": null, "points": 2},
           {"min_pct": 0, "max_pct_exclusive": 90, "points": 1.25}]}}]},
      {"code": "1.2", "name": "Kiểm tra", "max_points": 3, "sub_criteria": [
        {"code": "1.2.1", "name": "Tỷ lệ kiểm tra", "max_points": 1.5, "assessed_by": "appraisal",
         "scoring": {"type": "proportional", "target_pct": 30, "metric": "số đơn vị",
                     "formula": "x"}, "note": "ghi chú"},
        {"code": "1.2.2", "name": "Vi phạm", "max_points": 1.5, "assessed_by": "appraisal",
         "scoring": {"type": "deduction", "per_violation": 0.5, "violation": "mỗi vi phạm",
                     "start": "max_points", "floor": 0}}]}]},
    {"code": "2", "note": "ghi chú", "name": "Hài lòng", "max_points": 3, "criteria": [
      {"code": "2.1", "name": "Khảo sát", "max_points": 3, "sub_criteria": [
        {"code": "2.1.1", "name": "Mức độ hài lòng", "max_points": 3, "assessed_by": "survey",
         "scoring": {"type": "survey", "respondents": "người dân"}}]}]}],
  "classification": {"basis": "index_pct", "grades": [{"grade": "Tốt", "min_pct": 85},
                     {"grade": "Khá", "max_pct_exclusive": 85}]}
})";

// `doc` with the first occurrence of `from` replaced by `to` (which must exist).
std::string replaced(std::string doc, const std::string& from, const std::string& to) {
    std::size_t at = doc.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos)
        doc.replace(at, from.size(), to);
    return doc;
}

std::string edited(const std::string& from, const std::string& to) {
    return replaced(kMinimal, from, to);
}

std::size_t countNodes(const std::vector<CriteriaNode>& nodes) {
    std::size_t n = 0;
    for (const auto& node : nodes) n += 1 + countNodes(node.children);
    return n;
}

void expectSameNodes(const std::vector<CriteriaNode>& a, const std::vector<CriteriaNode>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const CriteriaNode& x = a[i];
        const CriteriaNode& y = b[i];
        SCOPED_TRACE(x.code);
        EXPECT_EQ(x.code, y.code);
        EXPECT_EQ(x.name, y.name);
        EXPECT_EQ(x.maxPoints, y.maxPoints);
        EXPECT_EQ(x.level, y.level);
        EXPECT_EQ(x.assessedBy, y.assessedBy);
        EXPECT_EQ(x.adjustment, y.adjustment);
        EXPECT_EQ(x.scoring.type, y.scoring.type);
        ASSERT_EQ(x.scoring.levels.size(), y.scoring.levels.size());
        for (std::size_t k = 0; k < x.scoring.levels.size(); ++k) {
            EXPECT_EQ(x.scoring.levels[k].label, y.scoring.levels[k].label);
            EXPECT_EQ(x.scoring.levels[k].points, y.scoring.levels[k].points);
        }
        ASSERT_EQ(x.scoring.bands.size(), y.scoring.bands.size());
        for (std::size_t k = 0; k < x.scoring.bands.size(); ++k) {
            EXPECT_EQ(x.scoring.bands[k].minPct, y.scoring.bands[k].minPct);
            EXPECT_EQ(x.scoring.bands[k].maxPctExclusive, y.scoring.bands[k].maxPctExclusive);
            EXPECT_EQ(x.scoring.bands[k].points, y.scoring.bands[k].points);
        }
        EXPECT_EQ(x.scoring.targetPct, y.scoring.targetPct);
        EXPECT_EQ(x.scoring.perViolation, y.scoring.perViolation);
        EXPECT_EQ(x.scoring.metric, y.scoring.metric);
        EXPECT_EQ(x.scoring.violation, y.scoring.violation);
        EXPECT_EQ(x.selfScored, y.selfScored);
        EXPECT_EQ(x.evidenceRequired, y.evidenceRequired);
        EXPECT_EQ(x.minFiles, y.minFiles);
        EXPECT_EQ(x.expectedDocuments, y.expectedDocuments);
        EXPECT_EQ(x.explanationRequiredIfNoEvidence, y.explanationRequiredIfNoEvidence);
        EXPECT_EQ(x.note, y.note);
        expectSameNodes(x.children, y.children);
    }
}

void expectSameSet(const CriteriaSet& a, const CriteriaSet& b) {
    EXPECT_EQ(a.year, b.year);
    EXPECT_EQ(a.unitTypeCode, b.unitTypeCode);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.scale.totalPoints, b.scale.totalPoints);
    EXPECT_EQ(a.scale.appraisalPoints, b.scale.appraisalPoints);
    EXPECT_EQ(a.scale.surveyPoints, b.scale.surveyPoints);
    ASSERT_EQ(a.grades.size(), b.grades.size());
    for (std::size_t i = 0; i < a.grades.size(); ++i) {
        EXPECT_EQ(a.grades[i].grade, b.grades[i].grade);
        EXPECT_EQ(a.grades[i].minPct, b.grades[i].minPct);
        EXPECT_EQ(a.grades[i].maxPctExclusive, b.grades[i].maxPctExclusive);
    }
    expectSameNodes(a.areas, b.areas);
}

TEST(CriteriaJsonTest, SampleImportsWithItsRealShape) {
    auto r = parseCriteriaJson(readSample());
    ASSERT_TRUE(r.ok()) << dump(r.error().details);
    const CriteriaSet& s = *r;
    EXPECT_EQ(s.year, 2022);
    EXPECT_EQ(s.unitTypeCode, "");
    EXPECT_NE(s.title.find("UBND cấp huyện"), std::string::npos);
    EXPECT_EQ(s.scale.totalPoints, P("100"));
    EXPECT_EQ(s.scale.appraisalPoints, P("70"));
    EXPECT_EQ(s.scale.surveyPoints, P("30"));
    ASSERT_EQ(s.areas.size(), 8u);
    std::size_t criteria = 0, subs = 0, surveySubs = 0;
    for (const auto& a : s.areas)
        for (const auto& c : a.children) {
            ++criteria;
            for (const auto& k : c.children) {
                ++subs;
                EXPECT_EQ(k.level, NodeLevel::SubCriterion);
                if (k.assessedBy == AssessedBy::Survey) {
                    ++surveySubs;
                    EXPECT_FALSE(k.selfScored) << k.code;
                }
            }
        }
    EXPECT_EQ(criteria, 36u);
    EXPECT_EQ(subs, 79u);
    EXPECT_EQ(surveySubs, 21u);
    EXPECT_EQ(countNodes(s.areas), 123u);
    EXPECT_EQ(s.areas[5].code, "6");
    EXPECT_EQ(s.areas[5].maxPoints.hundredths(), 1150);
    EXPECT_EQ(s.grades.size(), 4u);
    EXPECT_FALSE(s.grades[3].minPct.has_value());
    EXPECT_EQ(s.grades[3].maxPctExclusive, P("50"));

    const CriteriaNode& k113 = s.areas[0].children[0].children[2];
    ASSERT_EQ(k113.code, "1.1.3");
    EXPECT_EQ(k113.scoring.type, ScoringType::Bands);
    ASSERT_EQ(k113.scoring.bands.size(), 3u);
    EXPECT_EQ(k113.scoring.bands[0].minPct, P("90"));
    EXPECT_FALSE(k113.scoring.bands[0].maxPctExclusive.has_value());
    EXPECT_EQ(k113.scoring.bands[0].points, P("2"));
    EXPECT_EQ(k113.scoring.bands[2].maxPctExclusive, P("70"));
    EXPECT_EQ(k113.minFiles, 1);
    EXPECT_TRUE(validateCriteriaSet(s).empty());
}

TEST(CriteriaJsonTest, SampleRoundTripsThroughTheApiTree) {
    auto first = parseCriteriaJson(readSample());
    ASSERT_TRUE(first.ok());
    auto tree = criteriaSetToJson(*first);
    std::string text = stringify(tree);
    EXPECT_NE(text.find(R"("max_points":11.5,"max_points_text":"11.50")"), std::string::npos);
    auto second = parseCriteriaJson(text);
    ASSERT_TRUE(second.ok()) << dump(second.error().details);
    expectSameSet(*first, *second);
    EXPECT_EQ(stringify(criteriaSetToJson(*second)), text);
}

TEST(CriteriaJsonTest, MinimalDocumentAppliesDefaults) {
    auto r = parseCriteriaJson(kMinimal);
    ASSERT_TRUE(r.ok()) << dump(r.error().details);
    const auto& k111 = r->areas[0].children[0].children[0];
    EXPECT_TRUE(k111.selfScored);
    EXPECT_EQ(k111.minFiles, 1);
    EXPECT_TRUE(k111.explanationRequiredIfNoEvidence);
    EXPECT_EQ(k111.expectedDocuments, std::vector<std::string>{"Kế hoạch CCHC"});
    const auto& k112 = r->areas[0].children[0].children[1];
    EXPECT_FALSE(k112.evidenceRequired);
    EXPECT_EQ(k112.minFiles, 0);
    EXPECT_FALSE(k112.explanationRequiredIfNoEvidence);
    EXPECT_EQ(k112.scoring.bands[1].points, P("1.25"));
    const auto& k121 = r->areas[0].children[1].children[0];
    EXPECT_EQ(k121.scoring.targetPct, P("30"));
    EXPECT_EQ(k121.scoring.metric, "số đơn vị");
    EXPECT_EQ(k121.note, "ghi chú");
    EXPECT_EQ(r->areas[0].children[1].children[1].scoring.perViolation, P("0.5"));
    const auto& k211 = r->areas[1].children[0].children[0];
    EXPECT_EQ(k211.assessedBy, AssessedBy::Survey);
    EXPECT_FALSE(k211.selfScored);
    EXPECT_EQ(r->grades[0].minPct, P("85"));
    EXPECT_FALSE(r->grades[0].maxPctExclusive.has_value());
}

// Windows Notepad saves UTF-8 with a byte order mark.
TEST(CriteriaJsonTest, ALeadingByteOrderMarkIsIgnored) {
    auto r = parseCriteriaJson("\xEF\xBB\xBF" + std::string(kMinimal));
    ASSERT_TRUE(r.ok()) << dump(r.error().details);
    EXPECT_EQ(r->areas[0].children[0].children[0].code, "1.1.1");
}

TEST(CriteriaJsonTest, UnitTypeCodeIsReadAndApiExtrasAreIgnored) {
    auto r =
        parseCriteriaJson(edited(R"("year": 2022,)", R"("year": 2022, "unit_type_code": "xa",)"));
    ASSERT_TRUE(r.ok()) << dump(r.error().details);
    EXPECT_EQ(r->unitTypeCode, "xa");
    CriteriaSet s = *r;
    s.id = 7;
    s.version = 2;
    s.sourceSha256 = "ab";
    auto again = parseCriteriaJson(stringify(criteriaSetToJson(s)));
    ASSERT_TRUE(again.ok()) << dump(again.error().details);
    expectSameSet(s, *again);
}

TEST(CriteriaJsonTest, DecomposedTextComesBackComposed) {
    // "Tiếng" with e + U+0302 + U+0301, once as raw bytes and once as \u escapes.
    std::string doc =
        edited(R"("title": "Bộ tiêu chí thử")", "\"title\": \"Tie\xcc\x82\xcc\x81ng\"");
    doc = replaced(doc, "Ban hành kế hoạch", R"(Tie\u0302\u0301ng Vi\u00EA\u0323t)");
    auto r = parseCriteriaJson(doc);
    ASSERT_TRUE(r.ok()) << dump(r.error().details);
    EXPECT_EQ(r->title, "Tiếng");
    EXPECT_EQ(r->areas[0].children[0].children[0].name, "Tiếng Việt");
}

TEST(CriteriaJsonTest, StructuralProblemsAreAllReportedTogether) {
    std::string doc = edited(R"("year": 2022)", R"("year": "2022")");
    doc = replaced(doc, R"("target_pct": 30)", R"("target_pct": 30.001)");
    doc = replaced(doc, R"("type": "deduction")", R"("type": "penalty")");
    auto r = parseCriteriaJson(doc);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(r.error().message, "Bộ tiêu chí không hợp lệ");
    EXPECT_GE(r.error().details.size(), 3u);
    EXPECT_TRUE(hasDetail(r, "$.year", "số nguyên"));
    EXPECT_TRUE(hasDetail(r, "$.areas[0].criteria[1].sub_criteria[0].scoring.target_pct",
                          "quá 2 chữ số thập phân"));
    EXPECT_TRUE(hasDetail(r, "$.areas[0].criteria[1].sub_criteria[1].scoring.type", "penalty"));
}

TEST(CriteriaJsonTest, RuleViolationsFailAfterStructureIsSound) {
    auto r = parseCriteriaJson(edited(R"("name": "Kiểm tra", "max_points": 3)",
                                      R"("name": "Kiểm tra", "max_points": 3.5)"));
    ASSERT_TRUE(hasDetail(r, "$.areas[0].criteria[1].max_points",
                          "Tổng điểm tối đa các tiêu chí thành phần (3,00) khác điểm tối đa của "
                          "tiêu chí 1.2 (3,50)"));
    EXPECT_EQ(r.error().message, "Bộ tiêu chí không hợp lệ");
}

TEST(CriteriaJsonTest, RuleViolationsWaitForStructuralFixes) {
    std::string doc = edited(R"("name": "Kiểm tra", "max_points": 3)",
                             R"("name": "Kiểm tra", "max_points": 3.5)");
    auto r = parseCriteriaJson(replaced(doc, R"("year": 2022)", R"("year": true)"));
    EXPECT_TRUE(hasDetail(r, "$.year", "Phải là số nguyên (đang là true/false)"));
    EXPECT_FALSE(hasDetail(r, "$.areas[0].criteria[1].max_points", "Tổng điểm"));
}

struct EditCase {
    const char* name;
    std::string from;
    std::string to;
    std::string path;
    std::string messagePart;
};

const std::string kK111 = "$.areas[0].criteria[0].sub_criteria[0]";
const std::string kK112 = "$.areas[0].criteria[0].sub_criteria[1]";
const std::string kK121 = "$.areas[0].criteria[1].sub_criteria[0]";
const std::string kK211 = "$.areas[1].criteria[0].sub_criteria[0]";

void PrintTo(const EditCase& c, std::ostream* os) {
    *os << c.name;
}

class CriteriaJsonStructureTest : public ::testing::TestWithParam<EditCase> {};

TEST_P(CriteriaJsonStructureTest, IsReportedAtItsPath) {
    const EditCase& c = GetParam();
    EXPECT_TRUE(hasDetail(parseCriteriaJson(edited(c.from, c.to)), c.path, c.messagePart));
}

// clang-format off
const EditCase kEditCases[] = {
    {"YearAsText", R"("year": 2022)", R"("year": "2022")", "$.year",
     "Phải là số nguyên (đang là chuỗi)"},
    {"YearTooLarge", R"("year": 2022)", R"("year": 99999999999)", "$.year", "quá lớn"},
    {"TitleMissing", R"("title": "Bộ tiêu chí thử",)", "", "$.title",
     "Thiếu trường bắt buộc \"title\""},
    {"TitleTypo", R"("title":)", R"("titel":)", "$.title", "Thiếu trường bắt buộc"},
    {"SchemaVersion", R"("schema_version": "1.0")", R"("schema_version": "2.0")",
     "$.schema_version", "không được hỗ trợ"},
    {"RootExtraNearMiss", R"("origin": "test")", R"("yaer": 1)", "$.yaer",
     "có phải là \"year\"?"},
    {"ScaleFieldMissing", R"("survey_points": 3,)", "", "$.scale.survey_points", "Thiếu trường"},
    {"AreaNotObject", R"("areas": [)", R"("areas": [42, )", "$.areas[0]",
     "Phải là đối tượng JSON {...} (đang là số)"},
    {"CriteriaMissing", R"("max_points": 3, "criteria": [)", R"("max_points": 3, "kriteria": [)",
     "$.areas[1].criteria", "Thiếu trường bắt buộc \"criteria\""},
    {"MaxPointsAsText", R"("name": "Ban hành kế hoạch", "max_points": 2)",
     R"("name": "Ban hành kế hoạch", "max_points": "2")", kK111 + ".max_points",
     "Phải là số (đang là chuỗi)"},
    {"MaxPointsAsBool", R"("name": "Ban hành kế hoạch", "max_points": 2)",
     R"("name": "Ban hành kế hoạch", "max_points": true)", kK111 + ".max_points",
     "Phải là số (đang là true/false)"},
    {"MaxPointsOverPrecise", R"("name": "Tỷ lệ kiểm tra", "max_points": 1.5)",
     R"("name": "Tỷ lệ kiểm tra", "max_points": 1.005)", kK121 + ".max_points",
     "quá 2 chữ số thập phân"},
    {"MaxPointsNull", R"("name": "Tỷ lệ kiểm tra", "max_points": 1.5)",
     R"("name": "Tỷ lệ kiểm tra", "max_points": null)", kK121 + ".max_points",
     "Thiếu trường bắt buộc"},
    {"NameMissing", R"("name": "Mức độ hài lòng", )", "", kK211 + ".name", "Thiếu trường"},
    {"AssessedByUnknown", R"("assessed_by": "survey")", R"("assessed_by": "khảo sát")",
     kK211 + ".assessed_by", "chỉ nhận \"appraisal\""},
    {"SelfScoredAsText", R"("assessed_by": "survey",)",
     R"("assessed_by": "survey", "self_scored": "no",)", kK211 + ".self_scored",
     "Phải là true hoặc false (đang là chuỗi)"},
    {"MinFilesFraction", R"("evidence_required": true,)",
     R"("evidence_required": true, "min_files": 1.5,)", kK111 + ".min_files", "số nguyên"},
    {"EvidenceRequiredTypo", R"("evidence_required": true)", R"("evidence_requred": true)",
     kK111 + ".evidence_requred", "có phải là \"evidence_required\"?"},
    {"DocumentsNotArray", R"(["Kế hoạch CCHC"])", R"("Kế hoạch CCHC")",
     kK111 + ".evidence_documents", "Phải là mảng"},
    {"DocumentNotText", R"(["Kế hoạch CCHC"])", R"(["Kế hoạch CCHC", 5])",
     kK111 + ".evidence_documents[1]", "Phải là chuỗi văn bản (đang là số)"},
    {"ScoringMissing", R"("scoring": {"type": "survey", "respondents": "người dân"})",
     R"("note": "x")", kK211 + ".scoring", "Thiếu trường bắt buộc \"scoring\""},
    {"ScoringTypeUnknown", R"("type": "survey")", R"("type": "poll")", kK211 + ".scoring.type",
     "Cách chấm điểm \"poll\" không được hỗ trợ"},
    {"ScoringTypeMissing", R"("type": "survey", )", "", kK211 + ".scoring.type", "Thiếu trường"},
    {"TargetTypo", R"("target_pct": 30)", R"("target_pc": 30)", kK121 + ".scoring.target_pct",
     "Thiếu trường bắt buộc \"target_pct\""},
    {"TargetTypoHint", R"("target_pct": 30)", R"("target_pc": 30)", kK121 + ".scoring.target_pc",
     "có phải là \"target_pct\"?"},
    {"UnknownScoringKey", R"("formula": "x")", R"("weight": 2)", kK121 + ".scoring.weight",
     "không thuộc cách chấm điểm nào"},
    {"ParameterOfOtherType", R"("metric_unit": "percent")",
     R"("metric_unit": "percent", "levels": [])", kK112 + ".scoring.levels", "không dùng cho cách chấm \"bands\""},
    {"LevelsNotObjects", R"({"label": "Chậm", "points": 1})", "1", kK111 + ".scoring.levels[1]",
     "Phải là đối tượng"},
    {"LevelLabelMissing", R"({"label": "Chậm", "points": 1})", R"({"points": 1})",
     kK111 + ".scoring.levels[1].label", "Thiếu trường"},
    {"BandPointsMissing", R"("max_pct_exclusive": 90, "points": 1.25})",
     R"("max_pct_exclusive": 90})", kK112 + ".scoring.bands[1].points", "Thiếu trường"},
    {"BandMinAsText", R"({"min_pct": 0,)", R"({"min_pct": "0%",)",
     kK112 + ".scoring.bands[1].min_pct", "Phải là số"},
    {"GradeNameMissing", R"({"grade": "Tốt", "min_pct": 85})", R"({"min_pct": 85})",
     "$.classification.grades[0].grade", "Thiếu trường"},
    {"GradeOverPrecise", R"("min_pct": 85})", R"("min_pct": 85.125})",
     "$.classification.grades[0].min_pct", "quá 2 chữ số thập phân"},
    {"NoteOver10000Characters", R"("formula": "x"}, "note": "ghi chú")",
     R"("formula": "x"}, "note": ")" + std::string(10001, 'x') + "\"", kK121 + ".note",
     "Dài quá 10000 ký tự"},
    {"AdjustmentUnknown", R"("note": "ghi chú"})", R"("note": "ghi chú", "adjustment": "thưởng"})",
     kK121 + ".adjustment", "chỉ nhận \"bonus\" (điểm thưởng) hoặc \"penalty\" (điểm trừ)"},
    {"AdjustmentTypo", R"("note": "ghi chú"})", R"("note": "ghi chú", "adjustmen": "bonus"})",
     kK121 + ".adjustmen", "có phải là \"adjustment\"?"},
    {"InvalidUtf8Escape", R"("name": "Khảo sát")", R"("name": "Kh\ud800o")", "$",
     "JSON không hợp lệ"},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Edits, CriteriaJsonStructureTest, ::testing::ValuesIn(kEditCases),
                         [](const auto& info) { return std::string(info.param.name); });

// Criterion 1.1 of kMinimal with a bonus of up to 1 and a penalty of up to 2 outside its
// maximum of 4.
std::string withAdjustments() {
    return edited(R"("min_pct": 0, "max_pct_exclusive": 90, "points": 1.25}]}})",
                  R"("min_pct": 0, "max_pct_exclusive": 90, "points": 1.25}]}},
        {"code": "1.1.3", "name": "Sáng kiến CCHC", "max_points": 1, "assessed_by": "appraisal",
         "adjustment": "bonus", "scoring": {"type": "levels", "levels": [
           {"label": "Được công nhận", "points": 1}, {"label": "Không", "points": 0}]}},
        {"code": "1.1.4", "name": "Bị phê bình", "max_points": 2, "assessed_by": "appraisal",
         "adjustment": "penalty", "self_scored": false,
         "scoring": {"type": "bands", "bands": [{"min_pct": 0, "points": 2}]}})");
}

TEST(CriteriaJsonTest, AdjustmentItemsAreReadAndRoundTrip) {
    auto first = parseCriteriaJson(withAdjustments());
    ASSERT_TRUE(first.ok()) << dump(first.error().details);
    const auto& criterion = first->areas[0].children[0];
    ASSERT_EQ(criterion.children.size(), 4u);
    EXPECT_EQ(criterion.children[0].adjustment, Adjustment::None);
    EXPECT_EQ(criterion.children[2].adjustment, Adjustment::Bonus);
    EXPECT_EQ(criterion.children[3].adjustment, Adjustment::Penalty);
    EXPECT_FALSE(criterion.children[2].evidenceRequired);
    std::string text = stringify(criteriaSetToJson(*first));
    EXPECT_NE(text.find(R"("assessed_by":"appraisal","adjustment":"penalty")"), std::string::npos);
    EXPECT_EQ(text.find(R"("adjustment":"")"), std::string::npos) << "ordinary items write none";
    auto second = parseCriteriaJson(text);
    ASSERT_TRUE(second.ok()) << dump(second.error().details);
    expectSameSet(*first, *second);
}

TEST(CriteriaJsonTest, AnAdjustmentScoredByDeductionIsRefused) {
    std::string doc = replaced(withAdjustments(), R"("self_scored": false,)",
                               R"("self_scored": false, "scoring": {"type": "deduction",
                                  "per_violation": 0.5}, "note": "x", )");
    doc = replaced(doc, R"("scoring": {"type": "bands", "bands": [{"min_pct": 0, "points": 2}]})",
                   R"("evidence_documents": [])");
    EXPECT_TRUE(hasDetail(parseCriteriaJson(doc),
                          "$.areas[0].criteria[0].sub_criteria[3].scoring.type",
                          "Điểm trừ 1.1.4 không dùng được cách chấm \"deduction\""));
}

TEST(CriteriaJsonTest, RootMustBeAnObject) {
    EXPECT_TRUE(hasDetail(parseCriteriaJson("[1, 2]"), "$", "Phải là đối tượng"));
    EXPECT_TRUE(hasDetail(parseCriteriaJson(R"({"year": 2022, "title": "x", "areas": {}})"),
                          "$.areas", "Phải là mảng [...] (đang là đối tượng)"));
}

}  // namespace
}  // namespace kc
