#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/ProblemList.h"
#include "services/AssessmentService.h"

namespace kc::json {

// The JSON shapes of the assessment workflow, shared by API responses and audit summaries.
// Points are JSON numbers (exact to two decimals) with a "<name>_text" twin ("10.50") where a
// client must not go through floating point. Times ISO-8601 UTC; absent values null.
Poco::JSON::Object::Ptr of(const RoundScore& s);
Poco::JSON::Object::Ptr of(const AssessmentItem& a);
Poco::JSON::Object::Ptr of(const DeadlineExtension& e);
Poco::JSON::Object::Ptr of(const StatusSummary& s);
Poco::JSON::Object::Ptr of(const UnitAssessment& u);

// A Points field: a JSON number (1.005 refused) or a text ("1,5" or "1.5"); nullopt and a
// problem at "<path>.<key>" when malformed, nullopt without one when absent or null.
std::optional<Points> pointsField(const Poco::JSON::Object& o, const std::string& path,
                                  const std::string& key, ProblemList& problems);

// The body of PUT …/self, …/step1, …/step2: {score, explanation|comment, metric_pct?,
// violations?, override_reason?, version}. textKey is "explanation" or "comment". InvalidInput
// naming every bad or unknown field.
Result<ScoreInput> parseScoreInput(const Poco::JSON::Object& o, const std::string& textKey);

// A bulk self-assessment: JSON {"rows": [{sub_code, score, explanation, metric_pct?,
// violations?, override_reason?, version?}]} (details "rows[i].field"), or CSV with a header
// naming sub_code,score,explanation[,metric_pct][,violations][,override_reason] (UTF-8, an
// optional BOM, ',' or ';' separators, quoted fields, decimal commas; details "row N" with N
// the 1-based line). InvalidInput listing every bad row; for CSV also invalid UTF-8.
Result<std::vector<BulkRow>> parseBulkJson(std::string_view text);
Result<std::vector<BulkRow>> parseBulkCsv(std::string_view text);

}  // namespace kc::json
