#include "TestServer.h"

namespace kc::test {
namespace {

const char* kPeriods = "/api/v1/periods";

TEST_F(HttpTest, CreatePeriodWithDatesReturns201AndIsListed) {
    auto r = s.post(kPeriods, s.clerk(),
                    R"({"year":2023,"name":"  Xác định Chỉ số CCHC năm 2023  ",)"
                    R"("self_assessment_opens":"2023-11-27","self_assessment_closes":)"
                    R"("2023-12-31T16:59:59Z","step1_closes":"2024-01-05"})");
    ASSERT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(r.object()->getValue<int>("year"), 2023);
    EXPECT_EQ(r.str("name"), "Xác định Chỉ số CCHC năm 2023");  // trimmed
    EXPECT_EQ(r.str("self_assessment_opens"), "2023-11-27T00:00:00Z");
    EXPECT_EQ(r.str("self_assessment_closes"), "2023-12-31T16:59:59Z");
    EXPECT_TRUE(r.object()->isNull("step2_closes"));
    EXPECT_FALSE(r.object()->getValue<bool>("finalised"));

    EXPECT_EQ(s.count(kPeriods, s.unitUser()), 2);
    auto got = s.get("/api/v1/periods/2023", s.unitUser());
    ASSERT_EQ(got.status, 200) << got.dump();
    EXPECT_EQ(got.str("step1_closes"), "2024-01-05T00:00:00Z");
}

TEST_F(HttpTest, CreatePeriodDuplicateYearIs409AndChangesNothing) {
    s.clerk();
    int audit = s.auditCount();
    auto r = s.post(kPeriods, s.clerk(), R"({"year":2022,"name":"Lần hai"})");
    EXPECT_EQ(r.status, 409) << r.dump();
    EXPECT_EQ(r.errorCode(), "duplicate");
    EXPECT_EQ(s.get("/api/v1/periods/2022", s.clerk()).str("name"),
              "Xác định Chỉ số CCHC năm 2022");
    EXPECT_EQ(s.auditCount(), audit);
}

struct BadDates {
    const char* name;
    const char* dates;  // JSON members after "year" and "name"
    std::vector<std::string> paths;
};

std::ostream& operator<<(std::ostream& os, const BadDates& b) {
    return os << b.name;
}

class PeriodDatesTest : public HttpTest, public ::testing::WithParamInterface<BadDates> {};

TEST_P(PeriodDatesTest, OutOfOrderDatesAreRejectedNamingEachDate) {
    auto r = s.post(kPeriods, s.clerk(),
                    std::string(R"({"year":2023,"name":"Kỳ 2023",)") + GetParam().dates + "}");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(r.errorCode(), "invalid_input");
    EXPECT_EQ(r.detailPaths(), GetParam().paths) << r.body;
    EXPECT_EQ(s.get("/api/v1/periods/2023", s.clerk()).status, 404);
}

INSTANTIATE_TEST_SUITE_P(
    Http, PeriodDatesTest,
    ::testing::Values(
        BadDates{"ClosesBeforeOpens",
                 R"("self_assessment_opens":"2023-12-31","self_assessment_closes":"2023-12-01")",
                 {"$.self_assessment_closes"}},
        BadDates{"ClosesEqualsOpens",
                 R"("self_assessment_opens":"2023-12-01","self_assessment_closes":"2023-12-01")",
                 {"$.self_assessment_closes"}},
        BadDates{"Step2BeforeStep1SkippingUnsetDates",
                 R"("step1_closes":"2024-01-10","step2_closes":"2024-01-05")",
                 {"$.step2_closes"}},
        BadDates{"TwoDatesOutOfOrder",
                 R"("self_assessment_opens":"2023-12-01","self_assessment_closes":"2023-11-01",)"
                 R"("step1_closes":"2023-12-15","supplement_closes":"2023-12-10")",
                 {"$.self_assessment_closes", "$.supplement_closes"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(HttpTest, EveryProblemOfANewPeriodIsListed) {
    s.clerk();  // logged in (and that audited) before counting
    int audit = s.auditCount();
    auto r = s.post(kPeriods, s.clerk(),
                    R"({"year":1999,"name":" ","self_assessment_opens":"2023-12-31",)"
                    R"("self_assessment_closes":"2023-12-01"})");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(r.errorCode(), "invalid_input");
    EXPECT_EQ(r.detailPaths(),
              (std::vector<std::string>{"$.year", "$.name", "$.self_assessment_closes"}))
        << r.body;
    EXPECT_EQ(s.get("/api/v1/periods/1999", s.clerk()).status, 404);
    EXPECT_EQ(s.auditCount(), audit);
}

TEST_F(HttpTest, EveryProblemOfAPeriodChangeIsListed) {
    auto r =
        s.patch("/api/v1/periods/2022", s.clerk(), R"({"name":" ","step1_closes":"2022-12-01"})");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(r.detailPaths(), (std::vector<std::string>{"$.name", "$.step1_closes"})) << r.body;
    EXPECT_EQ(s.get("/api/v1/periods/2022", s.clerk()).str("name"),
              "Xác định Chỉ số CCHC năm 2022");
}

TEST_F(HttpTest, UpdatePeriodChangesOnlyTheGivenFields) {
    auto r = s.patch("/api/v1/periods/2022", s.clerk(),
                     R"({"name":"Kỳ 2022 - sửa","step2_closes":"2023-01-25T16:59:59Z"})");
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_EQ(r.str("name"), "Kỳ 2022 - sửa");
    EXPECT_EQ(r.str("step2_closes"), "2023-01-25T16:59:59Z");
    EXPECT_EQ(r.str("step1_closes"), "2023-01-04T16:59:59Z");  // unchanged
    EXPECT_EQ(s.get("/api/v1/periods/2022", s.unitUser()).str("name"), "Kỳ 2022 - sửa");
}

TEST_F(HttpTest, UpdatePeriodDateBeforeAnEarlierStoredDateIsRejected) {
    // Only one date sent, but it is checked against the stored ones.
    auto r = s.patch("/api/v1/periods/2022", s.clerk(), R"({"step1_closes":"2022-12-01"})");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_TRUE(r.hasDetail("$.step1_closes")) << r.body;
    EXPECT_EQ(s.get("/api/v1/periods/2022", s.clerk()).str("step1_closes"), "2023-01-04T16:59:59Z");
}

// An extension must not outlast the phase after it (checked when it is granted); moving that
// phase's close earlier than a standing extension is refused, naming the unit.
TEST_F(HttpTest, UpdatePeriodCannotCloseStep1BeforeAStandingExtension) {
    auto ext =
        s.post("/api/v1/periods/2022/units/XA16/extensions", s.clerk(),
               R"({"phase":"self_assessment","until":"2023-01-03T16:59:59Z","reason":"Bão"})");
    ASSERT_EQ(ext.status, 201) << ext.dump();
    int audit = s.auditCount();
    auto r =
        s.patch("/api/v1/periods/2022", s.clerk(), R"({"step1_closes":"2023-01-02T16:59:59Z"})");
    EXPECT_EQ(r.status, 400) << r.dump();
    ASSERT_TRUE(r.hasDetail("$.step1_closes")) << r.body;
    EXPECT_NE(r.body.find("XA16"), std::string::npos) << r.body;
    EXPECT_EQ(s.auditCount(), audit);
    EXPECT_EQ(s.get("/api/v1/periods/2022", s.clerk()).str("step1_closes"), "2023-01-04T16:59:59Z");
    // Later than the extension is fine, and so are changes that leave the dates alone.
    EXPECT_EQ(
        s.patch("/api/v1/periods/2022", s.clerk(), R"({"step1_closes":"2023-01-03T16:59:59Z"})")
            .status,
        200);
    EXPECT_EQ(s.patch("/api/v1/periods/2022", s.clerk(), R"({"name":"Kỳ 2022"})").status, 200);
}

TEST_F(HttpTest, UpdateUnknownPeriodIs404) {
    auto r = s.patch("/api/v1/periods/2031", s.clerk(), R"({"name":"x"})");
    EXPECT_EQ(r.status, 404) << r.dump();
    EXPECT_EQ(r.errorCode(), "not_found");
}

TEST_F(HttpTest, FinalisedPeriodRejectsChangesUntilUnfinalised) {
    auto fin = s.patch("/api/v1/periods/2022", s.clerk(), R"({"finalised":true})");
    ASSERT_EQ(fin.status, 200) << fin.dump();
    EXPECT_TRUE(fin.object()->getValue<bool>("finalised"));

    auto rename = s.patch("/api/v1/periods/2022", s.clerk(), R"({"name":"Đổi tên"})");
    EXPECT_EQ(rename.status, 409) << rename.dump();
    EXPECT_EQ(rename.errorCode(), "conflict");
    auto again = s.patch("/api/v1/periods/2022", s.clerk(), R"({"finalised":true})");
    EXPECT_EQ(again.status, 409) << again.dump();
    auto criteria = s.request("POST", "/api/v1/periods/2022/criteria-sets?unit_type=xa", s.clerk(),
                              replaceOnce(readFile(demoCriteriaPath()), "Lào Cai-style", "sửa"));
    EXPECT_EQ(criteria.status, 409) << criteria.dump();
    EXPECT_EQ(criteria.errorCode(), "conflict");
    EXPECT_EQ(s.count("/api/v1/periods/2022/criteria-sets", s.clerk()), 3);

    auto reopen = s.patch("/api/v1/periods/2022", s.clerk(), R"({"finalised":false})");
    ASSERT_EQ(reopen.status, 200) << reopen.dump();
    EXPECT_EQ(s.patch("/api/v1/periods/2022", s.clerk(), R"({"name":"Đổi tên"})").status, 200);
}

TEST_F(HttpTest, PeriodChangesAreAudited) {
    ASSERT_EQ(s.post(kPeriods, s.clerk(), R"({"year":2023,"name":"Kỳ 2023"})").status, 201);
    ASSERT_EQ(s.patch("/api/v1/periods/2023", s.clerk(), R"({"name":"Kỳ 2023 mới"})").status, 200);
    auto log = s.get("/api/v1/audit?limit=1000", s.admin()).array();
    ASSERT_TRUE(log);
    std::vector<std::string> actions;
    for (std::size_t i = 0; i < log->size(); ++i) {
        auto e = log->getObject(i);
        if (e->getValue<std::string>("entity") == "period" &&
            e->getValue<std::string>("entity_id") == "2023") {
            actions.push_back(e->getValue<std::string>("action"));
            EXPECT_EQ(e->getValue<std::string>("actor"), "vanthu");
        }
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"period.create", "period.update"}));
}

}  // namespace
}  // namespace kc::test
