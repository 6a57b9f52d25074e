#pragma once

#include <Poco/JSON/Object.h>

#include <exception>

#include "core/Error.h"

namespace kc::http {

// The one place that maps expected errors to HTTP: status code and the body
// {"error": {"code", "message", "details": [{"path", "message"}]}}.
int statusOf(ErrorCode code);
// What a client is told of broken infrastructure (an exception, logged by the caller): a full
// disk or quota (a std::system_error with ENOSPC, EDQUOT or EFBIG) is StorageFull, a database
// locked past the wait (EBUSY) is Busy, anything else Internal with a plain "try again later".
Error infrastructureError(const std::exception& e);
Poco::JSON::Object::Ptr errorBody(const Error& e);

}  // namespace kc::http
