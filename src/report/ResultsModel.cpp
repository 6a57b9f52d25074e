#include "report/ResultsModel.h"

#include <algorithm>

#include "domain/Ranking.h"

namespace kc::report {

namespace {

std::vector<GradeRule> defaultRules() {
    auto p = [](const char* v) { return *Points::parse(v); };
    return {{"Tốt", p("85"), std::nullopt},
            {"Khá", p("70"), p("85")},
            {"Trung bình", p("50"), p("70")},
            {"Yếu", std::nullopt, p("50")}};
}

std::optional<Points> usedValue(const ScoreRow& r) {
    return r.step2 ? r.step2 : r.step1 ? r.step1 : r.self;
}

}  // namespace

TypeResults buildInterimResults(const std::string& typeCode, const std::string& typeName,
                                const std::vector<AppraisalSheet>& sheets,
                                const std::vector<GradeRule>& givenRules) {
    const std::vector<GradeRule> rules = givenRules.empty() ? defaultRules() : givenRules;
    TypeResults t;
    t.typeCode = typeCode;
    t.typeName = typeName;
    if (!sheets.empty())
        for (const ScoreRow& r : sheets.front().rows)
            if (r.level == RowLevel::Area)
                t.areas.push_back({r.code, r.name, r.maxPoints});
    for (const AppraisalSheet& s : sheets) {
        ResultRow row;
        row.unitCode = s.unitCode;
        row.unitName = s.unitName;
        row.self = s.selfTotal;
        row.step1 = s.step1Total;
        row.step2 = s.step2Total;
        row.max = s.maxTotal;
        Points area;
        bool inArea = false;
        for (const ScoreRow& r : s.rows) {
            if (r.level == RowLevel::Area) {
                if (inArea)
                    row.areas.push_back(area);
                area = Points{};
                inArea = true;
            } else if (r.level == RowLevel::SubCriterion) {
                const Points used = usedValue(r).value_or(Points{});
                area += used;
                if (r.survey)
                    row.survey += used;
                row.total += used;
                row.evidenceFiles += static_cast<int>(r.evidence.size());
            }
        }
        if (inArea)
            row.areas.push_back(area);
        row.indexPct = row.max > Points{} ? indexPercent(row.total, row.max) : Points{};
        row.grade = gradeOf(rules, row.indexPct);
        t.rows.push_back(std::move(row));
    }
    std::vector<std::int64_t> totals;
    for (const ResultRow& r : t.rows) totals.push_back(r.total.hundredths());
    const std::vector<int> ranks = rankDescending(totals);
    for (std::size_t i = 0; i < t.rows.size(); ++i) t.rows[i].rank = ranks[i];
    std::stable_sort(t.rows.begin(), t.rows.end(), [](const ResultRow& a, const ResultRow& b) {
        return a.rank != b.rank ? a.rank < b.rank : a.unitCode < b.unitCode;
    });

    std::vector<int> counts;
    for (const GradeRule& g : rules) {
        counts.push_back(static_cast<int>(std::count_if(
            t.rows.begin(), t.rows.end(), [&](const ResultRow& r) { return r.grade == g.grade; })));
    }
    const std::vector<int> tenths = largestRemainderTenths(counts);
    for (std::size_t i = 0; i < rules.size(); ++i)
        t.grades.push_back({rules[i].grade, counts[i], tenths[i]});
    if (!t.rows.empty()) {
        std::int64_t sum = 0, pct = 0;
        for (const ResultRow& r : t.rows) {
            sum += r.total.hundredths();
            pct += r.indexPct.hundredths();
            if (r.rank == 1)
                t.best.push_back(r.unitName);
        }
        const auto n = static_cast<std::int64_t>(t.rows.size());
        t.averageTotal = Points::fromHundredths(roundHalfAwayFromZero(sum, n));
        t.averageIndexPct = Points::fromHundredths(roundHalfAwayFromZero(pct, n));
    }
    return t;
}

}  // namespace kc::report
