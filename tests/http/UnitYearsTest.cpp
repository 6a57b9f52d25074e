// A unit works only in the years it is assessed: after a merge or dissolution (or before it is
// formed) every write for that (year, unit) is refused with 409 and changes nothing, while its
// own data stay readable.

#include "WorkflowFixture.h"

namespace kc::test {
namespace {

const char* kNotAssessed =
    "Đơn vị XA16 không được đánh giá năm 2022 (hoạt động đến năm 2021, "
    "đã sáp nhập vào XA17)";

class UnitYearsTest : public WorkflowTest {
protected:
    // XA16 merges into XA17 after 2021: the demo's 2022 is no longer its year.
    void endXa16In2021() {
        auto r = s.patch("/api/v1/units/XA16", clerk(),
                         R"({"active_to_year":2021,"merged_into":"XA17"})");
        ASSERT_EQ(r.status, 200) << r.dump();
    }
    // Expects r to be the refusal of a year XA16 is not assessed in.
    static void expectNotAssessed(const HttpResult& r) {
        EXPECT_EQ(r.status, 409) << r.dump();
        EXPECT_EQ(r.errorCode(), "conflict") << r.body;
        EXPECT_EQ(r.errorMessage(), kNotAssessed) << r.body;
    }
};

TEST_F(UnitYearsTest, EveryWriteOfTheUnitForAYearItIsNotAssessedInIsRefused) {
    toSelfAssessment();
    ASSERT_EQ(putSelf("1.1.1", "1").status, 200);
    auto uploaded = upload("1.1.1", "%PDF-1.4 kế hoạch");
    ASSERT_EQ(uploaded.status, 201) << uploaded.dump();
    const std::string evidenceId =
        std::to_string(uploaded.array()->getObject(0)->getValue<Id>("id"));
    endXa16In2021();
    auto writes = [&] { return audits("assessment.") + audits("evidence.") + audits("deadline."); };
    const int writesBefore = writes();

    expectNotAssessed(putSelf("1.1.2", "1"));
    expectNotAssessed(upload("1.1.1", "%PDF-1.4 thêm"));
    expectNotAssessed(s.post("/api/v1/evidence/" + evidenceId + "/withdraw", unit(), ""));
    expectNotAssessed(
        bulk(R"({"rows":[{"sub_code":"1.1.2","score":1,"explanation":"x"}]})", "application/json"));
    std::string archive = multipartBody({{"archive", std::string("ho-so.zip"), "PK"}});
    expectNotAssessed(s.request("POST", unitPath() + "/evidence-archive", unit(), archive,
                                {{"Content-Type", "multipart/form-data; boundary=" + kBoundary}}));
    expectNotAssessed(s.post(unitPath() + "/extensions", clerk(),
                             R"({"phase":"self_assessment","until":"2023-01-03",)"
                             R"("reason":"Sáp nhập"})"));
    toStep1();
    expectNotAssessed(putStep("step1", "1.1.1", "1", 1));
    expectNotAssessed(requestSupplement("1.1.1"));
    toSupplement();
    expectNotAssessed(reply("1.1.1", 1));
    EXPECT_EQ(writes(), writesBefore);  // logins are the only new entries

    // Its own past work stays readable.
    auto own = s.get(unitPath() + "/assessment", unit());
    EXPECT_EQ(own.status, 200) << own.dump();
    EXPECT_EQ(s.get(unitPath() + "/evidence", unit()).status, 200);
}

TEST_F(UnitYearsTest, AUnitNotYetFormedCannotWorkInAnEarlierYear) {
    toSelfAssessment();
    auto r = s.post("/api/v1/units", clerk(),
                    R"({"code":"XA20","name":"UBND xã Mới","unit_type":"xa",)"
                    R"("active_from_year":2023})");
    ASSERT_EQ(r.status, 201) << r.dump();
    auto ext = s.post(unitPath("XA20") + "/extensions", clerk(),
                      R"({"phase":"self_assessment","until":"2023-01-03","reason":"x"})");
    EXPECT_EQ(ext.status, 409) << ext.dump();
    EXPECT_EQ(ext.errorMessage(),
              "Đơn vị XA20 không được đánh giá năm 2022 (hoạt động từ năm 2023)");
}

class SheetYearsTest : public ::testing::Test {
protected:
    SheetYearsTest() : s(TestServerOptions{.signingKeys = true}) {}
    int documents() {
        auto r = s.get("/api/v1/periods/2022/documents", s.clerk()).object();
        return r ? static_cast<int>(r->getArray("documents")->size()) : -1;
    }
    HttpResult sheet(const std::string& unit) {
        return s.post("/api/v1/periods/2022/documents", s.clerk(),
                      R"({"kind":"appraisal_sheet","unit":")" + unit +
                          R"(","number":3,"date":"2023-02-02","draft":false})");
    }
    TestServer s;
};

TEST_F(SheetYearsTest, NoAppraisalSheetIsSignedForAYearTheUnitWasNotAssessedIn) {
    ASSERT_EQ(s.patch("/api/v1/units/XA16", s.clerk(), R"({"active_to_year":2021})").status, 200);
    ASSERT_EQ(s.post("/api/v1/units", s.clerk(),
                     R"({"code":"XA20","name":"UBND xã Mới","unit_type":"xa",)"
                     R"("active_from_year":2023})")
                  .status,
              201);
    const int audits = s.auditCount();

    auto dissolved = sheet("XA16");
    EXPECT_EQ(dissolved.status, 409) << dissolved.dump();
    EXPECT_EQ(dissolved.errorMessage(),
              "Đơn vị XA16 không được đánh giá năm 2022 (hoạt động đến năm 2021)");
    auto later = sheet("XA20");
    EXPECT_EQ(later.status, 409) << later.dump();
    EXPECT_EQ(later.errorMessage(),
              "Đơn vị XA20 không được đánh giá năm 2022 (hoạt động từ năm 2023)");
    EXPECT_EQ(documents(), 0);
    EXPECT_EQ(s.auditCount(), audits);
    EXPECT_EQ(sheet("XA15").status, 201);
}

}  // namespace
}  // namespace kc::test
