#include "report/AppraisalSheet.h"

#include <map>

#include "domain/CriterionSum.h"

namespace kc::report {

namespace {

void addTo(std::optional<Points>& sum, const std::optional<Points>& value) {
    if (value)
        sum = sum.value_or(Points{}) + *value;
}

std::optional<Points> scoreOf(const std::optional<RoundScore>& r) {
    return r ? std::optional<Points>(r->score) : std::nullopt;
}

}  // namespace

std::string EvidenceCitation::line() const {
    return shortId() + " · " + fileName + " · " +
           (round == EvidenceRound::Self ? "tự đánh giá" : "bổ sung") + " · " +
           sha256.substr(0, 12);
}

AppraisalSheet buildAppraisalSheet(int year, const Unit& unit, const std::string& unitTypeName,
                                   const CriteriaSet& criteria,
                                   const std::vector<AssessmentItem>& items,
                                   const std::vector<EvidenceItem>& evidence,
                                   const std::string& evidenceBaseUrl) {
    AppraisalSheet sheet;
    sheet.year = year;
    sheet.unitCode = unit.code;
    sheet.unitName = unit.nameIn(year);
    sheet.unitTypeName = unitTypeName;
    sheet.criteriaSetId = criteria.id;

    std::map<std::string, const AssessmentItem*> bySub;
    for (const AssessmentItem& i : items) bySub[i.subCode] = &i;
    std::map<std::string, std::vector<EvidenceCitation>> cited;
    for (const EvidenceItem& e : evidence)
        if (!e.withdrawn())
            cited[e.subCode].push_back(EvidenceCitation{e.id, e.fileName, e.round, e.sha256,
                                                        e.size,
                                                        evidenceBaseUrl + std::to_string(e.id)});

    auto sumInto = [](ScoreRow& parent, const ScoreRow& child) {
        addTo(parent.self, child.self);
        addTo(parent.step1, child.step1);
        addTo(parent.step2, child.step2);
    };
    // A round's criterion score: by the criterion rule, absent when no item has a score.
    auto criterionScore = [](const std::optional<CriterionSum>& sum, Points max) {
        return sum ? std::optional<Points>(sum->points(max)) : std::nullopt;
    };
    auto addRound = [](std::optional<CriterionSum>& sum, const CriteriaNode& sub,
                       const std::optional<Points>& value) {
        if (!value)
            return;
        if (!sum)
            sum.emplace();
        sum->add(sub, *value);
    };
    for (const CriteriaNode& area : criteria.areas) {
        const std::size_t areaAt = sheet.rows.size();
        sheet.rows.push_back({RowLevel::Area, area.code, area.name, area.maxPoints});
        for (const CriteriaNode& criterion : area.children) {
            const std::size_t criterionAt = sheet.rows.size();
            sheet.rows.push_back(
                {RowLevel::Criterion, criterion.code, criterion.name, criterion.maxPoints});
            std::optional<CriterionSum> self, step1, step2;
            for (const CriteriaNode& sub : criterion.children) {
                ScoreRow row{RowLevel::SubCriterion, sub.code, sub.name, sub.maxPoints};
                row.survey = sub.assessedBy == AssessedBy::Survey;
                row.adjustment = sub.adjustment;
                if (!row.survey && !sub.isAdjustment())
                    sheet.maxTotal += sub.maxPoints;
                if (auto it = bySub.find(sub.code); it != bySub.end()) {
                    row.self = scoreOf(it->second->self);
                    row.step1 = scoreOf(it->second->step1);
                    row.step2 = scoreOf(it->second->step2);
                }
                if (auto it = cited.find(sub.code); it != cited.end())
                    row.evidence = it->second;
                addRound(self, sub, row.self);
                addRound(step1, sub, row.step1);
                addRound(step2, sub, row.step2);
                sheet.rows.push_back(std::move(row));
            }
            ScoreRow& c = sheet.rows[criterionAt];
            c.self = criterionScore(self, criterion.maxPoints);
            c.step1 = criterionScore(step1, criterion.maxPoints);
            c.step2 = criterionScore(step2, criterion.maxPoints);
            const std::optional<CriterionSum>* rounds[] = {&self, &step1, &step2};
            for (std::size_t r = 0; r < 3; ++r)
                c.capped[r] = *rounds[r] && (*rounds[r])->capped(criterion.maxPoints);
            sumInto(sheet.rows[areaAt], c);
        }
        addTo(sheet.selfTotal, sheet.rows[areaAt].self);
        addTo(sheet.step1Total, sheet.rows[areaAt].step1);
        addTo(sheet.step2Total, sheet.rows[areaAt].step2);
    }
    return sheet;
}

}  // namespace kc::report
