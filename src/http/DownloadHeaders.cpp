#include "http/DownloadHeaders.h"

#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/Text.h"

namespace kc::http {

namespace {

bool parseNumber(std::string_view s, std::uint64_t& out) {
    if (s.empty() || s.size() > 19)
        return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

// Length of the UTF-8 sequence that starts with byte b (1 for stray bytes).
std::size_t sequenceLength(unsigned char b) {
    if (b >= 0xF0)
        return 4;
    if (b >= 0xE0)
        return 3;
    if (b >= 0xC0)
        return 2;
    return 1;
}

}  // namespace

RangeRequest parseRange(std::string_view header, std::uint64_t size) {
    RangeRequest whole;
    header = text::trim(header);
    if (header.substr(0, 6) != "bytes=")
        return whole;
    std::string_view spec = text::trim(header.substr(6));
    if (spec.find(',') != std::string_view::npos)
        return whole;
    std::size_t dash = spec.find('-');
    if (dash == std::string_view::npos)
        return whole;
    std::string_view a = text::trim(spec.substr(0, dash));
    std::string_view b = text::trim(spec.substr(dash + 1));
    std::uint64_t first = 0, last = 0;
    RangeRequest out;
    out.kind = RangeRequest::Kind::Partial;
    if (a.empty()) {  // suffix: the last n bytes
        std::uint64_t n = 0;
        if (!parseNumber(b, n))
            return whole;
        if (n == 0 || size == 0)
            return {RangeRequest::Kind::Unsatisfiable, 0, 0};
        out.first = n >= size ? 0 : size - n;
        out.last = size - 1;
        return out;
    }
    if (!parseNumber(a, first))
        return whole;
    if (b.empty()) {
        last = size == 0 ? 0 : size - 1;
    } else {
        if (!parseNumber(b, last) || last < first)
            return whole;
    }
    if (first >= size)
        return {RangeRequest::Kind::Unsatisfiable, 0, 0};
    out.first = first;
    out.last = last >= size ? size - 1 : last;
    return out;
}

bool etagMatches(std::string_view ifNoneMatch, std::string_view etag) {
    std::string_view list = text::trim(ifNoneMatch);
    if (list == "*")
        return true;
    while (!list.empty()) {
        std::size_t comma = list.find(',');
        std::string_view tag = text::trim(list.substr(0, comma));
        if (tag.substr(0, 2) == "W/")
            tag.remove_prefix(2);
        if (tag == etag)
            return true;
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

namespace {

std::string disposition(const char* type, const std::string& fileName);

}  // namespace

std::string attachmentDisposition(const std::string& fileName) {
    return disposition("attachment", fileName);
}

std::string inlineDisposition(const std::string& fileName) {
    return disposition("inline", fileName);
}

bool viewableInline(const std::string& mediaType) {
    return mediaType == "image/png" || mediaType == "image/jpeg" || mediaType == "image/gif" ||
           mediaType == "image/webp";
}

std::string storedFilePolicy(bool inlinePdf) {
    return inlinePdf ? "default-src 'none'; frame-ancestors 'self'"
                     : "default-src 'none'; frame-ancestors 'self'; sandbox";
}

namespace {

std::string disposition(const char* type, const std::string& fileName) {
    std::string fallback, encoded;
    for (std::size_t i = 0; i < fileName.size();) {
        auto b = static_cast<unsigned char>(fileName[i]);
        std::size_t len = std::min(sequenceLength(b), fileName.size() - i);
        std::string_view cp(fileName.data() + i, len);
        if (len == 1) {
            bool shown = b >= 0x20 && b < 0x7f && b != '"' && b != '\\';
            fallback += shown ? static_cast<char>(b) : '_';
        } else {
            // One letter at a time, its accents dropped and its case kept: "Ủy" -> "Uy".
            std::string folded = text::foldForSearch(cp);
            if (folded.size() == 1 && text::caseFolded(cp) != cp)
                folded[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(folded[0])));
            fallback += folded.size() == 1 ? folded : "_";
        }
        for (char c : cp) {
            auto u = static_cast<unsigned char>(c);
            bool plain = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
                         (u >= '0' && u <= '9') ||
                         std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
            if (plain) {
                encoded += c;
            } else {
                char hex[4];
                std::snprintf(hex, sizeof hex, "%%%02X", u);
                encoded += hex;
            }
        }
        i += len;
    }
    return std::string(type) + "; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

}  // namespace kc::http
