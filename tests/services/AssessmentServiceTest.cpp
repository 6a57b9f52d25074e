#include "AssessmentFixture.h"

namespace kc::test {
namespace {

using AssessmentServiceTest = AssessmentFixture;

const char* kStale = "Dữ liệu đã được người khác cập nhật; tải lại rồi thử lại";

TEST_F(AssessmentServiceTest, SelfScoreIsStoredVersionedAndAudited) {
    auto r = self("1.1.1", "0.5");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->version, 1);
    EXPECT_EQ(r->self->score.toString(), "0.50");
    EXPECT_EQ(auditCount("assessment.self"), 1u);
    auto again = self("1.1.1", "1", 1);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->version, 2);
}

TEST_F(AssessmentServiceTest, ScoreAboveMaximumIsRefused) {
    auto r = self("1.1.3", "2.5");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(auditCount("assessment.self"), 0u);
}

TEST_F(AssessmentServiceTest, NegativeScoreIsRefused) {
    EXPECT_EQ(self("1.1.3", "-1").error().code, ErrorCode::InvalidInput);
}

TEST_F(AssessmentServiceTest, ScoreNotAnAllowedLevelIsRefused) {
    auto r = self("1.1.1", "0.75");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("mức"), std::string::npos) << r.error().message;
}

TEST_F(AssessmentServiceTest, BandsSuggestionNeedsReasonToOverride) {
    ScoreInput in = input("1");
    in.entry.metricPct = *Points::parse("95");
    auto r = assessment.score(kUnit, 2022, "XA16", "1.1.3", ScoreRound::Self, in);
    ASSERT_FALSE(r.ok());
    in.entry.overrideReason = "Số liệu chưa đầy đủ";
    r = assessment.score(kUnit, 2022, "XA16", "1.1.3", ScoreRound::Self, in);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->self->suggested->toString(), "2.00");
}

TEST_F(AssessmentServiceTest, SelfScoreOnSurveyItemIsRefused) {
    auto r = self("1.7.1", "1");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
}

TEST_F(AssessmentServiceTest, OtherUnitCannotSelfScore) {
    auto r = assessment.score(kOtherUnit, 2022, "XA16", "1.1.1", ScoreRound::Self, input("1"));
    EXPECT_EQ(r.error().code, ErrorCode::Forbidden);
}

TEST_F(AssessmentServiceTest, SelfScoreAfterCloseIsPhaseClosedWithDate) {
    clock.set(at("2023-01-02T00:00:00Z"));
    auto r = self("1.1.1", "1");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::PhaseClosed);
    EXPECT_EQ(r.error().message, "Đã hết hạn tự đánh giá ngày 31/12/2022");
}

TEST_F(AssessmentServiceTest, ExtensionReopensSelfAssessmentForThatUnitOnly) {
    clock.set(at("2023-01-02T00:00:00Z"));
    auto e = assessment.extend(kClerk, 2022, "XA16", ExtensionPhase::SelfAssessment,
                               at("2023-01-03T16:59:59Z"), "Cán bộ ốm");
    ASSERT_TRUE(e.ok()) << e.error().message;
    EXPECT_EQ(auditCount("deadline.extend"), 1u);
    EXPECT_TRUE(self("1.1.1", "1").ok());
    auto other = assessment.score(kOtherUnit, 2022, "XA02", "1.1.1", ScoreRound::Self, input("1"));
    EXPECT_EQ(other.error().code, ErrorCode::PhaseClosed);
    // Reviewers wait for the extended unit.
    auto step1 =
        assessment.score(kReviewer, 2022, "XA16", "1.1.1", ScoreRound::Step1, input("1", 1));
    EXPECT_EQ(step1.error().code, ErrorCode::PhaseClosed);
}

TEST_F(AssessmentServiceTest, UnitCannotExtend) {
    auto e = assessment.extend(kUnit, 2022, "XA16", ExtensionPhase::SelfAssessment,
                               at("2023-01-03"), "x");
    EXPECT_EQ(e.error().code, ErrorCode::Forbidden);
}

TEST_F(AssessmentServiceTest, Step1DuringSelfAssessmentIsPhaseClosed) {
    ASSERT_TRUE(self("1.1.1", "1").ok());
    auto r = assessment.score(kReviewer, 2022, "XA16", "1.1.1", ScoreRound::Step1, input("1", 1));
    EXPECT_EQ(r.error().code, ErrorCode::PhaseClosed);
}

TEST_F(AssessmentServiceTest, ReviewerOutsideTheirAreasIsForbidden) {
    clock.set(at("2023-01-02T00:00:00Z"));
    auto r = assessment.score(kReviewer, 2022, "XA16", "3.1.1", ScoreRound::Step1, input("0.5"));
    EXPECT_EQ(r.error().code, ErrorCode::Forbidden);
}

TEST_F(AssessmentServiceTest, Step2DuringStep1IsPhaseClosed) {
    clock.set(at("2023-01-02T00:00:00Z"));
    auto r = assessment.score(kReviewer, 2022, "XA16", "1.1.1", ScoreRound::Step2, input("1"));
    EXPECT_EQ(r.error().code, ErrorCode::PhaseClosed);
}

