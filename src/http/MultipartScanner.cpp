#include "http/MultipartScanner.h"

#include <algorithm>
#include <cstring>

#include "core/Text.h"

namespace kc::http {

namespace {

constexpr std::size_t kBufferBytes = 256 * 1024;
constexpr std::size_t kMaxHeaderBytes = 16 * 1024;

}  // namespace

MultipartScanner::MultipartScanner(std::istream& source, const std::string& boundary)
    : _source(source), _delimiter("\r\n--" + boundary), _buffer(new char[kBufferBytes]) {
    // The first boundary may start the body without a preceding CRLF: pretend there was one.
    _buffer[0] = '\r';
    _buffer[1] = '\n';
    _end = 2;
}

Error MultipartScanner::truncated() const {
    return Error::invalid("Nội dung tải lên bị cắt: thiếu boundary kết thúc");
}

// Moves the unread bytes to the front and reads more after them. False when nothing more came.
bool MultipartScanner::fill() {
    if (_eof)
        return false;
    if (_begin > 0) {
        std::memmove(_buffer.get(), _buffer.get() + _begin, _end - _begin);
        _end -= _begin;
        _begin = 0;
    }
    if (_end == kBufferBytes)
        return true;  // full: the caller has room to consume first
    _source.read(_buffer.get() + _end, static_cast<std::streamsize>(kBufferBytes - _end));
    auto got = static_cast<std::size_t>(_source.gcount());
    _end += got;
    if (got == 0)
        _eof = true;
    return got > 0;
}

Result<std::string_view> MultipartScanner::next(std::size_t max) {
    if (!_inPart)
        return std::string_view();
    for (;;) {
        const char* data = _buffer.get() + _begin;
        const std::size_t available = _end - _begin;
        const void* hit = ::memmem(data, available, _delimiter.data(), _delimiter.size());
        // Up to the delimiter, or everything but a possible start of it at the end.
        const std::size_t safe =
            hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - data)
                : (available >= _delimiter.size() ? available - (_delimiter.size() - 1) : 0);
        if (hit && safe == 0) {
            _inPart = false;  // the delimiter is next; nextPart() consumes it
            return std::string_view();
        }
        if (safe > 0) {
            const std::size_t n = std::min(max, safe);
            _begin += n;
            return std::string_view(data, n);
        }
        if (!fill())
            return truncated();
    }
}

Result<bool> MultipartScanner::nextPart(std::map<std::string, std::string>& headers) {
    headers.clear();
    if (_finished)
        return false;
    for (;;) {  // the rest of the current part, or the preamble before the first boundary
        if (!_started)
            _inPart = true;
        auto skipped = next(kBufferBytes);
        if (!skipped.ok())
            return _started ? skipped.takeError()
                            : Error::invalid("Không tìm thấy boundary của multipart");
        if (skipped->empty())
            break;
    }
    _started = true;
    // At the delimiter: then "--" (the end) or optional padding and CRLF, then the headers.
    while (_end - _begin < _delimiter.size() + 2)
        if (!fill())
            return truncated();
    _begin += _delimiter.size();
    if (_buffer[_begin] == '-' && _buffer[_begin + 1] == '-') {
        _begin += 2;
        _finished = true;
        return false;
    }
    std::string head;
    for (;;) {
        const char* data = _buffer.get() + _begin;
        const std::size_t available = _end - _begin;
        const void* blank = ::memmem(data, available, "\r\n\r\n", 4);
        std::size_t take =
            blank ? static_cast<std::size_t>(static_cast<const char*>(blank) - data) + 4
                  : (available > 3 ? available - 3 : 0);
        head.append(data, take);
        _begin += take;
        if (head.size() > kMaxHeaderBytes)
            return Error::invalid("Phần multipart có tiêu đề quá dài");
        if (blank)
            break;
        if (!fill())
            return truncated();
    }
    // head: [padding] CRLF (header CRLF)* CRLF
    std::size_t lineEnd = head.find("\r\n");
    if (!text::trim(std::string_view(head).substr(0, lineEnd)).empty())
        return Error::invalid("Nội dung multipart không hợp lệ: sau boundary phải xuống dòng");
    std::size_t pos = lineEnd + 2;
    while (pos < head.size()) {
        std::size_t eol = head.find("\r\n", pos);
        if (eol == pos)
            break;
        std::string_view line(head.data() + pos, eol - pos);
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0)
            return Error::invalid("Nội dung multipart không hợp lệ: tiêu đề phần sai dạng");
        std::string name(text::trim(line.substr(0, colon)));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        headers[name] = std::string(text::trim(line.substr(colon + 1)));
        pos = eol + 2;
    }
    _inPart = true;
    return true;
}

}  // namespace kc::http
