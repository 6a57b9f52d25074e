#pragma once

#include <cstdint>
#include <istream>
#include <streambuf>
#include <string>
#include <vector>

namespace kc::http {

// An input stream over another that counts the bytes it passes on, stops at a byte limit, and
// remembers why the source failed instead of letting std::istream swallow it. Reads through a
// large buffer, so byte-wise readers (Poco's MultipartReader) stay cheap.
// Not thread-safe.
class CountingStream : public std::istream {
public:
    // Passes on at most limit bytes of source; reading more sets overLimit().
    CountingStream(std::istream& source, std::uint64_t limit);

    std::uint64_t count() const { return _buf.count; }
    bool overLimit() const { return _buf.overLimit; }
    bool timedOut() const { return _buf.timedOut; }
    // The source's failure other than a timeout ("" if none).
    const std::string& failure() const { return _buf.failure; }
    // Reads and drops everything left (within the limit).
    void drain();

private:
    struct Buf : std::streambuf {
        Buf(std::istream& source, std::uint64_t limit);
        int_type underflow() override;
        std::istream& source;
        std::uint64_t limit;
        std::uint64_t count = 0;
        bool ended = false;
        bool overLimit = false;
        bool timedOut = false;
        std::string failure;
        std::vector<char> data;
    };
    Buf _buf;
};

}  // namespace kc::http
