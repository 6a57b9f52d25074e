#pragma once

#include <Poco/JSON/Object.h>

#include "services/ResultsService.h"
#include "services/SurveyService.h"

namespace kc::json {

// The JSON shapes of results, survey and SIPAS (docs/results.md). Points and percentages are
// JSON numbers exact to two decimals; totals and indexes also as "<name>_text" ("94.29").
Poco::JSON::Object::Ptr of(const ResultSettings& s, bool configured);
Poco::JSON::Object::Ptr of(const ResultTable& t);
// One unit's row and how it was formed: criteria subtotals and every sub-criterion.
Poco::JSON::Object::Ptr explain(const ResultTable& t, const UnitResult& u);
Poco::JSON::Object::Ptr of(const SurveyImportReport& r);
Poco::JSON::Object::Ptr of(const SurveyScore& s);
Poco::JSON::Object::Ptr of(const SipasImportReport& r);
Poco::JSON::Object::Ptr of(const SipasView& v);
Poco::JSON::Object::Ptr of(const SipasFactor& f);

// The body of PUT …/result-settings/{type}: {tie_rule?, survey_mode?, grades?: [{grade,
// min_pct?, max_pct?}]}; InvalidInput naming every bad or unknown field.
Result<ResultSettings> parseResultSettings(const Poco::JSON::Object& o);
// The body of PUT …/sipas/factors: {factors: [{code, name, questions: [..]}]}.
Result<std::vector<SipasFactor>> parseSipasFactors(const Poco::JSON::Object& o);

}  // namespace kc::json
