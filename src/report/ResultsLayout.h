#pragma once

#include <string>
#include <vector>

#include "pdf/PdfDocumentBuilder.h"
#include "report/AppraisalSheet.h"
#include "report/DocumentTemplates.h"
#include "report/OfficialParts.h"
#include "report/ResultsModel.h"

namespace kc::report {

// The approval-decision draft: header, title, authority, "Căn cứ" lines, proposal, "QUYẾT
// ĐỊNH:", articles, signature; then one appendix per unit type (unit, self, step 1, step 2,
// survey, total, index %, rank, grade, evidence cited; and per-area points) and a last
// appendix with every unit's sub-criteria and their evidence (sheets, in results order). Every
// heading and caption is kept on the page where the table after it starts.
// manifest is embedded as manifest.json.
pdf::PdfDocumentBuilder layoutDecision(const YearResults& results,
                                       const std::vector<AppraisalSheet>& sheets,
                                       const DocumentTemplates& templates,
                                       const DocumentFacts& facts, const std::string& publicUrl,
                                       std::string manifest);

// The clerk's texts of the annual report's sections IV and V (paragraphs separated by blank
// lines); facts the system knows are added to IV.
struct ReportTexts {
    std::string assessment;
    std::string directions;
};

// The annual report (DOMAIN.md §7): I overview, II process (template text), III results per
// unit type (summary, grade shares, chart and table) and SIPAS, IV assessment, V directions;
// headings are kept on the page of what follows them.
pdf::PdfDocumentBuilder layoutAnnualReport(const YearResults& results,
                                           const DocumentTemplates& templates,
                                           const DocumentFacts& facts, const ReportTexts& texts,
                                           std::string manifest);

}  // namespace kc::report
