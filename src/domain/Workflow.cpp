#include "domain/Workflow.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <utility>

namespace kc {

std::string_view scoreRoundName(ScoreRound r) {
    switch (r) {
        case ScoreRound::Self:
            return "self";
        case ScoreRound::Step1:
            return "step1";
        case ScoreRound::Step2:
            return "step2";
    }
    return "self";
}

std::string_view extensionPhaseName(ExtensionPhase p) {
    return p == ExtensionPhase::SelfAssessment ? "self_assessment" : "supplement";
}

std::optional<ExtensionPhase> parseExtensionPhase(std::string_view name) {
    if (name == "self_assessment")
        return ExtensionPhase::SelfAssessment;
    if (name == "supplement")
        return ExtensionPhase::Supplement;
    return std::nullopt;
}

Period effectivePeriod(const Period& period, const std::string& unitCode,
                       const std::vector<DeadlineExtension>& extensions) {
    Period p = period;
    // Extensions are recorded in order; the latest of each phase replaces earlier ones.
    std::optional<TimePoint> self, supplement;
    for (const DeadlineExtension& e : extensions) {
        if (e.unitCode != unitCode)
            continue;
        (e.phase == ExtensionPhase::SelfAssessment ? self : supplement) = e.until;
    }
    auto extend = [](std::optional<TimePoint>& close, const std::optional<TimePoint>& until) {
        if (until && close)
            close = std::max(*close, *until);
    };
    extend(p.dates.selfAssessmentCloses, self);
    extend(p.dates.supplementCloses, supplement);
    return p;
}

Status checkExtension(const Period& period, ExtensionPhase phase, TimePoint until,
                      const std::string& reason) {
    if (period.finalised)
        return Error{ErrorCode::PhaseClosed,
                     "Kỳ đánh giá năm " + std::to_string(period.year) + " đã chốt",
                     {}};
    const PhaseDates& d = period.dates;
    bool self = phase == ExtensionPhase::SelfAssessment;
    const auto& close = self ? d.selfAssessmentCloses : d.supplementCloses;
    const auto& limit = self ? d.step1Closes : d.step2Closes;
    if (!close || !limit)
        return Error::invalid("Kỳ đánh giá chưa đặt đủ các mốc thời gian", {{"$.phase", "unset"}});
    if (reason.empty())
        return Error::invalid("Cần ghi lý do gia hạn", {{"$.reason", "Thiếu lý do"}});
    if (until <= *close)
        return Error::invalid("Hạn mới phải sau hạn hiện tại (" + formatDateVn(*close) + ")",
                              {{"$.until", "Hạn đã chọn: " + formatDateTimeVn(until)}});
    if (until > *limit)
        return Error::invalid(std::string("Hạn mới không được sau ngày kết thúc ") +
                                  (self ? "thẩm định bước 1" : "thẩm định bước 2") + " (" +
                                  formatDateVn(*limit) + ")",
                              {{"$.until", "Hạn đã chọn: " + formatDateTimeVn(until)}});
    return Ok{};
}

namespace {

std::chrono::sys_days dayVn(TimePoint t) {
    return std::chrono::floor<std::chrono::days>(t + std::chrono::hours(7));
}

}  // namespace

std::optional<std::string> supplementDueProblem(const Period& effective, TimePoint now,
                                                TimePoint due) {
    if (dayVn(due) < dayVn(now))
        return "Hạn bổ sung " + formatDateVn(due) + " đã qua (hôm nay là " + formatDateVn(now) +
               ")";
    const auto& close = effective.dates.supplementCloses;
    if (close && dayVn(due) > dayVn(*close))
        return "Hạn bổ sung " + formatDateVn(due) +
               " sau ngày kết thúc thời gian bổ sung, giải trình của đơn vị (" +
               formatDateVn(*close) + ")";
    return std::nullopt;
}

std::vector<ErrorDetail> extensionsPastTheirLimit(
    const Period& period, const std::vector<DeadlineExtension>& extensions) {
    std::map<std::pair<std::string, ExtensionPhase>, TimePoint> standing;  // latest replaces
    for (const DeadlineExtension& e : extensions) standing[{e.unitCode, e.phase}] = e.until;
    std::vector<ErrorDetail> out;
    for (const auto& [key, until] : standing) {
        const bool self = key.second == ExtensionPhase::SelfAssessment;
        const auto& limit = self ? period.dates.step1Closes : period.dates.step2Closes;
        if (limit && until > *limit)
            out.push_back({self ? "$.step1_closes" : "$.step2_closes",
                           "Đơn vị " + key.first + " được gia hạn " +
                               (self ? "tự đánh giá" : "bổ sung, giải trình") + " đến " +
                               formatDateTimeVn(until) + ", sau mốc này"});
    }
    return out;
}

Phase phaseOf(WorkflowAction action) {
    switch (action) {
        case WorkflowAction::SelfScore:
            return Phase::SelfAssessment;
        case WorkflowAction::Step1Score:
        case WorkflowAction::RequestSupplement:
            return Phase::Step1Appraisal;
        case WorkflowAction::Reply:
            return Phase::SupplementWindow;
        case WorkflowAction::Step2Score:
            return Phase::Step2Appraisal;
    }
    return Phase::Closed;
}

namespace {

struct PhaseText {
    const char* name;  // "tự đánh giá"
    std::optional<TimePoint> PhaseDates::*opens;
    std::optional<TimePoint> PhaseDates::*closes;
};

PhaseText textOf(Phase p) {
    switch (p) {
        case Phase::SelfAssessment:
            return {"tự đánh giá", &PhaseDates::selfAssessmentOpens,
                    &PhaseDates::selfAssessmentCloses};
        case Phase::Step1Appraisal:
            return {"thẩm định bước 1", &PhaseDates::selfAssessmentCloses,
                    &PhaseDates::step1Closes};
        case Phase::SupplementWindow:
            return {"bổ sung, giải trình", &PhaseDates::step1Closes, &PhaseDates::supplementCloses};
        case Phase::Step2Appraisal:
            return {"thẩm định bước 2", &PhaseDates::supplementCloses, &PhaseDates::step2Closes};
        default:
            return {"", nullptr, nullptr};
    }
}

}  // namespace

Status requirePhase(const Period& effective, TimePoint now, WorkflowAction action) {
    Phase needed = phaseOf(action);
    Phase current = phaseAt(effective, now);
    if (current == needed)
        return Ok{};
    auto closed = [](std::string m) { return Error{ErrorCode::PhaseClosed, std::move(m), {}}; };
    if (effective.finalised)
        return closed("Kỳ đánh giá năm " + std::to_string(effective.year) + " đã chốt");
    PhaseText t = textOf(needed);
    const PhaseDates& d = effective.dates;
    if (static_cast<int>(current) > static_cast<int>(needed)) {
        const auto& close = d.*(t.closes);
        return closed("Đã hết hạn " + std::string(t.name) + " ngày " +
                      (close ? formatDateVn(*close) : std::string("?")));
    }
    const auto& opens = d.*(t.opens);
    if (!opens)
        return closed("Chưa đến thời gian " + std::string(t.name));
    // The phase opens the instant after the previous one closes (except self-assessment).
    TimePoint start = needed == Phase::SelfAssessment ? *opens : *opens + std::chrono::seconds(1);
    return closed("Chưa đến thời gian " + std::string(t.name) + " (bắt đầu ngày " +
                  formatDateVn(start) + ")");
}

}  // namespace kc
