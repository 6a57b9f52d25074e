#include "core/Error.h"

namespace kc {

std::string_view errorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidInput: return "invalid_input";
        case ErrorCode::NotFound: return "not_found";
        case ErrorCode::Duplicate: return "duplicate";
        case ErrorCode::Conflict: return "conflict";
        case ErrorCode::Forbidden: return "forbidden";
        case ErrorCode::Unauthenticated: return "unauthenticated";
        case ErrorCode::TooLarge: return "too_large";
        case ErrorCode::UnsupportedMedia: return "unsupported_media_type";
        case ErrorCode::Locked: return "locked";
        case ErrorCode::PhaseClosed: return "phase_closed";
        case ErrorCode::MethodNotAllowed: return "method_not_allowed";
        case ErrorCode::StorageFull:
            return "insufficient_storage";
        case ErrorCode::Busy:
            return "busy";
        case ErrorCode::Internal: return "internal_error";
    }
    return "unknown";
}

}  // namespace kc
