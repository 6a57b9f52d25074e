#include "http/StaticFiles.h"

#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <filesystem>
#include <fstream>

#include "web/WebAssets.h"

namespace kc::http::web {

namespace {

// Sets the headers every web file gets; true when If-None-Match names etag and the 304 is sent.
bool sentNotModified(Request& r, const std::string& etag) {
    auto& res = r.response;
    setSecurityHeaders(res);
    // no-cache, not no-store: the browser keeps the file but asks each time, and the ETag makes
    // the answer a body-less 304 until the file changes.
    res.set("Cache-Control", "no-cache");
    res.set("ETag", etag);
    if (!etagMatches(r.raw.get("If-None-Match", ""), etag))
        return false;
    res.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
    res.setContentLength(0);
    res.send();
    return true;
}

Reply send(Request& r, const kc::web::WebAsset& asset) {
    if (sentNotModified(r, "\"" + std::string(asset.sha256) + "\""))
        return Reply::sent();
    auto& res = r.response;
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

Reply pdfjs(const std::string& dir, Request& r) {
    const std::string& name = r.param("file");
    if (name != "pdf.js" && name != "pdf.worker.js")
        return Reply::error(Error::notFound("Không có tệp /vendor/pdfjs/" + name));
    const std::string path = dir + "/" + name;
    std::ifstream in(path, std::ios::binary);
    std::error_code sizeError, timeError;
    const auto size = std::filesystem::file_size(path, sizeError);
    const auto modified = std::filesystem::last_write_time(path, timeError);
    if (!in || sizeError || timeError)
        return Reply::error(
            Error::notFound("Máy chủ chưa cài trình xem PDF pdf.js (gói libjs-pdf)"));
    const std::string etag = "\"pdfjs-" + std::to_string(size) + "-" +
                             std::to_string(modified.time_since_epoch().count()) + "\"";
    if (sentNotModified(r, etag))
        return Reply::sent();
    auto& res = r.response;
    res.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    res.setContentType("text/javascript; charset=utf-8");
    res.setContentLength64(static_cast<Poco::Int64>(size));
    Poco::StreamCopier::copyStream64(in, res.send());
    return Reply::sent();
}

}  // namespace kc::http::web
