// The whole yearly process over HTTP on the demo 2022 period: the unit self-scores and
// uploads, the reviewer appraises step 1 and asks for a supplement, the unit replies with a
// new file, the reviewer appraises step 2; the matrix, queue and differences follow along.

#include "WorkflowFixture.h"

namespace kc::test {
namespace {

using WorkflowJourneyTest = WorkflowTest;

Poco::JSON::Object::Ptr matrixRow(const HttpResult& r, const std::string& unit) {
    auto rows = r.object() ? r.object()->getArray("rows") : Poco::JSON::Array::Ptr();
    for (std::size_t i = 0; rows && i < rows->size(); ++i)
        if (rows->getObject(i)->getValue<std::string>("unit_code") == unit)
            return rows->getObject(i);
    return nullptr;
}

TEST_F(WorkflowJourneyTest, FromSelfAssessmentToStep2) {
    // Self-assessment: two items scored with evidence.
    ASSERT_EQ(upload("1.1.1", "%PDF-1.4 kế hoạch").status, 201);
    ASSERT_EQ(upload("1.1.2", "%PDF-1.4 kinh phí").status, 201);
    ASSERT_EQ(putSelf("1.1.1", "1").status, 200);
    ASSERT_EQ(putSelf("1.1.2", "1").status, 200);
    EXPECT_EQ(status("1.1.1"), "complete");
    EXPECT_EQ(status("1.1.3"), "not_started");

    auto matrix = s.get("/api/v1/periods/2022/completeness?unit_type=xa", clerk());
    ASSERT_EQ(matrix.status, 200) << matrix.dump();
    auto rows = matrix.object()->getArray("rows");
    ASSERT_EQ(rows->size(), 17u);
    EXPECT_TRUE(rows->getObject(0)->getValue<bool>("nothing_submitted"));
    EXPECT_EQ(rows->getObject(16)->getValue<std::string>("unit_code"), "XA16");
    auto xa16 = matrixRow(matrix, "XA16");
    EXPECT_EQ(xa16->getObject("summary")->getObject("counts")->getValue<int>("complete"), 2);
    auto cell = xa16->getObject("cells")->getArray("1.1");
    EXPECT_EQ(cell->getElement<int>(0), 2);
    EXPECT_EQ(cell->getElement<int>(1), 3);

    // Step 1: the queue holds the two scored items of the reviewer's areas.
    toStep1();
    EXPECT_EQ(status("1.1.1"), "under_review");
    auto queue = s.get("/api/v1/periods/2022/review-queue", reviewer());
    ASSERT_EQ(queue.status, 200) << queue.dump();
    ASSERT_EQ(queue.array()->size(), 2u);
    EXPECT_TRUE(queue.array()->getObject(0)->getValue<bool>("changed_since_seen"));
    ASSERT_EQ(s.get(unitPath() + "/assessment", reviewer()).status, 200);  // marks seen
    queue = s.get("/api/v1/periods/2022/review-queue", reviewer());
    EXPECT_FALSE(queue.array()->getObject(0)->getValue<bool>("changed_since_seen"));

    ASSERT_EQ(putStep("step1", "1.1.1", "0.5", version("1.1.1")).status, 200);
    ASSERT_EQ(putStep("step1", "1.1.2", "1", version("1.1.2")).status, 200);
    auto request = requestSupplement("1.1.1");
    ASSERT_EQ(request.status, 201) << request.dump();
    EXPECT_EQ(status("1.1.1"), "supplement_requested");
    EXPECT_EQ(status("1.1.2"), "appraised_step1");
    auto reviewerView = s.get("/api/v1/periods/2022/completeness", reviewer());
    ASSERT_EQ(reviewerView.status, 200);
    EXPECT_FALSE(matrixRow(reviewerView, "XA16")->getObject("cells")->has("3.1"));
    EXPECT_EQ(s.get("/api/v1/periods/2022/completeness?area=3", reviewer()).status, 403);
    // A blank filter is no filter: the reviewer's own areas, as without it.
    auto blank = s.get("/api/v1/periods/2022/completeness?area=&unit_type=", reviewer());
    ASSERT_EQ(blank.status, 200) << blank.dump();
    EXPECT_EQ(blank.body, reviewerView.body);

    // Supplement window: a new file and the reply.
    toSupplement();
    ASSERT_EQ(upload("1.1.1", "%PDF-1.4 kế hoạch đã ký").status, 201);
    auto replied = reply("1.1.1", version("1.1.1"), "Đã bổ sung bản có chữ ký");
    ASSERT_EQ(replied.status, 200) << replied.dump();
    EXPECT_EQ(status("1.1.1"), "replied");
    auto unitView = item("1.1.1", unit());
    EXPECT_EQ(unitView->getValue<int>("supplement_files"), 1);
    EXPECT_EQ(unitView->getObject("step1")->getValue<std::string>("score_text"), "0.50");

    // Step 2: the replied item is queued as new; scoring it empties the queue.
    toStep2();
    queue = s.get("/api/v1/periods/2022/review-queue", reviewer());
    ASSERT_EQ(queue.array()->size(), 1u) << queue.dump();
    auto queued = queue.array()->getObject(0);
    EXPECT_EQ(queued->getValue<std::string>("sub_code"), "1.1.1");
    EXPECT_TRUE(queued->getValue<bool>("new_reply"));
    EXPECT_EQ(queued->getValue<int>("new_files"), 1);
    ASSERT_EQ(putStep("step2", "1.1.1", "1", version("1.1.1")).status, 200);
    EXPECT_EQ(status("1.1.1"), "appraised_step2");
    EXPECT_EQ(s.get("/api/v1/periods/2022/review-queue", reviewer()).array()->size(), 0u);

    // Closed: every round frozen and readable.
    toClosed();
    EXPECT_EQ(putStep("step2", "1.1.2", "1", version("1.1.2")).status, 409);
    auto diff = s.get(unitPath() + "/differences", unit());
    ASSERT_EQ(diff.status, 200) << diff.dump();
    auto totals = diff.object()->getObject("totals");
    EXPECT_EQ(totals->getValue<std::string>("self"), "2.00");
    EXPECT_EQ(totals->getValue<std::string>("step1"), "1.50");
    EXPECT_EQ(totals->getValue<std::string>("step2"), "1.00");
    EXPECT_EQ(totals->getValue<std::string>("self_minus_step1"), "0.50");
    // Only 1.1.1 has both a self and a step-2 score (1.00 each): 1.1.2's self-score is left out.
    EXPECT_EQ(totals->getValue<std::string>("self_minus_step2"), "0.00");
    EXPECT_EQ(totals->getValue<int>("self_and_step1_items"), 2);
    EXPECT_EQ(totals->getValue<int>("self_and_step2_items"), 1);
    auto done = s.get("/api/v1/periods/2022/completeness?status=appraised_step2", clerk());
    ASSERT_EQ(done.object()->getArray("rows")->size(), 1u);

    EXPECT_EQ(audits("assessment.self"), 2);
    EXPECT_EQ(audits("assessment.step1"), 2);
    EXPECT_EQ(audits("assessment.request"), 1);
    EXPECT_EQ(audits("assessment.reply"), 1);
    EXPECT_EQ(audits("assessment.step2"), 1);
    EXPECT_EQ(audits("evidence.upload"), 3);
    auto verify = s.get("/api/v1/audit/verify", admin());
    EXPECT_EQ(verify.status, 200) << verify.dump();
}

TEST_F(WorkflowJourneyTest, SupplementExtensionLetsOneUnitReplyLate) {
    ASSERT_EQ(putSelf("1.1.1", "1").status, 200);
    toStep1();
    ASSERT_EQ(requestSupplement("1.1.1").status, 201);
    s.clock.set(*parseIso("2023-01-11T03:00:00Z"));
    auto late = reply("1.1.1", version("1.1.1"));
    EXPECT_EQ(late.status, 409);
    EXPECT_EQ(late.errorMessage(), "Đã hết hạn bổ sung, giải trình ngày 10/01/2023");
    auto e = s.post(unitPath() + "/extensions", clerk(),
                    R"({"phase":"supplement","until":"2023-01-12T16:59:59Z","reason":"Lũ"})");
    ASSERT_EQ(e.status, 201) << e.dump();
    EXPECT_EQ(reply("1.1.1", version("1.1.1")).status, 200);
    EXPECT_EQ(audits("deadline.extend"), 1);
}

}  // namespace
}  // namespace kc::test
