// Criteria import over HTTP: versions, duplicates, dry runs, validation with JSON paths.

#include <algorithm>

#include "TestServer.h"
#include "app/DemoData.h"

namespace kc::test {
namespace {

std::string importPath(const std::string& query) {
    return "/api/v1/periods/2022/criteria-sets?" + query;
}

class CriteriaTest : public HttpTest {
protected:
    void SetUp() override {
        s.clerk();  // log in before any audit count is taken
        s.admin();
        // The demo has sets for huyen, phong and xa; "so" is a type without one.
        ASSERT_EQ(s.post("/api/v1/unit-types", s.clerk(), R"({"code":"so","name":"Sở, ban, ngành"})")
                      .status,
                  201);
    }
    using Sets = std::vector<std::pair<std::string, int>>;
    const Sets demoSets = {{"huyen", 1}, {"phong", 1}, {"xa", 1}};
    HttpResult import(const std::string& query, const std::string& document) {
        return s.request("POST", importPath(query), s.clerk(), document);
    }
    // The criteria sets of 2022 as (unit_type, version) pairs.
    std::vector<std::pair<std::string, int>> sets() {
        std::vector<std::pair<std::string, int>> out;
        auto a = s.get("/api/v1/periods/2022/criteria-sets", s.clerk()).array();
        for (std::size_t i = 0; a && i < a->size(); ++i)
            out.emplace_back(a->getObject(i)->getValue<std::string>("unit_type"),
                             a->getObject(i)->getValue<int>("version"));
        std::sort(out.begin(), out.end());
        return out;
    }
    const std::string sample = readFile(demoCriteriaPath());
};

TEST_F(CriteriaTest, ImportSampleForANewUnitTypeIsVersion1) {
    auto r = import("unit_type=so", sample);
    ASSERT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(r.str("unit_type"), "so");
    EXPECT_EQ(r.object()->getValue<int>("version"), 1);
    EXPECT_EQ(r.object()->getValue<int>("year"), 2022);
    EXPECT_GT(r.object()->getValue<int>("id"), 0);
    EXPECT_FALSE(r.object()->getValue<bool>("dry_run"));
    EXPECT_DOUBLE_EQ(r.object()->getValue<double>("total_points"), 100.0);
    EXPECT_DOUBLE_EQ(r.object()->getValue<double>("appraisal_points"), 70.0);
    EXPECT_DOUBLE_EQ(r.object()->getValue<double>("survey_points"), 30.0);
    EXPECT_EQ(r.str("source_sha256").size(), 64u);
    EXPECT_EQ(r.str("created_by"), "vanthu");
    EXPECT_EQ(r.str("created_at"), "2022-12-01T08:00:00Z");
    EXPECT_EQ(sets(), (Sets{{"huyen", 1}, {"phong", 1}, {"so", 1}, {"xa", 1}}));
}

TEST_F(CriteriaTest, IdenticalDocumentForDistrictIsDuplicate) {
    // The demo imported this very document for "huyen" already (the sample titled for the type).
    int audit = s.auditCount();
    auto r = import("unit_type=huyen", demoCriteriaFor(sample, 2022, "UBND cấp huyện"));
    EXPECT_EQ(r.status, 409) << r.dump();
    EXPECT_EQ(r.errorCode(), "duplicate");
    EXPECT_EQ(sets(), demoSets);
    EXPECT_EQ(s.auditCount(), audit);
}

TEST_F(CriteriaTest, ModifiedDocumentForDistrictIsVersion2) {
    std::string changed =
        replaceOnce(sample, "(sample, Lào Cai-style, year 2022)", "(sample, revised)");
    auto r = import("unit_type=huyen", changed);
    ASSERT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(r.object()->getValue<int>("version"), 2);
    EXPECT_NE(r.str("title").find("revised"), std::string::npos);
    EXPECT_EQ(sets(), (Sets{{"huyen", 1}, {"huyen", 2}, {"phong", 1}, {"xa", 1}}));
    // Re-importing the original is not a duplicate of the current (version 2) set.
    auto back = import("unit_type=huyen", sample);
    EXPECT_EQ(back.status, 201) << back.dump();
    EXPECT_EQ(back.object()->getValue<int>("version"), 3);
}

TEST_F(CriteriaTest, DryRunValidatesButStoresNothing) {
    int audit = s.auditCount();
    auto r = import("unit_type=so&dry_run=true", sample);
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_TRUE(r.object()->getValue<bool>("dry_run"));
    EXPECT_EQ(r.object()->getValue<int>("id"), 0);
    EXPECT_EQ(r.object()->getValue<int>("version"), 1);
    EXPECT_EQ(sets(), demoSets);
    EXPECT_EQ(s.auditCount(), audit);
    // A dry run still reports what a real import would refuse.
    EXPECT_EQ(
        import("unit_type=huyen&dry_run=true", demoCriteriaFor(sample, 2022, "UBND cấp huyện"))
            .status,
        409);
}

// Paths of an import refused as invalid_input; every one must be a JSON path.
std::vector<std::string> refusedPaths(const HttpResult& r) {
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(r.errorCode(), "invalid_input");
    auto paths = r.detailPaths();
    for (const auto& p : paths) EXPECT_EQ(p.rfind("$", 0), 0u) << p;
    return paths;
}

bool anyContains(const std::vector<std::string>& paths, const std::string& part) {
    return std::any_of(paths.begin(), paths.end(),
                       [&](const std::string& p) { return p.find(part) != std::string::npos; });
}

TEST_F(CriteriaTest, MaxPointsSumMismatchesAreAllReported) {
    // Area 1 claims 19 (its criteria sum to 18, the areas then to 101); 1.1.1 claims 2.
    std::string bad = replaceOnce(sample, "\"max_points\": 18,", "\"max_points\": 19,");
    bad = replaceOnce(bad, "\"max_points\": 1,", "\"max_points\": 2,");
    auto paths = refusedPaths(import("unit_type=so", bad));
    EXPECT_GE(paths.size(), 2u);
    EXPECT_TRUE(anyContains(paths, "$.areas[0]")) << testing::PrintToString(paths);
    EXPECT_EQ(sets(), demoSets);
}

TEST_F(CriteriaTest, UnknownScoringTypesAreAllReported) {
    std::string bad = replaceOnce(sample, "\"type\": \"levels\"", "\"type\": \"magic\"");
    bad = replaceOnce(bad, "\"type\": \"bands\"", "\"type\": \"vibes\"");
    auto paths = refusedPaths(import("unit_type=so", bad));
    EXPECT_GE(paths.size(), 2u);
    EXPECT_TRUE(anyContains(paths, "$.areas[0].criteria[0].sub_criteria[0].scoring.type"))
        << testing::PrintToString(paths);
    EXPECT_EQ(sets(), demoSets);
}

TEST_F(CriteriaTest, StructuralProblemsAreReportedBeforeSumRules) {
    // Documented in CriteriaJson.h: structure first, "else" the rules. A sum mismatch next to
    // an unknown scoring type surfaces only after the type is fixed.
    std::string bad = replaceOnce(sample, "\"max_points\": 18,", "\"max_points\": 19,");
    auto sumOnly = refusedPaths(import("unit_type=so", bad));
    ASSERT_FALSE(sumOnly.empty());
    bad = replaceOnce(bad, "\"type\": \"levels\"", "\"type\": \"magic\"");
    auto both = refusedPaths(import("unit_type=so", bad));
    EXPECT_EQ(both,
              (std::vector<std::string>{"$.areas[0].criteria[0].sub_criteria[0].scoring.type"}));
}

struct BadImport {
    const char* name;
    std::string query;
    std::string document;  // "" means the sample
    int status;
    const char* code;
};

std::ostream& operator<<(std::ostream& os, const BadImport& b) {
    return os << b.name;
}

class BadImportTest : public CriteriaTest, public ::testing::WithParamInterface<BadImport> {};

TEST_P(BadImportTest, IsRefusedAndStoresNothing) {
    const BadImport& b = GetParam();
    auto r = import(b.query, b.document.empty() ? sample : b.document);
    EXPECT_EQ(r.status, b.status) << r.dump();
    EXPECT_EQ(r.errorCode(), b.code) << r.body;
    EXPECT_EQ(sets(), demoSets);
}

INSTANTIATE_TEST_SUITE_P(
    Http, BadImportTest,
    ::testing::Values(
        BadImport{"UnknownUnitType", "unit_type=tinh", "", 404, "not_found"},
        BadImport{"NoUnitTypeAnywhere", "", "", 400, "invalid_input"},
        BadImport{"DryRunNotBoolean", "unit_type=so&dry_run=yes", "", 400, "invalid_input"},
        BadImport{"NotJson", "unit_type=so", "areas: []", 400, "invalid_input"},
        BadImport{"EmptyObject", "unit_type=so", "{}", 400, "invalid_input"},
        BadImport{"NonUtf8Document", "unit_type=so", "{\"title\":\"\xff\"}", 400, "invalid_input"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(CriteriaTest, ImportIntoUnknownPeriodIs404) {
    auto r = s.request("POST", "/api/v1/periods/2030/criteria-sets?unit_type=xa", s.clerk(),
                       replaceOnce(sample, "\"year\": 2022", "\"year\": 2030"));
    EXPECT_EQ(r.status, 404) << r.dump();
}

TEST_F(CriteriaTest, DocumentYearDifferentFromPeriodIsRejected) {
    auto r = s.request("POST", "/api/v1/periods/2022/criteria-sets?unit_type=xa", s.clerk(),
                       replaceOnce(sample, "\"year\": 2022", "\"year\": 2021"));
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_TRUE(r.hasDetail("$.year")) << r.body;
}

// Copying 2022's set of a type into 2023: stored as 2023's version 1, then refused as a duplicate;
// a missing or malformed year or type is named.
TEST_F(CriteriaTest, LastYearsSetIsCopiedIntoANewPeriod) {
    ASSERT_EQ(s.post("/api/v1/periods", s.clerk(), R"({"year":2023,"name":"Kỳ 2023"})").status,
              201);
    const std::string copy = "/api/v1/periods/2023/criteria-sets/copy?from_year=2022&unit_type=xa";
    auto dry = s.request("POST", copy + "&dry_run=true", s.clerk(), "");
    ASSERT_EQ(dry.status, 200) << dry.dump();
    EXPECT_EQ(dry.object()->getValue<int>("id"), 0);
    EXPECT_EQ(s.get("/api/v1/periods/2023/criteria-sets", s.clerk()).array()->size(), 0u);

    auto r = s.request("POST", copy, s.clerk(), "");
    ASSERT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(r.object()->getValue<int>("year"), 2023);
    EXPECT_EQ(r.object()->getValue<int>("version"), 1);
    EXPECT_EQ(r.object()->getValue<int>("copied_from_year"), 2022);
    EXPECT_EQ(r.str("title"), "Bộ tiêu chí xác định Chỉ số CCHC năm 2023 — UBND cấp xã");
    EXPECT_EQ(s.request("POST", copy, s.clerk(), "").errorCode(), "duplicate");

    auto none = s.request("POST", "/api/v1/periods/2023/criteria-sets/copy", s.clerk(), "");
    EXPECT_EQ(none.status, 400) << none.dump();
    EXPECT_TRUE(none.hasDetail("from_year") && none.hasDetail("unit_type")) << none.body;
    auto word =
        s.request("POST", "/api/v1/periods/2023/criteria-sets/copy?from_year=abc&unit_type=xa",
                  s.clerk(), "");
    EXPECT_EQ(word.status, 400) << word.dump();
    EXPECT_TRUE(word.hasDetail("from_year")) << word.body;
    auto same =
        s.request("POST", "/api/v1/periods/2023/criteria-sets/copy?from_year=2023&unit_type=xa",
                  s.clerk(), "");
    EXPECT_EQ(same.status, 400) << same.dump();
    EXPECT_EQ(s.get("/api/v1/periods/2023/criteria-sets", s.clerk()).array()->size(), 1u);
}

TEST_F(CriteriaTest, GetSetReturnsInfoAndTree) {
    auto list = s.get("/api/v1/periods/2022/criteria-sets", s.unitUser());
    ASSERT_EQ(list.status, 200) << list.dump();
    ASSERT_EQ(list.array()->size(), 3u);  // huyen, phong, xa (sorted by unit type)
    int id = list.array()->getObject(0)->getValue<int>("id");

    auto r = s.get("/api/v1/criteria-sets/" + std::to_string(id), s.unitUser());
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_EQ(r.str("unit_type"), "huyen");
    auto tree = r.object()->getObject("tree");
    ASSERT_TRUE(tree) << r.body.substr(0, 500);
    auto areas = tree->getArray("areas");
    ASSERT_TRUE(areas);
    ASSERT_EQ(areas->size(), 8u);
    EXPECT_EQ(areas->getObject(0)->getValue<std::string>("code"), "1");

    EXPECT_EQ(s.get("/api/v1/criteria-sets/9999", s.unitUser()).status, 404);
    EXPECT_EQ(s.get("/api/v1/criteria-sets/abc", s.unitUser()).status, 400);
    EXPECT_EQ(s.get("/api/v1/periods/2030/criteria-sets", s.unitUser()).status, 404);
}

TEST_F(CriteriaTest, NewAreasOfAnImportCanBeAssigned) {
    // Area codes come from every set of the year; the sample's are 1..8.
    auto before = s.post("/api/v1/periods/2022/assignments", s.clerk(),
                         R"({"username":"thamdinh","area_codes":["9"]})");
    EXPECT_EQ(before.status, 400);
    std::string nine = sample;  // area 8 and everything under it renumbered to 9
    for (auto at = nine.find("\"code\": \"8"); at != std::string::npos;
         at = nine.find("\"code\": \"8", at))
        nine[at + 9] = '9';
    ASSERT_EQ(import("unit_type=so", nine).status, 201);
    auto after = s.post("/api/v1/periods/2022/assignments", s.clerk(),
                        R"({"username":"thamdinh","area_codes":["9"]})");
    EXPECT_EQ(after.status, 201) << after.dump();
}

}  // namespace
}  // namespace kc::test
