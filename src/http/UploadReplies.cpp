#include "http/UploadReplies.h"

#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "http/ErrorMapping.h"
#include "http/MultipartUpload.h"

namespace kc::http {

namespace {

// Bodies up to this size are read and dropped before an early rejection, so the client sees
// the reply; larger ones are cut off by closing the connection.
constexpr std::uint64_t kDiscardBytes = 1024 * 1024;

}  // namespace

// Written here rather than by the router because the reply must be on the wire (flushed)
// before the connection is shut down.
Reply closingReply(Request& r, const Error& e) {
    std::ostringstream body;
    Poco::JSON::Stringifier::stringify(errorBody(e), body);
    const std::string text = body.str();
    auto& res = r.response;
    res.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(statusOf(e.code)));
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Cache-Control", "no-store");
    res.setKeepAlive(false);
    res.setContentType("application/json; charset=utf-8");
    res.setContentLength(static_cast<std::streamsize>(text.size()));
    std::ostream& out = res.send();
    out << text;
    out.flush();
    lingerAfterReply(r.raw);
    return Reply::sent();
}

Reply rejectUnread(Request& r, const Error& e) {
    // A client still waiting for "100 Continue" sends no body: there is nothing to drop.
    if (!r.bodyWithheld() && MultipartUpload::discardBody(r.raw, kDiscardBytes))
        return Reply::error(e);
    return closingReply(r, e);
}

}  // namespace kc::http
