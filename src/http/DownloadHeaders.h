#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kc::http {

// What a Range header asks of a representation of `size` bytes (RFC 9110 §14).
struct RangeRequest {
    enum class Kind {
        Whole,          // no Range, not "bytes=", malformed or several ranges: send everything
        Partial,        // one satisfiable range [first, last]
        Unsatisfiable,  // one well-formed range wholly past the end: 416
    };
    Kind kind = Kind::Whole;
    std::uint64_t first = 0;
    std::uint64_t last = 0;  // inclusive
};

// Parses "bytes=a-b", "bytes=a-" and "bytes=-n" (a suffix of n bytes); b past the end is cut to
// size - 1. Multiple ranges are answered with the whole content (allowed by RFC 9110).
RangeRequest parseRange(std::string_view header, std::uint64_t size);

// True when an If-None-Match header value names etag (a strong "\"...\"" tag) or is "*";
// weak tags (W/"...") compare by their opaque part.
bool etagMatches(std::string_view ifNoneMatch, std::string_view etag);

// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>` for a
// UTF-8 NFC file name (RFC 6266 / RFC 5987). The fallback drops Vietnamese diacritics
// ("Kế hoạch.pdf" -> "Ke hoach.pdf") and replaces what cannot be shown with '_'.
std::string attachmentDisposition(const std::string& fileName);

// The same with "inline": the browser shows the file (PDF viewer, image) instead of saving it.
std::string inlineDisposition(const std::string& fileName);

// Whether an uploaded file of mediaType may be shown inline on our origin when asked
// (?inline=1): raster images only. Everything else is always sent as an attachment: HTML, SVG,
// scripts and office files so that an uploaded file can never run as a page of the site, and
// PDFs because the browser's own viewer runs the scripts a PDF may hold (the web interface
// previews PDFs with pdf.js instead, see StaticFiles.h).
bool viewableInline(const std::string& mediaType);

// Content-Security-Policy of a stored file: nothing may load or run in it ("default-src
// 'none'"), it may be framed only by our own pages, and, unless it is a PDF shown inline (only
// the documents Kiểm Chứng generates itself), it is sandboxed (Chromium's PDF viewer does not
// run in a sandboxed document).
std::string storedFilePolicy(bool inlinePdf);

}  // namespace kc::http
