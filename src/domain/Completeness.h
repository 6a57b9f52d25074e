#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "core/Points.h"
#include "domain/Criteria.h"
#include "domain/Phase.h"

namespace kc {

// Where one unit's sub-criterion stands (docs/workflow.md, "Completeness"). Computed on read
// from the stored facts, never stored.
enum class ItemStatus {
    NotStarted,           // no self-score on an item the unit scores
    MissingEvidence,      // evidence required, no file and no explanation
    MissingExplanation,   // no explanation where one is due: fewer files than the minimum, or
                          // none where the criteria want an explanation without evidence
    Complete,             // self-scored (or not the unit's to score) with what the criteria ask
    UnderReview,          // step 1 running and the item not yet scored in step 1
    SupplementRequested,  // an open supplement request without a reply
    Replied,              // the unit replied to the request; step 2 not yet scored
    AppraisedStep1,       // scored in step 1 (and nothing open)
    AppraisedStep2,       // scored in step 2
    Survey,               // assessed by the sociological survey: not part of completeness
};

inline constexpr std::size_t kItemStatusCount = 10;

// "not_started", "missing_evidence", "missing_explanation", "complete", "under_review",
// "supplement_requested", "replied", "appraised_step1", "appraised_step2", "survey".
std::string_view itemStatusName(ItemStatus s);
std::optional<ItemStatus> parseItemStatus(std::string_view name);

// The facts about one unit and sub-criterion that decide its status.
struct ItemFacts {
    // From the criteria:
    bool survey = false;
    bool evidenceRequired = false;
    int minFiles = 0;
    bool explanationRequiredIfNoEvidence = false;
    bool unitScores = true;  // false for "self_scored": false: the reviewers score it, not the unit
    bool optional = false;   // a bonus or penalty item: nothing entered is a valid answer
    // From the stored assessment and evidence:
    bool selfScored = false;
    bool hasExplanation = false;  // a non-empty self explanation
    int files = 0;                // evidence items currently standing (not withdrawn)
    bool step1Scored = false;
    bool requested = false;  // a supplement request exists
    bool replied = false;    // ... and the unit has replied
    bool step2Scored = false;
};

// The status of an item in the unit's effective phase. Rules, first match wins:
//   survey -> Survey; optional with nothing entered (no score in any round, no request) ->
//   Complete; step-2 score -> AppraisedStep2;
//   from step 1 on: request replied -> Replied; request open -> SupplementRequested;
//     step-1 score -> AppraisedStep1; during step 1 and self-scored (or not the unit's to score)
//     -> UnderReview;
//   otherwise by the self-assessment: no self-score on an item the unit scores -> NotStarted;
//   evidence required and files < minFiles: an explanation where one may stand in for evidence
//   (explanationRequiredIfNoEvidence) -> Complete, else no file -> MissingEvidence, some files
//   -> MissingExplanation; explanationRequiredIfNoEvidence with no file and no explanation on
//   an item the unit scores, even where evidence is not required -> MissingExplanation;
//   otherwise Complete. An item the unit does not score (it cannot write an explanation: only a
//   self-score carries one) needs only the files the criteria require.
ItemStatus itemStatus(const ItemFacts& f, Phase phase);

// True for an item the unit has to submit: self-scored and not an optional bonus or penalty.
// A unit that submitted none of these has "submitted nothing" (StatusSummary::nothingSubmitted).
inline bool mustSubmit(const CriteriaNode& n) {
    return n.selfScored && !n.isAdjustment();
}

// Counts of each status over a unit's items, with percentages of the non-survey items.
struct StatusSummary {
    std::array<int, kItemStatusCount> counts{};
    int total = 0;         // items other than survey ones
    int reviewerOnly = 0;  // ... of which the unit need not submit (see mustSubmit)

    void add(ItemStatus s, bool unitMustSubmit = true);
    int count(ItemStatus s) const { return counts[static_cast<std::size_t>(s)]; }
    // count(s) as a percentage of total in hundredths (0 when total is 0), half away from zero.
    Points pct(ItemStatus s) const;
    // Items past the self-assessment (complete, under review, requested, replied, appraised).
    int done() const;
    Points donePct() const;
    // True when the unit has items to score and has scored none of them: it submitted nothing.
    bool nothingSubmitted() const {
        return total > reviewerOnly && count(ItemStatus::NotStarted) == total - reviewerOnly;
    }
};

}  // namespace kc
