#include "http/ErrorMapping.h"

#include <cerrno>
#include <system_error>

#include "core/ProblemList.h"
#include "http/Request.h"

namespace kc::http {

int statusOf(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidInput: return 400;
        case ErrorCode::Unauthenticated: return 401;
        case ErrorCode::Forbidden: return 403;
        case ErrorCode::NotFound: return 404;
        case ErrorCode::Duplicate: return 409;
        case ErrorCode::Conflict: return 409;
        case ErrorCode::PhaseClosed: return 409;
        case ErrorCode::TooLarge: return 413;
        case ErrorCode::UnsupportedMedia: return 415;
        case ErrorCode::Locked: return 429;
        case ErrorCode::MethodNotAllowed: return 405;
        case ErrorCode::StorageFull:
            return 507;
        case ErrorCode::Busy:
            return 503;
        case ErrorCode::Internal: return 500;
    }
    return 400;
}

Error infrastructureError(const std::exception& e) {
    if (const auto* failed = dynamic_cast<const std::system_error*>(&e)) {
        const std::error_code code = failed->code();
        if (code == std::errc::no_space_on_device || code == std::errc::file_too_large ||
            code.value() == EDQUOT)
            return {ErrorCode::StorageFull,
                    "Máy chủ đã hết chỗ lưu trữ nên chưa lưu được gì; vui lòng báo quản trị viên",
                    {}};
        if (code == std::errc::device_or_resource_busy)
            return {ErrorCode::Busy,
                    "Máy chủ đang bận ghi dữ liệu khác nên chưa lưu được gì; vui lòng thử lại sau "
                    "ít phút",
                    {}};
    }
    return {ErrorCode::Internal, "Lỗi hệ thống; vui lòng thử lại sau", {}};
}

Poco::JSON::Object::Ptr errorBody(const Error& e) {
    Poco::JSON::Object::Ptr inner = new Poco::JSON::Object;
    inner->set("code", std::string(errorCodeName(e.code)));
    inner->set("message", e.message);
    Poco::JSON::Array::Ptr details = new Poco::JSON::Array;
    // However the details were collected, a reply lists at most ProblemList::kMaxListed.
    for (const ErrorDetail& d : capDetails(e.details)) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("path", d.path);
        o->set("message", d.message);
        details->add(o);
    }
    inner->set("details", details);
    Poco::JSON::Object::Ptr outer = new Poco::JSON::Object;
    outer->set("error", inner);
    return outer;
}

Reply Reply::error(const Error& e) { return Reply{statusOf(e.code), errorBody(e), {}, false, {}}; }

}  // namespace kc::http
