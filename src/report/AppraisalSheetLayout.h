#pragma once

#include <string>

#include "pdf/PdfDocumentBuilder.h"
#include "report/AppraisalSheet.h"
#include "report/DocumentTemplates.h"
#include "report/OfficialParts.h"

namespace kc::report {

// The score table of one unit: a row per area (bold), criterion and sub-criterion with max,
// self, step-1 and step-2 scores (decimal comma, "-" when unscored), and for sub-criteria one
// line per cited evidence file linking to it (or the template's "no evidence" text); a total
// row last. Column titles from the template.
void addScoreTable(pdf::PdfDocumentBuilder& b, const AppraisalSheet& sheet,
                   const AppraisalSheetTemplate& t);

// The per-unit appraisal sheet: header, title, intro (its last paragraph kept on the page where
// the table starts), score table, manifest note, signature;
// manifest (manifestJson of this sheet) embedded as manifest.json.
pdf::PdfDocumentBuilder layoutAppraisalSheet(const AppraisalSheet& sheet,
                                             const DocumentTemplates& templates,
                                             const DocumentFacts& facts, std::string manifest);

}  // namespace kc::report
