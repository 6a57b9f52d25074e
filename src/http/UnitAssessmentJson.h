#pragma once

#include <string>

#include "services/AssessmentService.h"

namespace kc::http {

// The JSON text of a unit's assessment (GET /api/v1/periods/{year}/units/{code}/assessment, see
// docs/api.md), byte for byte what json::of(UnitAssessment) stringified gives (keys sorted,
// numbers formatted by Poco), which UnitAssessmentJsonTest checks. Its ~80 items are written
// straight into the string: as Poco objects they cost more than reading them from the database.
std::string unitAssessmentJsonText(const UnitAssessment& u);

}  // namespace kc::http
