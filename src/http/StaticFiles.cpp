#include "http/StaticFiles.h"

#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include "web/WebAssets.h"

namespace kc::http::web {

namespace {

Reply send(Request& r, const kc::web::WebAsset& asset) {
    auto& res = r.response;
    setSecurityHeaders(res);
    // no-cache, not no-store: the browser keeps the file but asks each time, and the ETag makes
    // the answer a body-less 304 until a new build changes the file.
    res.set("Cache-Control", "no-cache");
    const std::string etag = "\"" + std::string(asset.sha256) + "\"";
    res.set("ETag", etag);
    if (etagMatches(r.raw.get("If-None-Match", ""), etag)) {
        res.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
        res.setContentLength(0);
        res.send();
        return Reply::sent();
    }
    res.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    res.setContentType(std::string(asset.contentType));
    res.setContentLength(static_cast<std::streamsize>(asset.content.size()));
    res.send().write(asset.content.data(), static_cast<std::streamsize>(asset.content.size()));
    return Reply::sent();
}

Reply notFound(const std::string& path) {
    return Reply::error(Error::notFound("Không có tệp /static/" + path));
}

}  // namespace

void setSecurityHeaders(Poco::Net::HTTPServerResponse& res) {
    res.set("Content-Security-Policy", kContentSecurityPolicy);
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Content-Type-Options", "nosniff");
}

bool etagMatches(const std::string& ifNoneMatch, const std::string& etag) {
    Poco::StringTokenizer tags(
        ifNoneMatch, ",",
        Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (std::string tag : tags) {
        if (tag == "*") return true;
        // If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x".
        if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
        if (tag == etag) return true;
    }
    return false;
}

Reply page(Request& r) {
    const auto* index = kc::web::findWebAsset("index.html");
    if (!index) return notFound("index.html");
    return send(r, *index);
}

Reply asset(Request& r) {
    const std::string& path = r.param("path");
    const auto* found = kc::web::findWebAsset(path);
    if (!found) return notFound(path);
    return send(r, *found);
}

}  // namespace kc::http::web
