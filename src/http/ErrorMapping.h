#pragma once

#include <Poco/JSON/Object.h>

#include "core/Error.h"

namespace kc::http {

// The one place that maps expected errors to HTTP: status code and the body
// {"error": {"code", "message", "details": [{"path", "message"}]}}.
int statusOf(ErrorCode code);
Poco::JSON::Object::Ptr errorBody(const Error& e);

}  // namespace kc::http
