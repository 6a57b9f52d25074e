// Bad input and out-of-phase writes on the workflow endpoints: each gets a clear error and
// changes nothing.

#include "WorkflowFixture.h"

namespace kc::test {
namespace {

TEST_F(WorkflowTest, ScoreAboveMaximumIsRefused) {
    auto r = putSelf("1.1.3", "2.5");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(version("1.1.3"), 0);
}

TEST_F(WorkflowTest, NegativeScoreIsRefused) {
    EXPECT_EQ(putSelf("1.1.3", "-1").status, 400);
}

TEST_F(WorkflowTest, ThreeDecimalsAsJsonNumberIsRefused) {
    auto r = putSelf("1.3.2", "1.005");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_TRUE(r.hasDetail("$.score")) << r.dump();
}

TEST_F(WorkflowTest, ThreeDecimalsAsTextIsRefused) {
    auto r = putSelf("1.3.2", "\"1.005\"");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_TRUE(r.hasDetail("$.score"));
}

TEST_F(WorkflowTest, DecimalCommaTextIsAccepted) {
    auto r = putSelf("1.1.1", "\"0,5\"");
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_EQ(r.object()->getObject("self")->getValue<std::string>("score_text"), "0.50");
}

TEST_F(WorkflowTest, ScoreNotAnAllowedLevelIsRefused) {
    auto r = putSelf("1.1.1", "0.75");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_NE(r.errorMessage().find("mức"), std::string::npos);
}

TEST_F(WorkflowTest, SelfScoreOnSurveyItemIsRefused) {
    EXPECT_EQ(putSelf("1.7.1", "1").status, 400);
}

TEST_F(WorkflowTest, SelfScoreAfterCloseIsPhaseClosed) {
    toStep1();
    auto r = putSelf("1.1.1", "1");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.errorCode(), "phase_closed");
    EXPECT_EQ(r.errorMessage(), "Đã hết hạn tự đánh giá ngày 31/12/2022");
}

TEST_F(WorkflowTest, Step1DuringSelfAssessmentIsPhaseClosed) {
    auto r = putStep("step1", "1.1.1", "1", 0);
    EXPECT_EQ(r.status, 409) << r.dump();
    EXPECT_EQ(r.errorCode(), "phase_closed");
}

TEST_F(WorkflowTest, ReviewerOutsideTheirAreasIsForbidden) {
    toStep1();
    auto r = putStep("step1", "3.1.1", "0.5", 0);
    EXPECT_EQ(r.status, 403) << r.dump();
}

TEST_F(WorkflowTest, UnitCannotScoreStep1) {
    toStep1();
    auto r = s.request("PUT", itemPath("1.1.1", "step1"), unit(),
                       R"({"score":1,"comment":"","version":0})");
    EXPECT_EQ(r.status, 403);
}

TEST_F(WorkflowTest, Step2DuringStep1IsPhaseClosed) {
    toStep1();
    EXPECT_EQ(putStep("step2", "1.1.1", "1", 0).status, 409);
}

TEST_F(WorkflowTest, ReplyOutsideSupplementWindowIsPhaseClosed) {
    ASSERT_EQ(putSelf("1.1.1", "1").status, 200);
    toStep1();
    ASSERT_EQ(requestSupplement("1.1.1").status, 201);
    auto r = reply("1.1.1", version("1.1.1"));
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.errorCode(), "phase_closed");
}

TEST_F(WorkflowTest, ReplyWithoutRequestIsConflict) {
    toSupplement();
    auto r = reply("1.1.1", 0);
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.errorCode(), "conflict");
}

TEST_F(WorkflowTest, SecondOpenRequestIsConflict) {
    toStep1();
    ASSERT_EQ(requestSupplement("1.1.1").status, 201);
    auto r = requestSupplement("1.1.1");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.errorCode(), "conflict");
}

TEST_F(WorkflowTest, StaleVersionIsConflictAndKeepsTheFirstWrite) {
    ASSERT_EQ(putSelf("1.1.1", "1", 0).status, 200);
    auto r = putSelf("1.1.1", "0.5", 0);
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.errorMessage(), "Dữ liệu đã được người khác cập nhật; tải lại rồi thử lại");
    EXPECT_EQ(item("1.1.1", clerk())->getObject("self")->getValue<std::string>("score_text"),
              "1.00");
}

TEST_F(WorkflowTest, MissingVersionIsInvalid) {
    auto r = s.request("PUT", itemPath("1.1.1", "self"), unit(), R"({"score":1})");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(r.hasDetail("$.version"));
}

TEST_F(WorkflowTest, UnitReadsOnlyItsOwnAssessment) {
    EXPECT_EQ(s.get(unitPath("XA02") + "/assessment", unit()).status, 403);
    EXPECT_EQ(s.get(unitPath("XA16") + "/assessment", unit()).status, 200);
    EXPECT_EQ(s.get("/api/v1/periods/2022/completeness", unit()).status, 403);
}

TEST_F(WorkflowTest, ClerkExtensionReopensSelfAssessmentAndUploads) {
    toStep1();
    EXPECT_EQ(putSelf("1.1.1", "1").status, 409);
    EXPECT_EQ(upload("1.1.1", "%PDF-1.4 late").status, 409);
    auto blank =
        s.post(unitPath() + "/extensions", clerk(),
               R"({"phase":"self_assessment","until":"2023-01-03T16:59:59Z","reason":"   "})");
    EXPECT_EQ(blank.status, 400) << blank.dump();
    EXPECT_TRUE(blank.hasDetail("$.reason")) << blank.body;
    EXPECT_EQ(putSelf("1.1.1", "1").status, 409);
    auto e =
        s.post(unitPath() + "/extensions", clerk(),
               R"({"phase":"self_assessment","until":"2023-01-03T16:59:59Z","reason":"Mất điện"})");
    ASSERT_EQ(e.status, 201) << e.dump();
    EXPECT_EQ(putSelf("1.1.1", "1").status, 200);
    EXPECT_EQ(upload("1.1.1", "%PDF-1.4 late").status, 201);
    EXPECT_EQ(s.post(unitPath() + "/extensions", unit(),
                     R"({"phase":"supplement","until":"2023-01-12","reason":"x"})")
                  .status,
              403);
}

TEST_F(WorkflowTest, WithdrawnEvidenceNoLongerCounts) {
    auto up = upload("1.1.1", "%PDF-1.4 plan");
    ASSERT_EQ(up.status, 201) << up.dump();
    ASSERT_EQ(putSelf("1.1.1", "1", 0, "").status, 200);
    EXPECT_EQ(status("1.1.1"), "complete");
    long id = up.array()->getObject(0)->getValue<long>("id");
    ASSERT_EQ(s.post("/api/v1/evidence/" + std::to_string(id) + "/withdraw", unit(), "").status,
              200);
    EXPECT_EQ(item("1.1.1", clerk())->getValue<int>("evidence_files"), 0);
    EXPECT_EQ(status("1.1.1"), "missing_evidence");
}

}  // namespace
}  // namespace kc::test
