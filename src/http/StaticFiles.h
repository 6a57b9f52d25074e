#pragma once

#include <Poco/Net/HTTPServerResponse.h>

#include <string>

#include "http/Request.h"

namespace kc::http::web {

// The Content-Security-Policy of every page and static file: scripts, styles and images from
// this origin only (images also as data: URLs), no inline script or style attributes, no plugins,
// no <base>, forms post only here, and no framing.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Sets the CSP above, X-Frame-Options DENY, Referrer-Policy no-referrer and
// X-Content-Type-Options nosniff on res.
void setSecurityHeaders(Poco::Net::HTTPServerResponse& res);

// Whether an If-None-Match header value (a list of entity tags, weak or strong, or "*") names
// etag (a quoted strong tag).
bool etagMatches(const std::string& ifNoneMatch, const std::string& etag);

// GET /: the single page of the web interface (the embedded index.html). Writes the response
// itself (Reply::sent()): 200 with the security headers, Cache-Control no-cache and an ETag (the
// content's SHA-256), or 304 without a body when If-None-Match names that ETag.
Reply page(Request& r);

// GET /static/{*path}: the embedded file src/web/<path>, answered like page(). A path that is
// not embedded gets the router's 404 JSON error.
Reply asset(Request& r);

// GET /vendor/pdfjs/{file}: pdf.js, from Debian's libjs-pdf, with which the web interface draws
// PDF previews (so that no script inside an uploaded PDF runs, as it would in the browser's own
// viewer). file is "pdf.js" or "pdf.worker.js", read from dir (web.pdfjsDir) on every request, so
// that a security update of the package needs no rebuild; answered like asset(), its ETag made
// of the file's size and modification time. Another name, or a file missing from dir, gets a 404
// JSON error (the web interface then offers the download instead).
Reply pdfjs(const std::string& dir, Request& r);

}  // namespace kc::http::web
