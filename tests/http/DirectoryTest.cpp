// Unit types and units: creation, duplicates, references, merge lineage.

#include "TestServer.h"

namespace kc::test {
namespace {

const char* kUnits = "/api/v1/units";
const char* kTypes = "/api/v1/unit-types";

TEST_F(HttpTest, CreateUnitTypeThenDuplicateCodeIs409) {
    auto r = s.post(kTypes, s.clerk(), R"({"code":"thanhpho","name":"UBND thành phố"})");
    ASSERT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(r.str("code"), "thanhpho");
    EXPECT_EQ(r.str("name"), "UBND thành phố");
    EXPECT_EQ(s.count(kTypes, s.unitUser()), 4);

    int audit = s.auditCount();
    auto dup = s.post(kTypes, s.clerk(), R"({"code":"thanhpho","name":"Khác"})");
    EXPECT_EQ(dup.status, 409) << dup.dump();
    EXPECT_EQ(dup.errorCode(), "duplicate");
    EXPECT_EQ(s.count(kTypes, s.clerk()), 4);
    EXPECT_EQ(s.auditCount(), audit);
}

TEST_F(HttpTest, EveryProblemOfANewUnitTypeIsListed) {
    auto r = s.post(kTypes, s.clerk(), R"({"code":"thanh pho","name":" "})");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(r.detailPaths(), (std::vector<std::string>{"$.code", "$.name"})) << r.body;
    EXPECT_EQ(s.count(kTypes, s.clerk()), 3);
}

TEST_F(HttpTest, EveryProblemOfAUnitChangeIsListed) {
    auto r = s.request("PATCH", "/api/v1/units/XA16", s.clerk(),
                       R"({"name":" ","active_to_year":99999,"merged_into":"XA16"})");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.detailPaths(),
              (std::vector<std::string>{"$.name", "$.active_to_year", "$.merged_into"}))
        << r.body;
    auto unit = s.get("/api/v1/units/XA16", s.clerk()).object();
    EXPECT_TRUE(unit->isNull("active_to_year"));
    EXPECT_TRUE(unit->isNull("merged_into"));
}

TEST_F(HttpTest, UnitTypeNameIsStoredNfcNormalised) {
    // "ố" sent decomposed (o + U+0302 + U+0301) comes back precomposed.
    auto r = s.post(kTypes, s.clerk(),
                    "{\"code\":\"tp\",\"name\":\"Th\xc3\xa0nh pho\xcc\x82\xcc\x81\"}");
    ASSERT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(r.str("name"), "Thành phố");
}

TEST_F(HttpTest, CreateUnitReturns201AndIsVisible) {
    auto r = s.post(kUnits, s.clerk(),
                    R"({"code":"XA18","name":"UBND xã Mới","unit_type":"xa",)"
                    R"("active_from_year":2023})");
    ASSERT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(r.str("code"), "XA18");
    EXPECT_EQ(r.str("unit_type"), "xa");
    EXPECT_EQ(r.object()->getValue<int>("active_from_year"), 2023);
    EXPECT_TRUE(r.object()->isNull("active_to_year"));
    EXPECT_TRUE(r.object()->isNull("merged_into"));
    EXPECT_EQ(s.count(kUnits, s.clerk()), 31);
    EXPECT_EQ(s.get("/api/v1/units/XA18", s.reviewer()).str("name"), "UBND xã Mới");
}

struct BadUnit {
    const char* name;
    const char* body;
    int status;
    const char* code;
    const char* path;  // "" when the error has no details
};

std::ostream& operator<<(std::ostream& os, const BadUnit& b) {
    return os << b.name;
}

class BadUnitTest : public HttpTest, public ::testing::WithParamInterface<BadUnit> {};

TEST_P(BadUnitTest, IsRejectedAndChangesNothing) {
    const BadUnit& b = GetParam();
    const std::string token = s.clerk();
    int units = s.count(kUnits, token);
    int audit = s.auditCount();
    auto r = s.post(kUnits, token, b.body);
    EXPECT_EQ(r.status, b.status) << r.dump();
    EXPECT_EQ(r.errorCode(), b.code) << r.body;
    if (*b.path) {
        EXPECT_TRUE(r.hasDetail(b.path)) << r.body;
    }
    EXPECT_EQ(s.count(kUnits, token), units);
    EXPECT_EQ(s.auditCount(), audit);
}

INSTANTIATE_TEST_SUITE_P(
    Http, BadUnitTest,
    ::testing::Values(
        BadUnit{"DuplicateCode",
                R"({"code":"XA01","name":"Trùng","unit_type":"xa","active_from_year":2022})", 409,
                "duplicate", ""},
        BadUnit{"UnknownUnitType",
                R"({"code":"XA18","name":"Mới","unit_type":"tinh","active_from_year":2022})", 400,
                "invalid_input", "$.unit_type"},
        BadUnit{"MergeIntoUnknownUnit",
                R"({"code":"XA18","name":"Mới","unit_type":"xa","active_from_year":2022,)"
                R"("merged_into":"XA99"})",
                400, "invalid_input", "$.merged_into"},
        BadUnit{"CodeWithSpace",
                R"({"code":"XA 18","name":"Mới","unit_type":"xa","active_from_year":2022})", 400,
                "invalid_input", "$.code"},
        BadUnit{"CodeTooLong",
                R"({"code":"XAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","name":"Mới","unit_type":"xa",)"
                R"("active_from_year":2022})",
                400, "invalid_input", "$.code"},
        BadUnit{"ActiveToBeforeActiveFrom",
                R"({"code":"XA18","name":"Mới","unit_type":"xa","active_from_year":2023,)"
                R"("active_to_year":2021})",
                400, "invalid_input", "$.active_to_year"},
        BadUnit{"ActiveToOutOfRange",
                R"({"code":"XA18","name":"Mới","unit_type":"xa","active_from_year":2022,)"
                R"("active_to_year":999999})",
                400, "invalid_input", "$.active_to_year"},
        BadUnit{"ActiveFromOutOfRange",
                R"({"code":"XA18","name":"Mới","unit_type":"xa","active_from_year":1975})", 400,
                "invalid_input", "$.active_from_year"},
        BadUnit{"MissingUnitType", R"({"code":"XA18","name":"Mới","active_from_year":2022})", 400,
                "invalid_input", "$.unit_type"},
        BadUnit{"ActiveFromYearAsString",
                R"({"code":"XA18","name":"Mới","unit_type":"xa","active_from_year":"2022"})", 400,
                "invalid_input", "$.active_from_year"}),
    [](const auto& info) { return std::string(info.param.name); });

// 255 characters is the longest name (counted in characters: "ế" is 3 bytes).
TEST_F(HttpTest, ANameOf255CharactersIsTheLongest) {
    std::string name;
    for (int i = 0; i < 255; ++i) name += "ế";
    auto ok = s.post("/api/v1/unit-types", s.clerk(), R"({"code":"dai","name":")" + name + R"("})");
    EXPECT_EQ(ok.status, 201) << ok.body;
    auto tooLong = s.request("PATCH", "/api/v1/units/XA16", s.clerk(),
                             R"({"name":")" + name + "ế" + R"("})");
    EXPECT_EQ(tooLong.status, 400) << tooLong.body;
    EXPECT_TRUE(tooLong.hasDetail("$.name")) << tooLong.body;
}

// A last year past 2100 is refused, like one before the first year.
TEST_F(HttpTest, AnActiveToYearPast2100IsRefusedAndChangesNothing) {
    auto r = s.request("PATCH", "/api/v1/units/XA16", s.clerk(), R"({"active_to_year":99999})");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_TRUE(r.hasDetail("$.active_to_year")) << r.body;
    EXPECT_TRUE(s.get("/api/v1/units/XA16", s.clerk()).object()->isNull("active_to_year"));
}

TEST_F(HttpTest, MergeLineageIsRecordedOnTheMergedUnit) {
    // Two communes merge into a new one from 2023.
    auto created = s.post(kUnits, s.clerk(),
                          R"({"code":"XA18","name":"UBND xã Phúc Yên","unit_type":"xa",)"
                          R"("active_from_year":2023})");
    ASSERT_EQ(created.status, 201) << created.dump();
    for (const char* old : {"XA16", "XA17"}) {
        auto r = s.patch(std::string(kUnits) + "/" + old, s.clerk(),
                         R"({"merged_into":"XA18","active_to_year":2022})");
        ASSERT_EQ(r.status, 200) << old << ": " << r.dump();
        EXPECT_EQ(r.str("merged_into"), "XA18");
        EXPECT_EQ(r.object()->getValue<int>("active_to_year"), 2022);
    }
    auto xa16 = s.get("/api/v1/units/XA16", s.unitUser());  // its own unit, now merged
    ASSERT_EQ(xa16.status, 200) << xa16.dump();
    EXPECT_EQ(xa16.str("merged_into"), "XA18");
    EXPECT_EQ(xa16.str("name"), "UBND xã Phúc Khánh");

    // The audit keeps before and after of each merge.
    auto log = s.get("/api/v1/audit?limit=1000", s.admin()).array();
    int merges = 0;
    for (std::size_t i = 0; log && i < log->size(); ++i) {
        auto e = log->getObject(i);
        if (e->getValue<std::string>("action") != "unit.update")
            continue;
        ++merges;
        EXPECT_NE(e->getValue<std::string>("before").find("\"merged_into\":null"),
                  std::string::npos);
        EXPECT_NE(e->getValue<std::string>("after").find("\"merged_into\":\"XA18\""),
                  std::string::npos);
    }
    EXPECT_EQ(merges, 2);
}

TEST_F(HttpTest, NewUnitCanBeCreatedAlreadyMerged) {
    auto r =
        s.post(kUnits, s.clerk(),
               R"({"code":"XA00","name":"UBND xã Cũ","unit_type":"xa","active_from_year":2021,)"
               R"("active_to_year":2021,"merged_into":"XA01"})");
    ASSERT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(r.str("merged_into"), "XA01");
}

struct BadMerge {
    const char* name;
    const char* unit;
    const char* body;
    int status;
    const char* path;
};

std::ostream& operator<<(std::ostream& os, const BadMerge& b) {
    return os << b.name;
}

class BadMergeTest : public HttpTest, public ::testing::WithParamInterface<BadMerge> {};

TEST_P(BadMergeTest, IsRejectedAndLeavesTheUnitAsItWas) {
    const BadMerge& b = GetParam();
    // XA02 already merged into XA01: lineage XA02 -> XA01.
    ASSERT_EQ(s.patch("/api/v1/units/XA02", s.clerk(), R"({"merged_into":"XA01"})").status, 200);
    const std::string path = std::string(kUnits) + "/" + b.unit;
    auto before = s.get(path, s.clerk());
    auto r = s.patch(path, s.clerk(), b.body);
    EXPECT_EQ(r.status, b.status) << r.dump();
    if (*b.path) {
        EXPECT_TRUE(r.hasDetail(b.path)) << r.body;
    }
    EXPECT_EQ(s.get(path, s.clerk()).body, before.body);
}

INSTANTIATE_TEST_SUITE_P(
    Http, BadMergeTest,
    ::testing::Values(
        BadMerge{"MergeIntoItself", "XA03", R"({"merged_into":"XA03"})", 400, "$.merged_into"},
        BadMerge{"MergeIntoUnknownUnit", "XA03", R"({"merged_into":"XA99"})", 400, "$.merged_into"},
        BadMerge{"MergeBackIntoOwnSuccessor", "XA01", R"({"merged_into":"XA02"})", 400,
                 "$.merged_into"},
        BadMerge{"ActiveToBeforeActiveFrom", "XA03", R"({"active_to_year":2020})", 400,
                 "$.active_to_year"},
        BadMerge{"BlankName", "XA03", R"({"name":"   "})", 400, "$.name"},
        BadMerge{"UnknownField", "XA03", R"({"unit_type":"phong"})", 400, "$.unit_type"},
        BadMerge{"UnknownUnit", "NOPE", R"({"name":"x"})", 404, ""}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(HttpTest, LongerMergeCycleIsRejected) {
    ASSERT_EQ(s.patch("/api/v1/units/XA01", s.clerk(), R"({"merged_into":"XA02"})").status, 200);
    ASSERT_EQ(s.patch("/api/v1/units/XA02", s.clerk(), R"({"merged_into":"XA03"})").status, 200);
    auto r = s.patch("/api/v1/units/XA03", s.clerk(), R"({"merged_into":"XA01"})");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_TRUE(s.get("/api/v1/units/XA03", s.clerk()).object()->isNull("merged_into"));
}

// The second year: 2022 finalised, the town XA01 becomes a ward from 2023.
TEST_F(HttpTest, RenameKeepsTheFinalisedYearsNameAndRefusesToRewriteIt) {
    const std::string clerk = s.clerk();
    ASSERT_EQ(s.patch("/api/v1/periods/2022", clerk, R"({"finalised":true})").status, 200);
    const std::string unit = "/api/v1/units/XA01";
    const std::string before = s.get(unit, clerk).body;
    int audit = s.auditCount();
    for (const char* body : {R"({"name":"UBND phường Phố Ràng"})",
                             R"({"name":"UBND phường Phố Ràng","name_from_year":2022})"}) {
        auto refused = s.patch(unit, clerk, body);
        EXPECT_EQ(refused.status, 409) << refused.dump();
        EXPECT_EQ(refused.errorCode(), "conflict");
        EXPECT_NE(refused.errorMessage().find("2022 đã chốt"), std::string::npos) << refused.body;
    }
    auto noName = s.patch(unit, clerk, R"({"name_from_year":2023})");
    EXPECT_EQ(noName.status, 400) << noName.dump();
    EXPECT_TRUE(noName.hasDetail("$.name")) << noName.body;
    EXPECT_EQ(s.get(unit, clerk).body, before);
    EXPECT_EQ(s.auditCount(), audit);

    auto r = s.patch(unit, clerk, R"({"name":"UBND phường Phố Ràng","name_from_year":2023})");
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_EQ(r.str("name"), "UBND phường Phố Ràng");
    auto names = r.object()->getArray("names");
    ASSERT_EQ(names->size(), 2u);
    EXPECT_EQ(names->getObject(0)->getValue<int>("from_year"), 2021);
    EXPECT_EQ(names->getObject(0)->getValue<std::string>("name"), "UBND thị trấn Phố Ràng");
    EXPECT_EQ(names->getObject(1)->getValue<int>("from_year"), 2023);
    // 2022 is shown as it was signed.
    auto result = s.get("/api/v1/periods/2022/units/XA01/results", clerk);
    ASSERT_EQ(result.status, 200) << result.dump();
    EXPECT_EQ(result.str("unit_name"), "UBND thị trấn Phố Ràng");
    auto assessment = s.get("/api/v1/periods/2022/units/XA01/assessment", clerk);
    ASSERT_EQ(assessment.status, 200) << assessment.dump();
    EXPECT_EQ(assessment.object()->getObject("unit")->getValue<std::string>("name"),
              "UBND thị trấn Phố Ràng");
}

}  // namespace
}  // namespace kc::test
