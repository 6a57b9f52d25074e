#pragma once

#include <string>

#include "services/EvidenceExportService.h"

namespace kc {

// manifest.csv of an export: UTF-8 with a byte-order mark (so Excel reads Vietnamese), CRLF
// rows, RFC 4180 quoting; columns path, sha256, size, uploaded_by, uploaded_at, round,
// doc_number, issue_date, issuer, page_ref, note, evidence_id, file_name (the name as uploaded:
// the path's may differ, see EvidenceExportService). Text a spreadsheet would run as a
// formula (starting with = + - @ or a tab) is prefixed with an apostrophe.
std::string manifestCsv(const ExportPlan& plan);

// manifest.json: {"year", "unit" (or null), "round" (or null), "files": [{the same fields, with
// size and evidence_id as numbers and absent metadata as null}]}, UTF-8.
std::string manifestJson(const ExportPlan& plan);

}  // namespace kc
