#include <gtest/gtest.h>

#include "domain/Completeness.h"

namespace kc {
namespace {

// Facts of an appraisal item needing one file, with an explanation standing in for it.
ItemFacts base() {
    ItemFacts f;
    f.evidenceRequired = true;
    f.minFiles = 1;
    f.explanationRequiredIfNoEvidence = true;
    return f;
}

struct Case {
    const char* name;
    ItemFacts facts;
    Phase phase;
    ItemStatus expected;
};

ItemFacts with(std::initializer_list<bool ItemFacts::*> flags, int files = 0,
               ItemFacts f = base()) {
    for (auto flag : flags) f.*flag = true;
    f.files = files;
    return f;
}

TEST(CompletenessTest, StatusTable) {
    using F = ItemFacts;
    ItemFacts survey = base();
    survey.survey = true;
    ItemFacts twoFiles = base();
    twoFiles.minFiles = 2;
    ItemFacts optional = base();
    optional.evidenceRequired = false;
    ItemFacts noStandIn = base();
    noStandIn.explanationRequiredIfNoEvidence = false;
    ItemFacts optionalNoStandIn = optional;
    optionalNoStandIn.explanationRequiredIfNoEvidence = false;
    ItemFacts reviewers = base();  // "self_scored": false
    reviewers.unitScores = false;
    ItemFacts reviewersOptional = optional;
    reviewersOptional.unitScores = false;
    const Case cases[] = {
        {"survey item", survey, Phase::SelfAssessment, ItemStatus::Survey},
        {"nothing entered", base(), Phase::SelfAssessment, ItemStatus::NotStarted},
        {"scored, no file, no explanation", with({&F::selfScored}), Phase::SelfAssessment,
         ItemStatus::MissingEvidence},
        {"scored with a file", with({&F::selfScored}, 1), Phase::SelfAssessment,
         ItemStatus::Complete},
        {"scored, explained instead of a file", with({&F::selfScored, &F::hasExplanation}),
         Phase::SelfAssessment, ItemStatus::Complete},
        {"explanation may not stand in", with({&F::selfScored, &F::hasExplanation}, 0, noStandIn),
         Phase::SelfAssessment, ItemStatus::MissingEvidence},
        {"one of two files, no explanation", with({&F::selfScored}, 1, twoFiles),
         Phase::SelfAssessment, ItemStatus::MissingExplanation},
        {"one of two files, explained", with({&F::selfScored, &F::hasExplanation}, 1, twoFiles),
         Phase::SelfAssessment, ItemStatus::Complete},
        {"evidence optional, explanation due", with({&F::selfScored}, 0, optional),
         Phase::SelfAssessment, ItemStatus::MissingExplanation},
        {"evidence optional, explained", with({&F::selfScored, &F::hasExplanation}, 0, optional),
         Phase::SelfAssessment, ItemStatus::Complete},
        {"evidence optional, a file", with({&F::selfScored}, 1, optional), Phase::SelfAssessment,
         ItemStatus::Complete},
        {"evidence optional, no explanation asked", with({&F::selfScored}, 0, optionalNoStandIn),
         Phase::SelfAssessment, ItemStatus::Complete},
        {"step 1, not yet scored", with({&F::selfScored}, 1), Phase::Step1Appraisal,
         ItemStatus::UnderReview},
        {"step 1, never self-scored", base(), Phase::Step1Appraisal, ItemStatus::NotStarted},
        {"step 1 scored", with({&F::selfScored, &F::step1Scored}, 1), Phase::Step1Appraisal,
         ItemStatus::AppraisedStep1},
        {"request open", with({&F::selfScored, &F::step1Scored, &F::requested}, 1),
         Phase::SupplementWindow, ItemStatus::SupplementRequested},
        {"request replied", with({&F::selfScored, &F::step1Scored, &F::requested, &F::replied}),
         Phase::Step2Appraisal, ItemStatus::Replied},
        {"step 2 scored wins", with({&F::selfScored, &F::requested, &F::replied, &F::step2Scored}),
         Phase::Closed, ItemStatus::AppraisedStep2},
        {"after step 1 without a step-1 score", with({&F::selfScored}, 1), Phase::Step2Appraisal,
         ItemStatus::Complete},
        {"reviewers' item, nothing required", reviewersOptional, Phase::SelfAssessment,
         ItemStatus::Complete},
        {"reviewers' item, its file missing", reviewers, Phase::SelfAssessment,
         ItemStatus::MissingEvidence},
        {"reviewers' item with its file", with({}, 1, reviewers), Phase::SelfAssessment,
         ItemStatus::Complete},
        {"reviewers' item in step 1", reviewers, Phase::Step1Appraisal, ItemStatus::UnderReview},
        {"reviewers' item scored in step 1", with({&F::step1Scored}, 0, reviewers),
         Phase::Step1Appraisal, ItemStatus::AppraisedStep1},
    };
    for (const Case& c : cases)
        EXPECT_EQ(itemStatusName(itemStatus(c.facts, c.phase)), itemStatusName(c.expected))
            << c.name;
}

// A bonus or penalty item needs nothing: left empty it is complete for the unit and for the
// reviewers; once claimed it follows the ordinary rules.
TEST(CompletenessTest, AnAdjustmentItemIsOptional) {
    using F = ItemFacts;
    ItemFacts adjustment = base();
    adjustment.optional = true;
    ItemFacts reviewersAdjustment = adjustment;
    reviewersAdjustment.unitScores = false;
    const Case cases[] = {
        {"nothing entered", adjustment, Phase::SelfAssessment, ItemStatus::Complete},
        {"nothing entered, step 1", adjustment, Phase::Step1Appraisal, ItemStatus::Complete},
        {"reviewers' item, nothing entered", reviewersAdjustment, Phase::Step1Appraisal,
         ItemStatus::Complete},
        {"claimed without its file", with({&F::selfScored}, 0, adjustment), Phase::SelfAssessment,
         ItemStatus::MissingEvidence},
        {"claimed, step 1", with({&F::selfScored}, 1, adjustment), Phase::Step1Appraisal,
         ItemStatus::UnderReview},
        {"scored in step 1", with({&F::step1Scored}, 0, reviewersAdjustment), Phase::Step1Appraisal,
         ItemStatus::AppraisedStep1},
    };
    for (const Case& c : cases)
        EXPECT_EQ(itemStatusName(itemStatus(c.facts, c.phase)), itemStatusName(c.expected))
            << c.name;

    // An empty bonus does not make a unit that scored nothing look as if it submitted something.
    CriteriaNode bonus;
    bonus.adjustment = Adjustment::Bonus;
    CriteriaNode ordinary;
    EXPECT_FALSE(mustSubmit(bonus));
    EXPECT_TRUE(mustSubmit(ordinary));
    StatusSummary summary;
    summary.add(ItemStatus::NotStarted, mustSubmit(ordinary));
    summary.add(itemStatus(adjustment, Phase::SelfAssessment), mustSubmit(bonus));
    EXPECT_EQ(summary.donePct().toString(), "50.00");
    EXPECT_TRUE(summary.nothingSubmitted());
}

TEST(CompletenessTest, NamesRoundTrip) {
    for (std::size_t i = 0; i < kItemStatusCount; ++i) {
        auto s = static_cast<ItemStatus>(i);
        EXPECT_EQ(parseItemStatus(itemStatusName(s)), s);
    }
    EXPECT_FALSE(parseItemStatus("done"));
}

TEST(CompletenessTest, SummaryCountsAndPercentages) {
    StatusSummary s;
    s.add(ItemStatus::Complete);
    s.add(ItemStatus::NotStarted);
    s.add(ItemStatus::NotStarted);
    s.add(ItemStatus::Survey);
    EXPECT_EQ(s.total, 3);
    EXPECT_EQ(s.done(), 1);
    EXPECT_EQ(s.donePct().toString(), "33.33");
    EXPECT_EQ(s.pct(ItemStatus::NotStarted).toString(), "66.67");
    EXPECT_FALSE(s.nothingSubmitted());

    StatusSummary empty;
    empty.add(ItemStatus::NotStarted);
    EXPECT_TRUE(empty.nothingSubmitted());
    EXPECT_EQ(StatusSummary().donePct().toString(), "0.00");
}

// Items the unit does not score ("self_scored": false) count towards progress by their own
// status, but "nothing submitted" looks only at the unit's own items.
TEST(CompletenessTest, ReviewersItemsDoNotHideANothingSubmittedUnit) {
    StatusSummary s;
    s.add(ItemStatus::NotStarted);
    s.add(ItemStatus::Complete, false);
    EXPECT_EQ(s.total, 2);
    EXPECT_EQ(s.donePct().toString(), "50.00");
    EXPECT_TRUE(s.nothingSubmitted());

    StatusSummary full;
    full.add(ItemStatus::Complete);
    full.add(ItemStatus::Complete, false);
    EXPECT_EQ(full.donePct().toString(), "100.00");
    EXPECT_FALSE(full.nothingSubmitted());

    StatusSummary onlyReviewers;
    onlyReviewers.add(ItemStatus::Complete, false);
    EXPECT_FALSE(onlyReviewers.nothingSubmitted());
}

}  // namespace
}  // namespace kc
