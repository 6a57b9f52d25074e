#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>

namespace Poco::Net {
class StreamSocket;
}

namespace kc::http {

// An input stream over another that counts the bytes it passes on, stops at a byte limit, and
// remembers why the source failed instead of letting std::istream swallow it. Reads through a
// large buffer, so byte-wise readers (Poco's MultipartReader) stay cheap; a read() of 64 KiB or
// more that finds the buffer empty reads the source straight into the caller's memory instead
// (one copy of the body fewer for MultipartScanner).
// Not thread-safe.
class CountingStream : public std::istream {
public:
    // A request body of known length on a socket. Poco's body stream reads the socket 4 KiB at
    // a time (its HTTPBufferAllocator), 256 recv calls per MiB; given this, the stream takes the
    // first bytes from source (those Poco already buffered with the headers) and then reads up
    // to `length` bytes in all straight from the socket, 256 KiB at a time, never past the body.
    // source must not be read again afterwards.
    struct Direct {
        Poco::Net::StreamSocket* socket = nullptr;
        std::uint64_t length = 0;  // the body's Content-Length
    };

    // Passes on at most limit bytes of source; reading more sets overLimit().
    CountingStream(std::istream& source, std::uint64_t limit);
    CountingStream(std::istream& source, std::uint64_t limit, Direct direct);

    std::uint64_t count() const { return _buf.count; }
    bool overLimit() const { return _buf.overLimit; }
    bool timedOut() const { return _buf.timedOut; }
    // The source's failure other than a timeout ("" if none).
    const std::string& failure() const { return _buf.failure; }
    // Reads and drops everything left (within the limit).
    void drain();

private:
    struct Buf : std::streambuf {
        Buf(std::istream& source, std::uint64_t limit, Direct direct);
        int_type underflow() override;
        std::streamsize xsgetn(char* out, std::streamsize n) override;
        // Reads at most want bytes of the source into `into` and counts them; 0 at the end,
        // past the limit or on a failure (recorded).
        std::streamsize refill(char* into, std::streamsize want);
        std::streamsize fetch(char* into, std::streamsize want);
        std::istream& source;
        std::uint64_t limit;
        Direct direct;
        std::uint64_t count = 0;
        bool ended = false;
        bool overLimit = false;
        bool timedOut = false;
        std::string failure;
        std::unique_ptr<char[]> data;  // kBufferBytes, not zero-filled
    };
    Buf _buf;
};

}  // namespace kc::http
