#include "domain/ScoreRules.h"

#include <algorithm>

namespace kc {

namespace {

constexpr std::int64_t kHundredPercent = 10000;  // 100.00% in hundredths

Error invalid(const CriteriaNode& sub, const std::string& what) {
    return Error::invalid("Điểm tiêu chí " + sub.code + " không hợp lệ: " + what,
                          {{"$.score", what}});
}

}  // namespace

Points surveyPoints(Points max, Points pct) {
    return Points::fromHundredths(
        roundHalfAwayFromZero(max.hundredths() * pct.hundredths(), kHundredPercent));
}

Result<Points> suggestFromPercent(const CriteriaNode& sub, Points pct) {
    if (pct.hundredths() < 0 || pct.hundredths() > kHundredPercent)
        return invalid(sub, "tỷ lệ phải từ 0 đến 100%");
    if (sub.scoring.type == ScoringType::Bands) {
        for (const ScoreBand& b : sub.scoring.bands)
            if (pct >= b.minPct && (!b.maxPctExclusive || pct < *b.maxPctExclusive))
                return b.points;
        return invalid(sub, "tỷ lệ " + pct.toString(true) + "% không thuộc mức nào");
    }
    if (sub.scoring.type == ScoringType::Proportional && sub.scoring.targetPct &&
        sub.scoring.targetPct->hundredths() > 0) {
        std::int64_t achieved = std::min(pct.hundredths(), sub.scoring.targetPct->hundredths());
        return Points::fromHundredths(roundHalfAwayFromZero(sub.maxPoints.hundredths() * achieved,
                                                            sub.scoring.targetPct->hundredths()));
    }
    return invalid(sub, "tiêu chí không tính điểm theo tỷ lệ");
}

Result<Points> suggestFromViolations(const CriteriaNode& sub, int violations) {
    if (sub.scoring.type != ScoringType::Deduction || !sub.scoring.perViolation)
        return invalid(sub, "tiêu chí không tính điểm theo số vi phạm");
    if (violations < 0)
        return invalid(sub, "số vi phạm không được âm");
    std::int64_t left =
        sub.maxPoints.hundredths() - sub.scoring.perViolation->hundredths() * violations;
    return Points::fromHundredths(std::max<std::int64_t>(0, left));
}

Result<ScoreDecision> checkScore(const CriteriaNode& sub, const ScoreEntry& e) {
    if (sub.assessedBy == AssessedBy::Survey || sub.scoring.type == ScoringType::Survey)
        return invalid(sub, "tiêu chí điều tra xã hội học không chấm trực tiếp");
    if (e.score.hundredths() < 0)
        return invalid(sub, "điểm không được âm");
    if (e.score > sub.maxPoints)
        return invalid(sub, "điểm " + e.score.toString(true) + " vượt điểm tối đa " +
                                sub.maxPoints.toString(true));
    ScoreDecision d{e.score, std::nullopt};
    switch (sub.scoring.type) {
        case ScoringType::Levels: {
            bool listed = std::any_of(sub.scoring.levels.begin(), sub.scoring.levels.end(),
                                      [&](const ScoreLevel& l) { return l.points == e.score; });
            if (!listed) {
                std::string allowed;
                for (const ScoreLevel& l : sub.scoring.levels)
                    allowed += (allowed.empty() ? "" : "; ") + l.points.toString(true);
                return invalid(sub, "điểm phải là một trong các mức: " + allowed);
            }
            return d;
        }
        case ScoringType::Bands:
        case ScoringType::Proportional:
            if (e.metricPct) {
                auto s = suggestFromPercent(sub, *e.metricPct);
                if (!s.ok())
                    return s.takeError();
                d.suggested = s.value();
            }
            break;
        case ScoringType::Deduction:
            if (e.violations) {
                auto s = suggestFromViolations(sub, *e.violations);
                if (!s.ok())
                    return s.takeError();
                d.suggested = s.value();
            }
            break;
        case ScoringType::Survey:
            break;
    }
    if (d.suggested && *d.suggested != e.score && e.overrideReason.empty())
        return invalid(sub, "điểm " + e.score.toString(true) + " khác điểm tính được " +
                                d.suggested->toString(true) + "; cần ghi lý do");
    return d;
}

}  // namespace kc
