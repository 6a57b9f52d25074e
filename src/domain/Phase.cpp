#include "domain/Phase.h"

#include <cstdio>

namespace kc {

std::string_view phaseName(Phase p) {
    switch (p) {
        case Phase::NotStarted:
            return "not_started";
        case Phase::SelfAssessment:
            return "self_assessment";
        case Phase::Step1Appraisal:
            return "step1_appraisal";
        case Phase::SupplementWindow:
            return "supplement";
        case Phase::Step2Appraisal:
            return "step2_appraisal";
        case Phase::Closed:
            return "closed";
    }
    return "closed";
}

Phase phaseAt(const Period& period, TimePoint now) {
    if (period.finalised)
        return Phase::Closed;
    const PhaseDates& d = period.dates;
    if (!d.selfAssessmentOpens || now < *d.selfAssessmentOpens)
        return Phase::NotStarted;
    // An unset closing date means the phase has not been scheduled to end yet.
    auto open = [&](const std::optional<TimePoint>& closes) { return !closes || now <= *closes; };
    if (open(d.selfAssessmentCloses))
        return Phase::SelfAssessment;
    if (open(d.step1Closes))
        return Phase::Step1Appraisal;
    if (open(d.supplementCloses))
        return Phase::SupplementWindow;
    if (open(d.step2Closes))
        return Phase::Step2Appraisal;
    return Phase::Closed;
}

std::string_view roundName(EvidenceRound r) {
    return r == EvidenceRound::Self ? "self" : "supplement";
}

std::optional<EvidenceRound> parseRound(std::string_view name) {
    if (name == "self")
        return EvidenceRound::Self;
    if (name == "supplement")
        return EvidenceRound::Supplement;
    return std::nullopt;
}

std::optional<TimePoint> roundEnd(const Period& period, EvidenceRound r) {
    return r == EvidenceRound::Self ? period.dates.selfAssessmentCloses
                                    : period.dates.supplementCloses;
}

std::string formatDateVn(TimePoint t) {
    auto local = t + std::chrono::hours(7);
    std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(local)};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(ymd.day()),
                  static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
    return buf;
}

std::string formatDateTimeVn(TimePoint t) {
    auto local = t + std::chrono::hours(7);
    auto day = std::chrono::floor<std::chrono::days>(local);
    std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::minutes>(local - day)};
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d ", static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()));
    return buf + formatDateVn(t);
}

Result<EvidenceRound> openEvidenceRound(const Period& period, TimePoint now) {
    auto closed = [](std::string message) {
        return Error{ErrorCode::PhaseClosed, std::move(message), {}};
    };
    const PhaseDates& d = period.dates;
    switch (phaseAt(period, now)) {
        case Phase::SelfAssessment:
            return EvidenceRound::Self;
        case Phase::SupplementWindow:
            return EvidenceRound::Supplement;
        case Phase::NotStarted:
            if (period.dates.selfAssessmentOpens)
                return closed("Chưa đến thời gian tự đánh giá (bắt đầu ngày " +
                              formatDateVn(*d.selfAssessmentOpens) + ")");
            return closed("Kỳ đánh giá năm " + std::to_string(period.year) +
                          " chưa mở tự đánh giá");
        case Phase::Step1Appraisal:
            return closed("Đã hết hạn tự đánh giá ngày " + formatDateVn(*d.selfAssessmentCloses) +
                          "; chưa đến thời gian bổ sung tài liệu");
        case Phase::Step2Appraisal:
            return closed("Đã hết hạn bổ sung tài liệu ngày " + formatDateVn(*d.supplementCloses));
        case Phase::Closed:
            if (period.finalised)
                return closed("Kỳ đánh giá năm " + std::to_string(period.year) + " đã chốt");
            return closed("Kỳ đánh giá năm " + std::to_string(period.year) + " đã kết thúc");
    }
    return closed("Không trong thời gian nộp tài liệu");
}

}  // namespace kc
