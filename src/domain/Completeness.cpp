#include "domain/Completeness.h"

namespace kc {

namespace {

constexpr std::array<std::string_view, kItemStatusCount> kNames = {
    "not_started", "missing_evidence", "missing_explanation",
    "complete",    "under_review",     "supplement_requested",
    "replied",     "appraised_step1",  "appraised_step2",
    "survey"};

bool fromStep1(Phase p) {
    return p == Phase::Step1Appraisal || p == Phase::SupplementWindow ||
           p == Phase::Step2Appraisal || p == Phase::Closed;
}

}  // namespace

std::string_view itemStatusName(ItemStatus s) {
    return kNames[static_cast<std::size_t>(s)];
}

std::optional<ItemStatus> parseItemStatus(std::string_view name) {
    for (std::size_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == name)
            return static_cast<ItemStatus>(i);
    return std::nullopt;
}

ItemStatus itemStatus(const ItemFacts& f, Phase phase) {
    if (f.survey)
        return ItemStatus::Survey;
    if (f.optional && !f.selfScored && !f.step1Scored && !f.step2Scored && !f.requested)
        return ItemStatus::Complete;
    if (f.step2Scored)
        return ItemStatus::AppraisedStep2;
    if (fromStep1(phase)) {
        if (f.requested)
            return f.replied ? ItemStatus::Replied : ItemStatus::SupplementRequested;
        if (f.step1Scored)
            return ItemStatus::AppraisedStep1;
        if (phase == Phase::Step1Appraisal && (f.selfScored || !f.unitScores))
            return ItemStatus::UnderReview;
    }
    if (f.unitScores && !f.selfScored)
        return ItemStatus::NotStarted;
    if (f.evidenceRequired && f.files < f.minFiles) {
        if (f.explanationRequiredIfNoEvidence && f.hasExplanation)
            return ItemStatus::Complete;
        return f.files == 0 ? ItemStatus::MissingEvidence : ItemStatus::MissingExplanation;
    }
    // The unit cannot write an explanation on an item it does not score, so only files count.
    if (f.explanationRequiredIfNoEvidence && f.unitScores && f.files == 0 && !f.hasExplanation)
        return ItemStatus::MissingExplanation;
    return ItemStatus::Complete;
}

void StatusSummary::add(ItemStatus s, bool unitMustSubmit) {
    ++counts[static_cast<std::size_t>(s)];
    if (s == ItemStatus::Survey)
        return;
    ++total;
    reviewerOnly += !unitMustSubmit;
}

Points StatusSummary::pct(ItemStatus s) const {
    if (total == 0)
        return Points();
    return Points::fromHundredths(roundHalfAwayFromZero(std::int64_t{count(s)} * 10000, total));
}

int StatusSummary::done() const {
    return total - count(ItemStatus::NotStarted) - count(ItemStatus::MissingEvidence) -
           count(ItemStatus::MissingExplanation);
}

Points StatusSummary::donePct() const {
    if (total == 0)
        return Points();
    return Points::fromHundredths(roundHalfAwayFromZero(std::int64_t{done()} * 10000, total));
}

}  // namespace kc
