#include <vector>

#include "http/DownloadHeaders.h"
#include "http/Handlers.h"

namespace kc::http::evidence {

namespace {

constexpr std::size_t kChunkBytes = 256 * 1024;

void setCommonHeaders(Poco::Net::HTTPServerResponse& res, const std::string& etag) {
    res.set("ETag", etag);
    res.set("Accept-Ranges", "bytes");
    // Content never changes under its ETag, but who may read it can: revalidate every time.
    res.set("Cache-Control", "private, no-cache");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Content-Security-Policy", storedFilePolicy(false));
}

}  // namespace

Reply content(Services& s, Request& r) {
    auto id = r.intParam("id");
    if (!id.ok())
        return Reply::error(id.error());
    auto asked = r.boolQuery("inline");
    if (!asked.ok())
        return Reply::error(asked.error());
    auto found = s.evidence.content(r.who(), id.value());
    if (!found.ok())
        return Reply::error(found.error());
    const EvidenceItem& item = found->item;
    const bool shownInline = asked.value() && viewableInline(item.mediaType);
    std::istream& in = *found->stream;
    auto& res = r.response;
    const std::string etag = "\"" + item.sha256 + "\"";

    setCommonHeaders(res, etag);
    if (r.raw.has("If-None-Match") && etagMatches(r.raw.get("If-None-Match"), etag)) {
        res.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
        res.setContentLength(0);
        res.send();
        return Reply::sent();
    }
    // If-Range (a browser resuming a download) keeps the range only for the same content: a
    // strong comparison with the ETag; anything else (another tag, a date) gets the whole file.
    const bool rangeStillValid = !r.raw.has("If-Range") || r.raw.get("If-Range") == etag;
    RangeRequest range = parseRange(rangeStillValid ? r.raw.get("Range", "") : "", item.size);
    if (range.kind == RangeRequest::Kind::Unsatisfiable) {
        Reply reply =
            Reply::error({ErrorCode::InvalidInput, "Khoảng byte yêu cầu không hợp lệ", {}});
        reply.status = 416;
        reply.headers.emplace_back("Content-Range", "bytes */" + std::to_string(item.size));
        return reply;
    }
    std::uint64_t first = 0, length = item.size;
    if (range.kind == RangeRequest::Kind::Partial) {
        first = range.first;
        length = range.last - range.first + 1;
        res.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_PARTIAL_CONTENT);
        res.set("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                     std::to_string(range.last) + "/" + std::to_string(item.size));
    }
    res.setContentType(item.mediaType);
    res.set("Content-Disposition", shownInline ? inlineDisposition(item.fileName)
                                               : attachmentDisposition(item.fileName));
    res.setContentLength64(static_cast<Poco::Int64>(length));
    if (r.isHead()) {
        res.send();
        return Reply::sent();
    }
    in.seekg(static_cast<std::streamoff>(first));
    std::ostream& out = res.send();
    std::vector<char> chunk(kChunkBytes);
    // Stops when the client goes away or stops reading (the send timeout, http.timeoutSeconds).
    while (length > 0 && in && out) {
        auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(chunk.size(), length));
        in.read(chunk.data(), want);
        std::streamsize got = in.gcount();
        if (got <= 0)
            break;
        out.write(chunk.data(), got);
        length -= static_cast<std::uint64_t>(got);
    }
    if (!out)
        r.cutConnection();
    return Reply::sent();
}

}  // namespace kc::http::evidence
