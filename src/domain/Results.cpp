#include "domain/Results.h"

#include <algorithm>

#include "domain/CriterionSum.h"

namespace kc {

namespace {

Points pct(int whole) { return Points::fromHundredths(whole * 100); }

Points averageOf(Points sum, std::size_t n) {
    return Points::fromHundredths(
        roundHalfAwayFromZero(sum.hundredths(), static_cast<std::int64_t>(n)));
}

bool isSurvey(const CriteriaNode& n) {
    return n.assessedBy == AssessedBy::Survey || n.scoring.type == ScoringType::Survey;
}

SubResult appraisalValue(const ItemScores* item, Adjustment adjustment) {
    SubResult r;
    if (item) {
        r.self = item->self;
        r.step1 = item->step1;
        r.step2 = item->step2;
    }
    if (r.step2) {
        r.used = *r.step2, r.source = ValueSource::Step2;
        r.why = "Điểm thẩm định bước 2";
    } else if (r.step1 && item->requested) {
        r.used = *r.step1, r.source = ValueSource::Step1, r.flagged = true;
        r.why = "Có yêu cầu bổ sung nhưng chưa chấm bước 2: tạm dùng điểm bước 1";
    } else if (r.step1) {
        r.used = *r.step1, r.source = ValueSource::Step1;
        r.why = "Điểm thẩm định bước 1 (không có yêu cầu bổ sung)";
    } else if (r.self) {
        r.used = *r.self, r.source = ValueSource::Self, r.flagged = true;
        r.why = "Chưa được thẩm định: tạm dùng điểm tự chấm";
    } else if (adjustment != Adjustment::None) {
        r.source = ValueSource::None;
        r.why = adjustment == Adjustment::Bonus ? "Không có điểm thưởng" : "Không có điểm trừ";
    } else {
        r.source = ValueSource::None, r.flagged = true;
        r.why = "Đơn vị chưa tự chấm, chưa được thẩm định: 0 điểm";
    }
    return r;
}

SubResult surveyValue(const std::map<std::string, SurveyValue>& survey, const std::string& code,
                      SurveyMode mode) {
    SubResult r;
    r.survey = true;
    if (mode == SurveyMode::Rescale) {
        r.source = ValueSource::Excluded;
        r.why = "Loại hình không điều tra xã hội học: không tính, điểm quy đổi về thang 100";
        return r;
    }
    auto it = survey.find(code);
    if (it == survey.end()) {
        r.source = ValueSource::None, r.flagged = true;
        r.why = "Chưa có kết quả điều tra xã hội học: 0 điểm";
        return r;
    }
    r.surveyValue = it->second;
    r.used = it->second.points, r.source = ValueSource::Survey;
    r.why = it->second.pct ? "Điểm điều tra xã hội học = điểm tối đa × " +
                                 it->second.pct->toString(true) + "%"
                           : std::string("Điểm điều tra xã hội học (nhập trực tiếp)");
    return r;
}

}  // namespace

std::string_view surveyModeName(SurveyMode m) {
    return m == SurveyMode::Import ? "import" : "rescale";
}

std::optional<SurveyMode> parseSurveyMode(std::string_view name) {
    if (name == "import") return SurveyMode::Import;
    if (name == "rescale") return SurveyMode::Rescale;
    return std::nullopt;
}

std::string_view tieRuleName(TieRule r) {
    return r == TieRule::Competition ? "competition" : "dense";
}

std::optional<TieRule> parseTieRule(std::string_view name) {
    if (name == "competition") return TieRule::Competition;
    if (name == "dense") return TieRule::Dense;
    return std::nullopt;
}

std::string_view valueSourceName(ValueSource s) {
    switch (s) {
        case ValueSource::Step2: return "step2";
        case ValueSource::Step1: return "step1";
        case ValueSource::Self: return "self";
        case ValueSource::Survey: return "survey";
        case ValueSource::None: return "none";
        case ValueSource::Excluded: return "excluded";
    }
    return "none";
}

std::vector<GradeRule> defaultGrades() {
    return {{"Tốt", pct(85), std::nullopt},
            {"Khá", pct(70), pct(85)},
            {"Trung bình", pct(50), pct(70)},
            {"Yếu", std::nullopt, pct(50)}};
}

UnitResult computeUnitResult(const std::vector<CriteriaNode>& areas, const UnitScores& scores,
                             SurveyMode mode) {
    UnitResult u;
    u.unitCode = scores.unitCode;
    u.unitName = scores.unitName;
    for (const CriteriaNode& area : areas) {
        NodeTotal areaTotal{area.code, area.name, {}, {}, 0};
        for (const CriteriaNode& criterion : area.children) {
            NodeTotal criterionTotal{criterion.code, criterion.name, {}, {}, 0};
            CriterionSum used, self, step1, step2;
            Points surveyUsed;
            for (const CriteriaNode& sub : criterion.children) {
                auto it = scores.items.find(sub.code);
                const ItemScores* item = it == scores.items.end() ? nullptr : &it->second;
                SubResult r = isSurvey(sub) ? surveyValue(scores.survey, sub.code, mode)
                                            : appraisalValue(item, sub.adjustment);
                r.code = sub.code;
                r.name = sub.name;
                r.max = sub.maxPoints;
                r.adjustment = sub.adjustment;
                if (r.source != ValueSource::Excluded) {
                    used.add(sub, r.used);
                    if (!sub.isAdjustment())
                        criterionTotal.max += r.max;
                    if (r.survey)
                        surveyUsed += r.used;
                }
                if (r.self)
                    self.add(sub, *r.self);
                if (r.step1)
                    step1.add(sub, *r.step1);
                if (r.step2)
                    step2.add(sub, *r.step2);
                u.flaggedItems += r.flagged ? 1 : 0;
                u.subs.push_back(std::move(r));
            }
            criterionTotal.points = used.points(criterionTotal.max);
            criterionTotal.capped = used.capped(criterionTotal.max);
            u.survey += surveyUsed;
            u.appraised += criterionTotal.points - surveyUsed;
            u.selfTotal += self.points(criterion.maxPoints);
            u.step1Total += step1.points(criterion.maxPoints);
            u.step2Total += step2.points(criterion.maxPoints);
            areaTotal.points += criterionTotal.points;
            areaTotal.max += criterionTotal.max;
            u.criteria.push_back(std::move(criterionTotal));
        }
        u.total += areaTotal.points;
        u.max += areaTotal.max;
        u.areas.push_back(std::move(areaTotal));
    }
    u.indexPct = u.max > Points{} ? indexPercent(u.total, u.max) : Points{};
    return u;
}

void rankAndGrade(std::vector<UnitResult>& units, TieRule tie,
                  const std::vector<GradeRule>& grades) {
    std::vector<std::int64_t> totals;
    for (const UnitResult& u : units) totals.push_back(u.total.hundredths());
    std::vector<int> ranks = rankDescending(totals, tie);
    for (std::size_t i = 0; i < units.size(); ++i) {
        units[i].rank = ranks[i];
        units[i].grade = gradeOf(grades, units[i].indexPct);
    }
    std::size_t areaCount = units.empty() ? 0 : units[0].areas.size();
    for (std::size_t a = 0; a < areaCount; ++a) {
        std::vector<std::int64_t> points;
        for (const UnitResult& u : units) points.push_back(u.areas[a].points.hundredths());
        std::vector<int> areaRanks = rankDescending(points, tie);
        for (std::size_t i = 0; i < units.size(); ++i) units[i].areas[a].rank = areaRanks[i];
    }
    std::stable_sort(units.begin(), units.end(), [](const UnitResult& a, const UnitResult& b) {
        return a.rank != b.rank ? a.rank < b.rank : a.unitCode < b.unitCode;
    });
}

TypeSummary summarize(const std::vector<UnitResult>& units, const std::vector<GradeRule>& grades) {
    TypeSummary s;
    s.units = static_cast<int>(units.size());
    std::vector<int> counts(grades.size(), 0);
    Points total, index, max;
    std::size_t areaCount = units.empty() ? 0 : units[0].areas.size();
    std::vector<Points> areaSums(areaCount);
    for (const UnitResult& u : units) {
        total += u.total, index += u.indexPct, max += u.max;
        for (std::size_t g = 0; g < grades.size(); ++g)
            if (grades[g].grade == u.grade) ++counts[g];
        for (std::size_t a = 0; a < areaCount && a < u.areas.size(); ++a)
            areaSums[a] += u.areas[a].points;
    }
    std::vector<int> tenths = largestRemainderTenths(counts);
    for (std::size_t g = 0; g < grades.size(); ++g)
        s.grades.push_back({grades[g].grade, counts[g], tenths[g]});
    if (units.empty())
        return s;
    s.averageTotal = averageOf(total, units.size());
    s.averageIndexPct = averageOf(index, units.size());
    s.averageMax = averageOf(max, units.size());
    for (Points sum : areaSums) s.areaAverages.push_back(averageOf(sum, units.size()));
    int bestRank = units.front().rank, worstRank = units.front().rank;
    for (const UnitResult& u : units) {
        bestRank = std::min(bestRank, u.rank);
        worstRank = std::max(worstRank, u.rank);
    }
    for (const UnitResult& u : units) {
        if (u.rank == bestRank) s.best.push_back(u.unitCode);
        if (u.rank == worstRank) s.worst.push_back(u.unitCode);
    }
    return s;
}

AreaChange areaChange(const NodeTotal& now, Points previous, Points previousMax) {
    AreaChange c;
    if (now.max == previousMax)
        c.points = now.points - previous;
    if (now.max > Points{} && previousMax > Points{})
        c.pct = indexPercent(now.points, now.max) - indexPercent(previous, previousMax);
    return c;
}

std::optional<PreviousResult> combinePrevious(const std::vector<const UnitResult*>& previous) {
    if (previous.empty())
        return std::nullopt;
    PreviousResult p;
    std::map<std::string, Points> areaSums;
    std::map<std::string, std::size_t> areaCounts;
    Points total, index;
    for (const UnitResult* u : previous) {
        p.basis.push_back(u->unitCode);
        total += u->total, index += u->indexPct;
        for (const NodeTotal& a : u->areas) {
            areaSums[a.code] += a.points;
            p.areaMax.emplace(a.code, a.max);
            ++areaCounts[a.code];
        }
    }
    p.total = averageOf(total, previous.size());
    p.indexPct = averageOf(index, previous.size());
    for (const auto& [code, sum] : areaSums) p.areas[code] = averageOf(sum, areaCounts[code]);
    return p;
}

}  // namespace kc
