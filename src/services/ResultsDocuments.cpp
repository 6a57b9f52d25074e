#include <algorithm>
#include <map>

#include "report/Manifest.h"
#include "report/ResultsLayout.h"
#include "services/DocumentService.h"
#include "services/DocumentSources.h"

namespace kc {

namespace {

bool activeIn(const Unit& u, int year) {
    return u.activeFromYear <= year && (!u.activeToYear || *u.activeToYear >= year);
}

// The year's results per unit type, and the appraisal sheets they came from in results order.
// Interim: computed from the sheets by report::buildInterimResults. When the results service
// (main, src/services/ResultsService.h) is merged, its UnitResult/TypeSummary replace this
// function and only the mapping into report::TypeResults remains here.
Result<report::YearResults> yearResults(Transaction& tx, int year, const std::string& evidenceUrl,
                                        std::vector<report::AppraisalSheet>& ordered) {
    report::YearResults results;
    results.year = year;
    CriteriaTrees trees;
    std::vector<Unit> units = tx.directory().listUnits();
    std::sort(units.begin(), units.end(),
              [](const Unit& a, const Unit& b) { return a.code < b.code; });
    for (const UnitType& type : tx.directory().listUnitTypes()) {
        auto setId = tx.assessment().currentSetId(year, type.code);
        const CriteriaSet* set = setId ? trees.get(tx, *setId) : nullptr;
        if (!set)
            continue;
        std::vector<report::AppraisalSheet> sheets;
        for (const Unit& u : units) {
            if (u.unitTypeCode != type.code || !activeIn(u, year))
                continue;
            auto sheet = loadAppraisalSheet(tx, year, u.code, evidenceUrl, &trees);
            if (!sheet.ok())
                return sheet.takeError();
            if (!sheet->selfTotal)
                results.notSelfAssessed.push_back(u.name);
            sheets.push_back(std::move(sheet).value());
        }
        if (sheets.empty())
            continue;
        report::TypeResults t = report::buildInterimResults(type.code, type.name, sheets, set->grades);
        std::map<std::string, std::size_t> at;
        for (std::size_t i = 0; i < sheets.size(); ++i) at[sheets[i].unitCode] = i;
        for (const report::ResultRow& r : t.rows) ordered.push_back(std::move(sheets[at[r.unitCode]]));
        results.types.push_back(std::move(t));
    }
    if (results.types.empty())
        return Error::notFound("Năm " + std::to_string(year) + " chưa có đơn vị nào có bộ tiêu chí");
    return results;
}

}  // namespace

Result<pdf::PdfDocumentBuilder> buildResultsDocument(Transaction& tx, int year,
                                                     const DocumentRequest& req,
                                                     const report::DocumentTemplates& templates,
                                                     const report::DocumentFacts& facts,
                                                     const std::string& evidenceUrl,
                                                     OfficialDocument& doc,
                                                     std::string& manifest) {
    std::vector<report::AppraisalSheet> sheets;
    auto results = yearResults(tx, year, evidenceUrl, sheets);
    if (!results.ok())
        return results.takeError();
    const std::string kind(documentKindName(req.kind));
    manifest = report::manifestJson(kind, year, facts.date, sheets);
    if (req.kind == DocumentKind::DecisionDraft) {
        doc.title = report::fillPlaceholders(templates.decision.common.subject, year);
        const std::string publicUrl = evidenceUrl.substr(0, evidenceUrl.find("/api/v1/"));
        return report::layoutDecision(*results, sheets, templates, facts, publicUrl, manifest);
    }
    doc.title = report::fillPlaceholders(templates.report.common.subject, year);
    return report::layoutAnnualReport(*results, templates, facts,
                                      {req.assessmentText, req.directionsText}, manifest);
}

}  // namespace kc
