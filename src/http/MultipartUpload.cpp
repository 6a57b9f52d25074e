#include "http/MultipartUpload.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>

#include "core/Text.h"
#include "http/CountingStream.h"
#include "http/MultipartScanner.h"

namespace kc::http {

namespace {

// All text fields of one body together. The evidence form's five fields hold at most 1000
// bytes each once cleaned (domain/Evidence), so this leaves room for untrimmed or NFD input.
constexpr std::size_t kMaxFieldsBytes = 64 * 1024;
// The most handed to a writer at once: the scanner's pieces are written where they lie in its
// buffer (no copy), at most this much per write.
constexpr std::size_t kPieceBytes = 256 * 1024;

Error invalid(const std::string& message) {
    return Error::invalid(message);
}

Error tooLarge(const std::string& message) {
    return Error{ErrorCode::TooLarge, message, {}};
}

// RFC 2046 boundary: 1-70 characters from a restricted set, not ending in a space.
bool validBoundary(const std::string& b) {
    if (b.empty() || b.size() > 70 || b.back() == ' ')
        return false;
    for (char c : b) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
        if (!ok)
            return false;
    }
    return true;
}

// Content-Disposition split into its type and parameters (names lower-cased). Quoted values
// are taken as they are: browsers do not backslash-escape file names (HTML5 sends '"' as %22),
// and Poco's splitParameters would eat the backslashes of a Windows path.
std::string splitDisposition(const std::string& h, std::map<std::string, std::string>& params) {
    std::size_t i = h.find(';');
    std::string type(text::trim(std::string_view(h).substr(0, i)));
    while (i != std::string::npos && i < h.size()) {
        ++i;
        std::size_t eq = h.find('=', i);
        if (eq == std::string::npos)
            break;
        std::string key(text::trim(std::string_view(h).substr(i, eq - i)));
        for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::size_t v = h.find_first_not_of(' ', eq + 1);
        std::string value;
        if (v != std::string::npos && h[v] == '"') {
            std::size_t close = h.find('"', v + 1);
            if (close == std::string::npos)
                close = h.size();
            value = h.substr(v + 1, close - v - 1);
            i = h.find(';', close);
        } else {
            i = h.find(';', eq + 1);
            value = std::string(text::trim(std::string_view(h).substr(
                eq + 1, i == std::string::npos ? std::string::npos : i - eq - 1)));
        }
        params[key] = value;
    }
    return type;
}

// The file name of a part: RFC 5987 filename*=UTF-8''%xx.. when present, else filename.
std::optional<std::string> partFileName(const std::map<std::string, std::string>& params) {
    // RFC 5987: charset'language'percent-encoded, the language optional ("UTF-8'vi'…"). A
    // value that is not UTF-8 or not well encoded falls back to filename, as RFC 6266 says.
    if (auto it = params.find("filename*"); it != params.end()) {
        const std::string& v = it->second;
        const auto charsetEnd = v.find('\'');
        const auto languageEnd =
            charsetEnd == std::string::npos ? charsetEnd : v.find('\'', charsetEnd + 1);
        if (languageEnd != std::string::npos &&
            Poco::icompare(v.substr(0, charsetEnd), "utf-8") == 0) {
            try {
                std::string decoded;
                Poco::URI::decode(v.substr(languageEnd + 1), decoded);
                if (text::isValidUtf8(decoded))
                    return decoded;
            } catch (const Poco::SyntaxException&) {
            }
        }
    }
    if (auto it = params.find("filename"); it != params.end())
        return it->second;
    return std::nullopt;
}

}  // namespace

Result<ParsedUpload> MultipartUpload::read() {
    std::string boundary;
    try {
        Poco::Net::MediaType type(_request.getContentType());
        if (!type.matches("multipart", "form-data"))
            return Error{ErrorCode::UnsupportedMedia, "Cần gửi dạng multipart/form-data", {}};
        if (type.hasParameter("boundary"))
            boundary = type.getParameter("boundary");
    } catch (const Poco::Exception&) {
        return Error{ErrorCode::UnsupportedMedia, "Content-Type không hợp lệ", {}};
    }
    if (!validBoundary(boundary))
        return invalid("Thiếu hoặc sai boundary của multipart");
    bool chunked = _request.getChunkedTransferEncoding();
    if (!chunked && !_request.hasContentLength())
        return invalid("Thiếu Content-Length cho nội dung tải lên");
    if (!chunked &&
        static_cast<std::uint64_t>(_request.getContentLength64()) > _limits.maxRequestBytes)
        return tooLarge("Yêu cầu tải lên vượt quá giới hạn " +
                        std::to_string(_limits.maxRequestBytes) + " byte");

    try {
        _owner.continueBody();  // only now: the client that waits for it sends the body
    } catch (const Poco::Exception& e) {
        return invalid("Lỗi khi nhận dữ liệu: " + e.displayText());
    }
    auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&_request);
    CountingStream::Direct direct;
    if (impl && !chunked)
        direct = {&impl->socket(), static_cast<std::uint64_t>(_request.getContentLength64())};
    CountingStream body(_request.stream(), _limits.maxRequestBytes, direct);
    auto parsed = parse(body, boundary);
    // A body rejected part way for its form is still read to its end (within the limits), so
    // that the count below tells a short body from a malformed one; one rejected for its size
    // is not (the handler closes the connection).
    if (!parsed.ok() && parsed.error().code != ErrorCode::TooLarge && !_refusedEarly)
        body.drain();
    if (body.overLimit())
        return tooLarge("Yêu cầu tải lên vượt quá giới hạn " +
                        std::to_string(_limits.maxRequestBytes) + " byte");
    if (body.timedOut())
        return invalid("Máy khách ngừng gửi dữ liệu giữa chừng (hết thời gian chờ)");
    if (!body.failure().empty())
        return invalid("Lỗi khi nhận dữ liệu: " + body.failure());
    if (!parsed.ok() && (parsed.error().code == ErrorCode::TooLarge || _refusedEarly))
        return parsed;
    if (!chunked) {
        auto declared = static_cast<std::uint64_t>(_request.getContentLength64());
        if (body.count() < declared)
            return invalid("Nội dung ngắn hơn Content-Length");
        // Reading stops at Content-Length; bytes the client sent past it are still waiting on
        // the socket (best effort: seen when they arrived with the body).
        if (impl && impl->socket().available() > 0)
            return invalid("Nội dung dài hơn Content-Length");
        _bodyRead = true;
    }
    return parsed;
}

