#include "report/ResultsModel.h"

#include <algorithm>

namespace kc::report {

TypeResults typeResults(const std::string& typeCode, const std::string& typeName,
                        const std::vector<AreaColumn>& areas, const std::vector<UnitResult>& units,
                        const TypeSummary& summary, const std::vector<AppraisalSheet>& sheets) {
    TypeResults t;
    t.typeCode = typeCode;
    t.typeName = typeName;
    t.areas = areas;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const UnitResult& u = units[i];
        ResultRow row;
        row.unitCode = u.unitCode;
        row.unitName = u.unitName;
        if (i < sheets.size()) {
            row.self = sheets[i].selfTotal;
            if (sheets[i].step1Total) row.step1 = u.step1Total;
            for (const ScoreRow& r : sheets[i].rows)
                row.evidenceFiles += static_cast<int>(r.evidence.size());
        }
        row.step2 = u.appraised;
        row.survey = u.survey;
        row.total = u.total;
        row.max = u.max;
        row.indexPct = u.indexPct;
        row.rank = u.rank;
        row.grade = u.grade;
        for (const NodeTotal& a : u.areas) row.areas.push_back(a.points);
        // A bonus or penalty with nothing entered is none, not an item left unappraised.
        for (const SubResult& sub : u.subs)
            row.notAppraised +=
                !sub.survey &&
                (sub.source == ValueSource::Self ||
                 (sub.source == ValueSource::None && sub.adjustment == Adjustment::None));
        if (std::find(summary.best.begin(), summary.best.end(), u.unitCode) != summary.best.end())
            t.best.push_back(u.unitName);
        t.rows.push_back(std::move(row));
    }
    for (const GradeCount& g : summary.grades) t.grades.push_back({g.grade, g.count, g.tenthsPct});
    t.averageTotal = summary.averageTotal;
    t.averageIndexPct = summary.averageIndexPct;
    t.averageMax = summary.averageMax;
    t.areaAverages = summary.areaAverages;
    return t;
}

std::vector<CriteriaNode> criteriaTreeOf(const AppraisalSheet& sheet) {
    std::vector<CriteriaNode> areas;
    for (const ScoreRow& r : sheet.rows) {
        CriteriaNode n;
        n.code = r.code;
        n.name = r.name;
        n.maxPoints = r.maxPoints;
        if (r.level == RowLevel::Area) {
            n.level = NodeLevel::Area;
            areas.push_back(std::move(n));
        } else if (r.level == RowLevel::Criterion && !areas.empty()) {
            n.level = NodeLevel::Criterion;
            areas.back().children.push_back(std::move(n));
        } else if (!areas.empty() && !areas.back().children.empty()) {
            n.level = NodeLevel::SubCriterion;
            n.adjustment = r.adjustment;
            if (r.survey) {
                n.assessedBy = AssessedBy::Survey;
                n.scoring.type = ScoringType::Survey;
            }
            areas.back().children.back().children.push_back(std::move(n));
        }
    }
    return areas;
}

UnitScores unitScoresOf(const AppraisalSheet& sheet) {
    UnitScores s;
    s.unitCode = sheet.unitCode;
    s.unitName = sheet.unitName;
    for (const ScoreRow& r : sheet.rows)
        if (r.level == RowLevel::SubCriterion && !r.survey && (r.self || r.step1 || r.step2))
            s.items[r.code] = ItemScores{r.self, r.step1, r.step2, false};
    return s;
}

TypeResults resultsFromSheets(const std::string& typeCode, const std::string& typeName,
                              const std::vector<AppraisalSheet>& sheets) {
    if (sheets.empty())
        return typeResults(typeCode, typeName, {}, {}, TypeSummary{}, {});
    const std::vector<CriteriaNode> tree = criteriaTreeOf(sheets.front());
    std::vector<UnitResult> units;
    for (const AppraisalSheet& s : sheets)
        units.push_back(computeUnitResult(tree, unitScoresOf(s), SurveyMode::Import));
    const std::vector<GradeRule> grades = defaultGrades();
    rankAndGrade(units, TieRule::Competition, grades);
    std::vector<AppraisalSheet> ordered;
    for (const UnitResult& u : units)
        for (const AppraisalSheet& s : sheets)
            if (s.unitCode == u.unitCode) ordered.push_back(s);
    std::vector<AreaColumn> areas;
    for (const CriteriaNode& a : tree) areas.push_back({a.code, a.name, a.maxPoints});
    return typeResults(typeCode, typeName, areas, units, summarize(units, grades), ordered);
}

}  // namespace kc::report
