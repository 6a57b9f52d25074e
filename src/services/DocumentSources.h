#pragma once

#include <string>

#include "core/Result.h"
#include "domain/Store.h"
#include "pdf/PdfDocumentBuilder.h"
#include "report/AppraisalSheet.h"
#include "report/DocumentTemplates.h"
#include "report/OfficialParts.h"
#include "services/CriteriaIndex.h"

namespace kc {

struct DocumentRequest;

// Reads what the appraisal sheet of unitCode says from the repositories: the unit's latest
// criteria set, its assessment items and standing evidence. NotFound for an unknown unit or a
// unit type without criteria for the year; Conflict for a year the unit is not assessed in
// (requireActiveIn: no sheet is signed for a year a unit did not take part in).
Result<report::AppraisalSheet> loadAppraisalSheet(Transaction& tx, int year,
                                                  const std::string& unitCode,
                                                  const std::string& evidenceUrl,
                                                  CriteriaCache* cache = nullptr);

// The decision draft or the annual report of the year (ResultsDocuments.cpp): the model is
// built from the results of every active unit, the layout from the templates. Fills doc.title
// and manifest (the evidence manifest of every unit).
Result<pdf::PdfDocumentBuilder> buildResultsDocument(Transaction& tx, int year,
                                                     const DocumentRequest& req,
                                                     const report::DocumentTemplates& templates,
                                                     const report::DocumentFacts& facts,
                                                     const std::string& evidenceUrl,
                                                     OfficialDocument& doc,
                                                     std::string& manifest);

}  // namespace kc
