#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Result.h"
#include "domain/Assessment.h"
#include "domain/Phase.h"

namespace kc {

// The period as one unit sees it: the self-assessment and supplement closes moved to the
// latest extension recorded for that unit (never earlier than the period's own dates). Other
// units' extensions in the list are ignored.
Period effectivePeriod(const Period& period, const std::string& unitCode,
                       const std::vector<DeadlineExtension>& extensions);

// Checks an extension before it is recorded: the period's phase dates must be set, until must
// be later than the period's own close for that phase and no later than the close of the phase
// after it (step 1 for self-assessment, step 2 for supplement), and reason must not be empty.
// InvalidInput with a Vietnamese message naming the dates otherwise; PhaseClosed for a
// finalised period.
Status checkExtension(const Period& period, ExtensionPhase phase, TimePoint until,
                      const std::string& reason);

// Units whose standing extension (the latest per unit and phase) runs past the close of the
// phase after it in period: self-assessment past step 1, supplement past step 2. One problem
// per such extension, at the path of the date it passes ("$.step1_closes"), naming the unit and
// its date. Used when the period's dates move, so that an extension never outlasts the phase
// after it (checkExtension's rule at the time it was granted).
std::vector<ErrorDetail> extensionsPastTheirLimit(const Period& period,
                                                  const std::vector<DeadlineExtension>& extensions);

// The problem with `due` as the due date of a supplement request made at now for a unit whose
// effective period (extensions included) is `effective`, as a Vietnamese message for the
// $.due_date field; nullopt when it is acceptable. Days are Vietnam calendar days: due may not
// fall before today, nor after the unit's supplement close (when that date is set), since the
// unit can reply only until then.
std::optional<std::string> supplementDueProblem(const Period& effective, TimePoint now,
                                                TimePoint due);

// What the workflow lets happen in each phase (DOMAIN.md §4, docs/workflow.md).
enum class WorkflowAction {
    SelfScore,          // units, during self-assessment
    Step1Score,         // reviewers, during step 1
    RequestSupplement,  // reviewers, during step 1
    Reply,              // units, during the supplement window
    Step2Score,         // reviewers, during step 2
};

// The phase in which action is allowed.
Phase phaseOf(WorkflowAction action);

// Ok when action is allowed at now for a unit whose effective period is `effective`; otherwise
// PhaseClosed with a Vietnamese message naming the date that passed or has not come, e.g.
// "Đã hết hạn tự đánh giá ngày 31/12/2022".
Status requirePhase(const Period& effective, TimePoint now, WorkflowAction action);

}  // namespace kc