TEST_F(AssessmentServiceTest, StaleVersionIsConflictAndKeepsTheEarlierWrite) {
    ASSERT_TRUE(self("1.1.1", "1").ok());
    auto stale = self("1.1.1", "0.5", 0);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
    EXPECT_EQ(stale.error().message, kStale);
    auto view = assessment.unitAssessment(kUnit, 2022, "XA16");
    ASSERT_TRUE(view.ok());
    EXPECT_EQ(view->items.front().item.self->score.toString(), "1.00");
}

TEST_F(AssessmentServiceTest, ReplyWithoutRequestIsConflict) {
    clock.set(at("2023-01-06T00:00:00Z"));
    auto r = assessment.reply(kUnit, 2022, "XA16", "1.1.1", "Đã bổ sung", 0);
    EXPECT_EQ(r.error().code, ErrorCode::Conflict);
}

TEST_F(AssessmentServiceTest, RequestReplyAndSecondRequest) {
    ASSERT_TRUE(self("1.1.1", "1").ok());
    clock.set(at("2023-01-02T00:00:00Z"));
    RequestInput q{"Kế hoạch CCHC có chữ ký", "Bản nộp chưa ký", at("2023-01-10"), std::nullopt};
    auto req = assessment.requestSupplement(kReviewer, 2022, "XA16", "1.1.1", q);
    ASSERT_TRUE(req.ok()) << req.error().message;
    auto second = assessment.requestSupplement(kReviewer, 2022, "XA16", "1.1.1", q);
    EXPECT_EQ(second.error().code, ErrorCode::Conflict);
    // Reply outside the window.
    auto early = assessment.reply(kUnit, 2022, "XA16", "1.1.1", "Đã ký", req->version);
    EXPECT_EQ(early.error().code, ErrorCode::PhaseClosed);
    clock.set(at("2023-01-06T00:00:00Z"));
    auto reply = assessment.reply(kUnit, 2022, "XA16", "1.1.1", "Đã ký", req->version);
    ASSERT_TRUE(reply.ok()) << reply.error().message;
    EXPECT_EQ(*reply->request->reply, "Đã ký");
    clock.set(at("2023-01-12T00:00:00Z"));
    auto late = assessment.reply(kUnit, 2022, "XA16", "1.1.1", "x", reply->version);
    EXPECT_EQ(late.error().code, ErrorCode::PhaseClosed);
    EXPECT_EQ(late.error().message, "Đã hết hạn bổ sung, giải trình ngày 10/01/2023");
}

TEST_F(AssessmentServiceTest, BulkWithOneBadRowStoresNothingAndReportsEveryBadRow) {
    std::vector<BulkRow> rows(3);
    rows[0] = {"rows[0]",
               "1.1.1",
               {*Points::parse("1"), std::nullopt, std::nullopt, ""},
               "ok",
               std::nullopt};
    rows[1] = {"rows[1]",
               "1.1.2",
               {*Points::parse("5"), std::nullopt, std::nullopt, ""},
               "",
               std::nullopt};
    rows[2] = {"rows[2]",
               "1.7.1",
               {*Points::parse("1"), std::nullopt, std::nullopt, ""},
               "",
               std::nullopt};
    auto r = assessment.bulkSelf(kUnit, 2022, "XA16", rows);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().details.size(), 2u);
    EXPECT_EQ(r.error().details[0].path, "rows[1].score");
    EXPECT_EQ(r.error().details[1].path, "rows[2].score");
    EXPECT_EQ(auditCount("assessment.self_bulk"), 0u);
    rows.resize(1);
    auto ok = assessment.bulkSelf(kUnit, 2022, "XA16", rows);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(auditCount("assessment.self_bulk"), 1u);
}

// An item the criteria set keeps for the appraisal team ("self_scored": false) is refused to
// the unit one by one and in bulk alike, and nothing is stored.
TEST_F(AssessmentServiceTest, AnItemNotSelfScoredIsRefusedOneByOneAndInBulk) {
    std::string doc = demoCriteria();
    setField(doc, "1.1.1", "self_scored", "true", "false");
    seedSo(doc);
    const Actor& so = kSo;
    auto one = assessment.score(so, 2022, "SO01", "1.1.1", ScoreRound::Self, input("1"));
    ASSERT_FALSE(one.ok());
    EXPECT_EQ(one.error().message, "Tiêu chí 1.1.1 không do đơn vị tự chấm");
    std::vector<BulkRow> rows{{"rows[0]",
                               "1.1.2",
                               {*Points::parse("1"), std::nullopt, std::nullopt, ""},
                               "",
                               std::nullopt},
                              {"rows[1]",
                               "1.1.1",
                               {*Points::parse("1"), std::nullopt, std::nullopt, ""},
                               "",
                               std::nullopt}};
    auto bulk = assessment.bulkSelf(so, 2022, "SO01", rows);
    ASSERT_FALSE(bulk.ok());
    ASSERT_EQ(bulk.error().details.size(), 1u);
    EXPECT_EQ(bulk.error().details[0].path, "rows[1].sub_code");
    EXPECT_EQ(bulk.error().details[0].message, "Tiêu chí 1.1.1 không do đơn vị tự chấm");
    EXPECT_EQ(auditCount("assessment.self"), 0u);
    EXPECT_EQ(auditCount("assessment.self_bulk"), 0u);
    auto view = assessment.unitAssessment(kClerk, 2022, "SO01");
    ASSERT_TRUE(view.ok());
    for (const ItemView& i : view->items) EXPECT_FALSE(i.item.self.has_value()) << i.node.code;
}

