#include <algorithm>
#include <map>

#include "report/Manifest.h"
#include "report/ResultsLayout.h"
#include "services/DocumentService.h"
#include "services/DocumentSources.h"
#include "services/ResultsService.h"

namespace kc {

namespace {

// The year's results per unit type as the results service computes them (the same tables as
// GET …/results and the exports), and the appraisal sheets of the units in results order, for
// the evidence each score row cites.
Result<report::YearResults> yearResults(Transaction& tx, int year, const std::string& evidenceUrl,
                                        std::vector<report::AppraisalSheet>& ordered) {
    CriteriaCache cache;
    auto tables = resultTables(tx, cache, year);
    if (!tables.ok())
        return tables.takeError();
    report::YearResults results;
    results.year = year;
    if (auto period = tx.directory().findPeriod(year))
        results.dates = period->dates;
    for (const ResultTable& t : *tables) {
        if (t.units.empty())
            continue;
        std::vector<report::AppraisalSheet> sheets;
        for (const UnitResult& u : t.units) {
            auto sheet = loadAppraisalSheet(tx, year, u.unitCode, evidenceUrl, &cache);
            if (!sheet.ok())
                return sheet.takeError();
            if (!sheet->selfTotal)
                results.notSelfAssessed.push_back(u.unitName);
            sheets.push_back(std::move(sheet).value());
        }
        std::vector<report::AreaColumn> areas;
        for (const NodeTotal& a : t.areas) areas.push_back({a.code, a.name, a.max});
        results.types.push_back(
            report::typeResults(t.unitType.code, t.unitType.name, areas, t.units, t.summary, sheets));
        if (t.previousYear && t.previousSummary && t.previousSummary->units > 0)
            results.types.back().previous = report::TypeResults::Previous{
                *t.previousYear, t.previousSummary->averageTotal,
                t.previousSummary->averageIndexPct, t.previousSummary->averageMax};
        for (report::AppraisalSheet& s : sheets) ordered.push_back(std::move(s));
    }
    if (results.types.empty())
        return Error::notFound("Năm " + std::to_string(year) + " chưa có đơn vị nào có bộ tiêu chí");
    auto factors = tx.results().sipasFactors(year);
    auto counts = tx.results().sipasCounts(year);
    if (!factors.empty() && !counts.empty()) {
        SipasResult everyone = computeSipas(factors, counts).back();
        for (std::size_t i = 0; i < factors.size(); ++i)
            if (everyone.factors[i].pct)
                results.sipas.push_back({factors[i].name, *everyone.factors[i].pct});
        if (everyone.overallPct)
            results.sipas.push_back({"Chung (trung bình các yếu tố)", *everyone.overallPct});
    }
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
