#pragma once

#include <string_view>

#include <Poco/JSON/Object.h>

#include "core/Result.h"
#include "domain/Criteria.h"

namespace kc {

// The criteria-set import format, schema_version "1.0" (see
// config/demo/criteria-2022-huyen.json for a complete example):
//
//   { "schema_version": "1.0", "year": 2022, "unit_type_code": "huyen" (optional), "title": "...",
//     "scale": {"total_points": 100, "appraisal_points": 70, "survey_points": 30} (optional),
//     "areas": [{"code": "1", "name": "...", "max_points": 18, "criteria": [
//        {"code": "1.1", "name": "...", "max_points": 4, "sub_criteria": [
//           {"code": "1.1.1", "name": "...", "max_points": 1, "assessed_by": "appraisal",
//            "scoring": {"type": "levels", "levels": [{"label": "...", "points": 1}]},
//            "self_scored": true, "evidence_required": true, "min_files": 1,
//            "evidence_documents": ["..."], "explanation_required_if_no_evidence": true,
//            "note": "..."}]}]}],
//     "classification": {"grades": [{"grade": "Tốt", "min_pct": 85, "max_pct_exclusive": null}]}}
//
// Scoring parameters by type: levels -> "levels"; bands -> "bands" [{min_pct,
// max_pct_exclusive (null = no upper bound), points}]; proportional -> "target_pct";
// deduction -> "per_violation"; survey -> none. "metric" and "violation" are optional text.
//
// A sub-criterion may carry "adjustment": "bonus" or "penalty" (absent: an ordinary item): its
// max_points is then the cap of the bonus or penalty and does not count in its criterion's
// maximum (rules in CriteriaValidator.h).
//
// Defaults: self_scored = (assessed_by != "survey"); evidence_required = false; min_files = 1
// if evidence is required else 0; evidence_documents = []; explanation_required_if_no_evidence =
// evidence_required (nothing can be missing where nothing is required); note = "".
// A null value counts as an absent field.
//
// Unknown fields. Real sets carry descriptive extras (origin, adapted_from, provenance,
// formula, respondents, totals_check, ...) that the software does not use, so:
//   - in every object except "scoring", unknown keys are ignored, unless a key is one edit away
//     from a known key of that object (two for keys of 8+ letters), e.g. "evidence_requred":
//     such a near miss is reported as a probable typo, because ignoring it would silently
//     change the set. Typos of required keys are also reported as missing fields.
//   - "scoring" is closed: it decides how points are computed, so a key is accepted only if it
//     is a parameter of the declared type, "metric", "violation", or one of the descriptive
//     extras seen in real sets (formula, respondents, satisfied_pct_definition, start, floor,
//     metric_unit, note, description). A parameter of another type ("levels" under "bands") is
//     reported too.
//   - "schema_version", when present, must be "1.0".

// Parses and validates a criteria-set document (UTF-8 JSON).
//
// On success returns the set with every text NFC-normalised, every number converted exactly to
// Points (hundredths; 1.005 is refused), node levels set, and id, version and sourceSha256 left
// for the caller; unitTypeCode stays empty unless the document has "unit_type_code".
//
// On failure returns Error::invalid("Bộ tiêu chí không hợp lệ", details) where details list
// ALL problems, each with a JSON path ("$.areas[2].criteria[0].max_points") and a Vietnamese
// message: first invalid UTF-8 (with its line) or malformed JSON (with line and column), else
// every structural problem (missing field, wrong type, unknown scoring type, over-precise
// number, typo'd key), else every rule broken according to validateCriteriaSet.
// Never throws for bad input. Thread-safe.
Result<CriteriaSet> parseCriteriaJson(std::string_view json);

// The set as a JSON tree for the API, in the import format above (snake_case keys), so that
// parseCriteriaJson(stringify(criteriaSetToJson(s))) gives back the same tree. Points are JSON
// numbers (Points::toDouble, which prints exactly with two decimals at most) and every node also
// carries "max_points_text" ("11.50") for clients that must not go through floating point.
// Non-zero id and version and a non-empty source_sha256 are included for the API; the parser
// ignores them. Keys keep the order above. The caller owns the returned tree.
Poco::JSON::Object::Ptr criteriaSetToJson(const CriteriaSet& set);

}  // namespace kc