TEST_F(AssessmentServiceTest, CompletenessFollowsTheItem) {
    auto status = [&](const std::string& sub) {
        auto v = assessment.unitAssessment(kClerk, 2022, "XA16");
        for (const ItemView& i : v->items)
            if (i.node.code == sub)
                return std::string(itemStatusName(i.status));
        return std::string("?");
    };
    EXPECT_EQ(status("1.1.1"), "not_started");
    ASSERT_TRUE(assessment.score(kUnit, 2022, "XA16", "1.1.1", ScoreRound::Self, input("1")).ok());
    EXPECT_EQ(status("1.1.1"), "missing_evidence");
    ASSERT_TRUE(self("1.1.1", "1", 1).ok());  // with an explanation
    EXPECT_EQ(status("1.1.1"), "complete");
    ASSERT_TRUE(self("1.1.2", "1").ok());
    clock.set(at("2023-01-02T00:00:00Z"));
    EXPECT_EQ(status("1.1.1"), "under_review");
    ASSERT_TRUE(
        assessment
            .score(kReviewer, 2022, "XA16", "1.1.1", ScoreRound::Step1, input("0.5", 2, "Chậm"))
            .ok());
    EXPECT_EQ(status("1.1.1"), "appraised_step1");

    auto m = completeness.matrix(kClerk, 2022, {});
    ASSERT_TRUE(m.ok());
    ASSERT_EQ(m->rows.size(), 2u);
    EXPECT_EQ(m->rows.front().unitCode, "XA02");  // nothing submitted: listed first
    EXPECT_TRUE(m->rows.front().summary.nothingSubmitted());

    auto d = completeness.differences(kUnit, 2022, "XA16");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->selfTotal.toString(), "2.00");
    EXPECT_EQ(d->step1Total.toString(), "0.50");
    EXPECT_EQ(d->selfMinusStep1.toString(), "0.50");  // 1.1.1 only: 1.1.2 has no step-1 score
    EXPECT_EQ(d->selfAndStep1, 1);
    EXPECT_EQ(d->selfAndStep2, 0);
    EXPECT_EQ(completeness.differences(kOtherUnit, 2022, "XA16").error().code,
              ErrorCode::Forbidden);
}

// "explanation_required_if_no_evidence": true holds where evidence is optional too: a unit
// without a file must explain.
TEST_F(AssessmentServiceTest, ExplanationIsDueWithoutEvidenceWhereEvidenceIsOptional) {
    std::string doc = demoCriteria();
    setField(doc, "1.1.2", "evidence_required", "true", "false");
    seedSo(doc);
    ASSERT_TRUE(assessment.score(kSo, 2022, "SO01", "1.1.2", ScoreRound::Self, input("1")).ok());
    EXPECT_EQ(statusOf("SO01", "1.1.2"), "missing_explanation");
    ASSERT_TRUE(assessment
                    .score(kSo, 2022, "SO01", "1.1.2", ScoreRound::Self,
                           input("1", 1, "Không có văn bản riêng; đã lồng ghép vào kế hoạch"))
                    .ok());
    EXPECT_EQ(statusOf("SO01", "1.1.2"), "complete");
}

TEST_F(AssessmentServiceTest, ReviewQueueShowsUnscoredItemsOfTheirAreasOldestFirst) {
    ASSERT_TRUE(self("2.2.1", "0.5").ok());
    clock.advance(std::chrono::hours(1));
    ASSERT_TRUE(self("1.1.1", "1").ok());
    ASSERT_TRUE(
        assessment.score(kUnit, 2022, "XA16", "3.1.1", ScoreRound::Self, input("0.5", 0, "x"))
            .ok());
    clock.set(at("2023-01-02T00:00:00Z"));
    auto q = completeness.reviewQueue(kReviewer, 2022);
    ASSERT_TRUE(q.ok());
    ASSERT_EQ(q->size(), 2u);  // 3.1.1 is not in their areas
    EXPECT_EQ(q->at(0).subCode, "2.2.1");
    EXPECT_TRUE(q->at(0).changedSinceSeen);
    ASSERT_TRUE(assessment.unitAssessment(kReviewer, 2022, "XA16").ok());  // marks seen
    q = completeness.reviewQueue(kReviewer, 2022);
    EXPECT_FALSE(q->at(0).changedSinceSeen);
}

}  // namespace
}  // namespace kc::test
