#include "http/CountingStream.h"

#include <Poco/Exception.h>
#include <Poco/Net/StreamSocket.h>

#include <algorithm>

namespace kc::http {

namespace {
constexpr std::size_t kBufferBytes = 256 * 1024;
}

CountingStream::Buf::Buf(std::istream& source, std::uint64_t limit, Direct direct)
    : source(source), limit(limit), direct(direct), data(kBufferBytes) {}

// Reads at most want bytes into data. Without a direct socket: sgetn() from source, which comes
// back short only at the end of the source. With one: the first read goes through source (up
// to Poco's 4 KiB, which empties the session buffer the headers were read into: HTTPSession
// returns buffered bytes alone before it reads the socket), the next ones take what source
// still holds, then the socket is read directly, at most up to the body's length.
std::streamsize CountingStream::Buf::fetch(std::streamsize want) {
    if (!direct.socket) {
        std::streamsize n = source.rdbuf()->sgetn(data.data(), want);
        if (n < want)
            ended = true;
        return n;
    }
    const auto left = static_cast<std::streamsize>(direct.length - count);
    want = std::min(want, left);
    if (want <= 0) {
        ended = true;
        return 0;
    }
    const std::streamsize held = source.rdbuf()->in_avail();
    if (count == 0 || held > 0) {
        if (count == 0)
            want = std::min<std::streamsize>(want, 4096);
        else
            want = std::min(want, held);
        std::streamsize n = source.rdbuf()->sgetn(data.data(), want);
        if (n < want)
            ended = true;
        return n;
    }
    int n = direct.socket->receiveBytes(data.data(), static_cast<int>(want));
    if (n <= 0)
        ended = true;  // the client closed early: the count tells the caller
    return n;
}

CountingStream::Buf::int_type CountingStream::Buf::underflow() {
    if (gptr() < egptr())
        return traits_type::to_int_type(*gptr());
    if (ended || overLimit || timedOut || !failure.empty())
        return traits_type::eof();
    // Ask for one byte past the limit so that an over-long body is noticed, not cut silently.
    std::uint64_t room = limit - count + 1;
    auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(data.size(), room));
    std::streamsize n = 0;
    // Poco's socket streams throw from their streambuf; calling it directly keeps the cause.
    // Once the source ended, never ask again: Poco's chunked stream would read on into the
    // next request and wait for it.
    try {
        n = fetch(want);
    } catch (const Poco::TimeoutException&) {
        timedOut = true;
        return traits_type::eof();
    } catch (const Poco::Exception& e) {
        failure = e.displayText();
        return traits_type::eof();
    }
    if (n <= 0)
        return traits_type::eof();
    if (count + static_cast<std::uint64_t>(n) > limit) {
        overLimit = true;
        return traits_type::eof();
    }
    count += static_cast<std::uint64_t>(n);
    setg(data.data(), data.data(), data.data() + n);
    return traits_type::to_int_type(*gptr());
}

CountingStream::CountingStream(std::istream& source, std::uint64_t limit)
    : CountingStream(source, limit, Direct{nullptr, 0}) {}

CountingStream::CountingStream(std::istream& source, std::uint64_t limit, Direct direct)
    : std::istream(nullptr), _buf(source, limit, direct) {
    rdbuf(&_buf);
}

void CountingStream::drain() {
    clear();
    std::vector<char> sink(64 * 1024);
    while (read(sink.data(), static_cast<std::streamsize>(sink.size())) || gcount() > 0) {
    }
}

}  // namespace kc::http
