#include "AssessmentFixture.h"

namespace kc::test {
namespace {

// SO01's set gives 1.1.1 (evidence required) and 1.1.2 (evidence not required) to the
// reviewers ("self_scored": false): the unit cannot score them, so they must not hold back its
// progress, and reviewers must find them in their step-1 queue.
class ReviewerScoredItemTest : public AssessmentFixture {
protected:
    ReviewerScoredItemTest() {
        std::string doc = demoCriteria();
        setField(doc, "1.1.1", "self_scored", "true", "false");
        setField(doc, "1.1.2", "self_scored", "true", "false");
        setField(doc, "1.1.2", "evidence_required", "true", "false");
        seedSo(doc);
    }

    StatusSummary summary() {
        auto v = assessment.unitAssessment(kClerk, 2022, "SO01");
        EXPECT_TRUE(v.ok());
        return v.ok() ? v->summary : StatusSummary{};
    }

    std::vector<std::string> step1Queue() {
        auto q = completeness.reviewQueue(kReviewer, 2022);
        EXPECT_TRUE(q.ok());
        std::vector<std::string> subs;
        for (const QueueItem& i : q.value())
            if (i.unitCode == "SO01")
                subs.push_back(i.subCode);
        return subs;
    }
};

TEST_F(ReviewerScoredItemTest, CountsByItsEvidenceRulesNotAsNotStarted) {
    EXPECT_EQ(statusOf("SO01", "1.1.1"), "missing_evidence");  // the file is still the unit's
    EXPECT_EQ(statusOf("SO01", "1.1.2"), "complete");          // nothing for the unit to do
    StatusSummary s = summary();
    EXPECT_EQ(s.done(), 1);
    EXPECT_TRUE(s.nothingSubmitted());  // it has scored none of its own items

    ASSERT_TRUE(assessment.score(kSo, 2022, "SO01", "1.1.3", ScoreRound::Self, input("1")).ok());
    EXPECT_FALSE(summary().nothingSubmitted());
}

TEST_F(ReviewerScoredItemTest, IsInTheStep1QueueUntilScored) {
    ASSERT_TRUE(assessment.score(kSo, 2022, "SO01", "1.1.3", ScoreRound::Self, input("1")).ok());
    clock.set(at("2023-01-02T00:00:00Z"));
    EXPECT_EQ(statusOf("SO01", "1.1.1"), "under_review");
    EXPECT_EQ(statusOf("SO01", "1.1.2"), "under_review");
    // Oldest first: 1.1.3 since its self-score, the reviewers' items since self-assessment
    // closed. Survey items (1.7.x) and items the unit could score but did not stay out.
    EXPECT_EQ(step1Queue(), (std::vector<std::string>{"1.1.3", "1.1.1", "1.1.2"}));
    auto q = completeness.reviewQueue(kReviewer, 2022);
    ASSERT_EQ(q->size(), 3u);
    EXPECT_EQ(formatIso(q->at(1).since), "2022-12-31T16:59:59Z");

    ASSERT_TRUE(
        assessment.score(kReviewer, 2022, "SO01", "1.1.1", ScoreRound::Step1, input("1")).ok());
    EXPECT_EQ(statusOf("SO01", "1.1.1"), "appraised_step1");
    EXPECT_EQ(step1Queue(), (std::vector<std::string>{"1.1.3", "1.1.2"}));
}

}  // namespace
}  // namespace kc::test