bool MultipartUpload::discardBody(Poco::Net::HTTPServerRequest& request, std::uint64_t maxBytes) {
    if (request.getChunkedTransferEncoding() || !request.hasContentLength() ||
        static_cast<std::uint64_t>(request.getContentLength64()) > maxBytes)
        return false;
    auto declared = static_cast<std::uint64_t>(request.getContentLength64());
    CountingStream body(request.stream(), maxBytes);
    body.drain();
    return body.count() == declared && !body.timedOut() && body.failure().empty();
}

Result<ParsedUpload> MultipartUpload::parse(CountingStream& body, const std::string& boundary) {
    ParsedUpload out;
    // A source that failed (timeout, limit, socket error) ends the body early; read() reports
    // that rather than the truncation it looks like here.
    auto sourceFailed = [&] {
        return body.timedOut() || body.overLimit() || !body.failure().empty();
    };
    MultipartScanner scanner(body, boundary);
    std::map<std::string, std::string> header;
    std::size_t fieldBytes = 0;
    for (;;) {
        auto more = scanner.nextPart(header);
        if (!more.ok())
            return sourceFailed() ? Result<ParsedUpload>(std::move(out)) : more.takeError();
        if (!*more)
            break;
        std::map<std::string, std::string> params;
        std::string disposition = splitDisposition(header["content-disposition"], params);
        if (Poco::icompare(disposition, "form-data") != 0 || !params.count("name"))
            return invalid("Phần multipart thiếu Content-Disposition: form-data; name=...");
        const std::string name = params["name"];
        if (name == _form.fileField) {
            auto fileName = partFileName(params);
            if (!fileName)
                return invalid("Phần tệp thiếu filename");
            PendingFile file{*fileName, _content.begin(_limits.maxFileBytes)};
            for (;;) {
                auto piece = scanner.next(kPieceBytes);
                if (!piece.ok())
                    return sourceFailed() ? Result<ParsedUpload>(std::move(out))
                                          : piece.takeError();
                if (piece->empty())
                    break;
                Status w = file.writer->write(piece->data(), piece->size());
                if (!w.ok())
                    return w.error().code == ErrorCode::TooLarge
                               ? tooLarge("Tệp " + *fileName + " vượt quá giới hạn " +
                                          std::to_string(_limits.maxFileBytes) + " byte")
                               : w.takeError();
            }
            if (file.writer->bytesWritten() == 0)
                return Error::invalid("Tệp rỗng", {{"file", *fileName}});
            out.files.push_back(std::move(file));
        } else {
            const auto& allowed = _form.textFields;
            if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
                _refusedEarly = true;
                return Error::invalid("Có trường không được hỗ trợ",
                                      {{name, "Trường không được hỗ trợ"}});
            }
            if (out.fields.count(name))
                return Error::invalid("Trường " + name + " bị lặp lại",
                                      {{name, "Trường bị gửi hai lần"}});
            std::string value;
            for (;;) {
                auto piece = scanner.next(kPieceBytes);
                if (!piece.ok())
                    return sourceFailed() ? Result<ParsedUpload>(std::move(out))
                                          : piece.takeError();
                if (piece->empty())
                    break;
                fieldBytes += piece->size();
                if (fieldBytes > kMaxFieldsBytes)
                    return tooLarge("Trường " + name + " quá dài (các trường văn bản tối đa " +
                                    std::to_string(kMaxFieldsBytes) + " byte cộng lại)");
                value.append(piece->data(), piece->size());
            }
            out.fields[name] = std::move(value);
        }
    }
    if (sourceFailed())
        return out;
    body.drain();  // the epilogue, so that the count can be checked against Content-Length
    if (out.files.empty())
        return Error::invalid("Chưa có tệp nào trong yêu cầu",
                              {{_form.fileField, "Cần ít nhất một tệp"}});
    return out;
}

Result<std::vector<StoredContent>> MultipartUpload::commitAll(ContentStore& content,
                                                              std::vector<PendingFile>& files) {
    std::vector<Result<StoredContent>> results;
    if (files.size() == 1) {
        results.push_back(files.front().writer->commit());
    } else {
        std::vector<ContentWriter*> writers;
        for (PendingFile& f : files) writers.push_back(f.writer.get());
        results = content.commitAll(writers);
    }
    std::vector<StoredContent> stored;
    for (auto& r : results) {
        if (!r.ok())
            return r.takeError();
        stored.push_back(std::move(r).value());
    }
    return stored;
}

}  // namespace kc::http
