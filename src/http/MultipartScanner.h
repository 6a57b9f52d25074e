#pragma once

#include <cstddef>
#include <istream>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/Result.h"

namespace kc::http {

// Splits a multipart body (RFC 2046) into parts while it streams: headers per part, then the
// part's bytes in large blocks, handed out in place. The boundary is searched with memmem over a
// 256 KiB buffer, so the cost per byte is a memory scan (Poco's MultipartReader refills a 1 KiB
// buffer a character at a time: 5 s of CPU per GiB). Never holds more than the buffer and one
// part's headers (at most 16 KiB) in memory.
//
// Errors (InvalidInput): no opening boundary, headers over 16 KiB or malformed, and a body that
// ends before the closing `--boundary--` (truncated). A source that fails or times out simply
// ends: the caller tells why from its own stream. Not thread-safe.
class MultipartScanner {
public:
    // REQUIRES: boundary is a valid RFC 2046 boundary (1-70 characters).
    MultipartScanner(std::istream& source, const std::string& boundary);

    // Moves to the next part and returns its headers (names lower-cased, values trimmed); false
    // after the closing boundary. Unread bytes of the current part are skipped.
    Result<bool> nextPart(std::map<std::string, std::string>& headers);

    // The next up to `max` bytes of the current part, in place in the scanner's buffer (no
    // copy): valid until the next call on the scanner. Empty at the end of the part.
    Result<std::string_view> next(std::size_t max);

    // True once the closing boundary was seen.
    bool finished() const { return _finished; }

private:
    bool fill();
    Error truncated() const;

    std::istream& _source;
    std::string _delimiter;           // "\r\n--" + boundary
    std::unique_ptr<char[]> _buffer;  // kBufferBytes, not zero-filled
    std::size_t _begin = 0, _end = 0;
    bool _eof = false;
    bool _inPart = false;
    bool _started = false;
    bool _finished = false;
};

}  // namespace kc::http
