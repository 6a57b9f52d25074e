#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/Clock.h"
#include "core/Result.h"
#include "domain/Entities.h"

namespace kc {

// Where a period stands at a given instant. Each phase runs up to and including its closing
// instant (the demo's "2022-12-31T16:59:59Z" is the last second of 31/12/2022 in Vietnam).
enum class Phase {
    NotStarted,        // self-assessment has not opened (or its opening date is not set)
    SelfAssessment,    // units self-score and upload evidence
    Step1Appraisal,    // reviewers appraise; units wait
    SupplementWindow,  // units supplement evidence and explain
    Step2Appraisal,    // final appraisal
    Closed,            // after step 2, or the period is finalised
};

// "not_started", "self_assessment", "step1_appraisal", "supplement", "step2_appraisal", "closed".
std::string_view phaseName(Phase p);

// The phase of period at now. A finalised period is Closed whatever its dates; an unset closing
// date leaves its phase open-ended.
Phase phaseAt(const Period& period, TimePoint now);

// The two rounds in which units upload evidence.
enum class EvidenceRound { Self, Supplement };

// "self" / "supplement".
std::string_view roundName(EvidenceRound r);
std::optional<EvidenceRound> parseRound(std::string_view name);

// The evidence round open at now: Self during self-assessment, Supplement during the supplement
// window. Otherwise ErrorCode::PhaseClosed with a message naming the date that passed (or has
// not come), e.g. "Đã hết hạn tự đánh giá ngày 31/12/2022".
Result<EvidenceRound> openEvidenceRound(const Period& period, TimePoint now);

// The last instant of round r (selfAssessmentCloses / supplementCloses), if set.
std::optional<TimePoint> roundEnd(const Period& period, EvidenceRound r);

// dd/mm/yyyy of t in Vietnam time (UTC+7, no daylight saving), e.g. "31/12/2022".
std::string formatDateVn(TimePoint t);

// "HH:MM dd/mm/yyyy" of t in Vietnam time, e.g. "23:59 31/12/2022" (as the web pages show times).
std::string formatDateTimeVn(TimePoint t);

}  // namespace kc
