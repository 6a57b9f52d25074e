#pragma once

#include <string>

#include "services/CompletenessService.h"

namespace kc::http {

// The JSON text of the completeness matrix (GET /api/v1/periods/{year}/completeness, see
// docs/api.md): {"rows":[{"cells":{criterion:[done,total,least status]},"nothing_submitted",
// "phase","summary","unit_code","unit_name","unit_type"}],"year"}. Written straight into one
// string because this is the largest reply (~256 KiB for 200 units) and building it as Poco
// objects first took ~10 ms; the bytes are exactly those the Poco objects would give (keys
// sorted, numbers formatted by Poco), which CompletenessJsonTest checks.
std::string matrixJsonText(const CompletenessMatrix& m);

}  // namespace kc::http
