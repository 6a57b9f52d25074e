#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kc {

// The expected ways an operation can fail. Broken infrastructure throws instead (see
// docs/architecture.md, "Errors"). The HTTP layer maps each code to one status in one place.
enum class ErrorCode {
    InvalidInput,      // malformed or out-of-range input; details name each problem
    NotFound,          // the addressed thing does not exist (or is invisible to the caller)
    Duplicate,         // a unique key (code, user name, checksum) is taken
    Conflict,          // the request contradicts current state (e.g. a stale version)
    Forbidden,         // authenticated but not allowed
    Unauthenticated,   // no valid session
    TooLarge,          // over a configured size limit
    UnsupportedMedia,  // content type not accepted
    Locked,            // too many failed logins; try later
    PhaseClosed,       // a workflow phase does not allow this now
    MethodNotAllowed,  // the path exists but not with this HTTP method
    StorageFull,       // the server's disk (or quota) is full: nothing was stored (HTTP 507)
    Busy,              // the database stayed locked by other writers: nothing stored (HTTP 503)
    Internal,          // only for reporting broken infrastructure to a client (HTTP 500)
};

// Stable snake_case name used in JSON bodies, e.g. "invalid_input".
std::string_view errorCodeName(ErrorCode code);

// One problem inside an input, located by a path such as "$.areas[2].max_points" or "row 7".
struct ErrorDetail {
    std::string path;
    std::string message;
};

// An expected failure: a code, a message a user can read (Vietnamese where a user sees it), and
// optionally every individual problem found.
struct Error {
    ErrorCode code;
    std::string message;
    std::vector<ErrorDetail> details;

    static Error invalid(std::string message, std::vector<ErrorDetail> details = {}) {
        return {ErrorCode::InvalidInput, std::move(message), std::move(details)};
    }
    static Error notFound(std::string message) { return {ErrorCode::NotFound, std::move(message), {}}; }
    static Error duplicate(std::string message) { return {ErrorCode::Duplicate, std::move(message), {}}; }
    static Error conflict(std::string message) { return {ErrorCode::Conflict, std::move(message), {}}; }
    static Error forbidden(std::string message) { return {ErrorCode::Forbidden, std::move(message), {}}; }
};

}  // namespace kc
