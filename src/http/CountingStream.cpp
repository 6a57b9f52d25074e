#include "http/CountingStream.h"

#include <Poco/Exception.h>
#include <Poco/Net/StreamSocket.h>

#include <algorithm>
#include <cstring>

namespace kc::http {

namespace {
constexpr std::size_t kBufferBytes = 256 * 1024;
// Reads at least this large skip the buffer when it is empty.
constexpr std::streamsize kDirectRead = 64 * 1024;
constexpr std::streamsize kMaxDirectRead = 16 * 1024 * 1024;  // fits the socket's int
}  // namespace

CountingStream::Buf::Buf(std::istream& source, std::uint64_t limit, Direct direct)
    : source(source), limit(limit), direct(direct), data(new char[kBufferBytes]) {}

// Reads at most want bytes into `into`. Without a direct socket: sgetn() from source, which comes
// back short only at the end of the source. With one: the first read goes through source (up
// to Poco's 4 KiB, which empties the session buffer the headers were read into: HTTPSession
// returns buffered bytes alone before it reads the socket), the next ones take what source
// still holds, then the socket is read directly, at most up to the body's length.
std::streamsize CountingStream::Buf::fetch(char* into, std::streamsize want) {
    if (!direct.socket) {
        std::streamsize n = source.rdbuf()->sgetn(into, want);
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
        std::streamsize n = source.rdbuf()->sgetn(into, want);
        if (n < want)
            ended = true;
        return n;
    }
    int n = direct.socket->receiveBytes(into, static_cast<int>(want));
    if (n <= 0)
        ended = true;  // the client closed early: the count tells the caller
    return n;
}

std::streamsize CountingStream::Buf::refill(char* into, std::streamsize want) {
    if (ended || overLimit || timedOut || !failure.empty())
        return 0;
    // Ask for one byte past the limit so that an over-long body is noticed, not cut silently.
    std::uint64_t room = limit - count + 1;
    want = static_cast<std::streamsize>(
        std::min<std::uint64_t>(static_cast<std::uint64_t>(want), room));
    std::streamsize n = 0;
    // Poco's socket streams throw from their streambuf; calling it directly keeps the cause.
    // Once the source ended, never ask again: Poco's chunked stream would read on into the
    // next request and wait for it.
    try {
        n = fetch(into, want);
    } catch (const Poco::TimeoutException&) {
        timedOut = true;
        return 0;
    } catch (const Poco::Exception& e) {
        failure = e.displayText();
        return 0;
    }
    if (n <= 0)
        return 0;
    if (count + static_cast<std::uint64_t>(n) > limit) {
        overLimit = true;
        return 0;
    }
    count += static_cast<std::uint64_t>(n);
    return n;
}

CountingStream::Buf::int_type CountingStream::Buf::underflow() {
    if (gptr() < egptr())
        return traits_type::to_int_type(*gptr());
    std::streamsize n = refill(data.get(), static_cast<std::streamsize>(kBufferBytes));
    if (n <= 0)
        return traits_type::eof();
    setg(data.get(), data.get(), data.get() + n);
    return traits_type::to_int_type(*gptr());
}

// What is buffered first, then large reads straight into out, small ones through the buffer.
std::streamsize CountingStream::Buf::xsgetn(char* out, std::streamsize n) {
    std::streamsize done = 0;
    while (done < n) {
        if (gptr() < egptr()) {
            const std::streamsize take = std::min<std::streamsize>(egptr() - gptr(), n - done);
            std::memcpy(out + done, gptr(), static_cast<std::size_t>(take));
            setg(eback(), gptr() + take, egptr());
            done += take;
        } else if (n - done >= kDirectRead) {
            const std::streamsize got =
                refill(out + done, std::min<std::streamsize>(n - done, kMaxDirectRead));
            if (got <= 0)
                break;
            done += got;
        } else if (traits_type::eq_int_type(underflow(), traits_type::eof())) {
            break;
        }
    }
    return done;
}

CountingStream::CountingStream(std::istream& source, std::uint64_t limit)
    : CountingStream(source, limit, Direct{nullptr, 0}) {}

CountingStream::CountingStream(std::istream& source, std::uint64_t limit, Direct direct)
    : std::istream(nullptr), _buf(source, limit, direct) {
    rdbuf(&_buf);
}

void CountingStream::drain() {
    clear();
    constexpr std::streamsize kSink = 256 * 1024;
    std::unique_ptr<char[]> sink(new char[kSink]);
    while (read(sink.get(), kSink) || gcount() > 0) {
    }
}

}  // namespace kc::http
