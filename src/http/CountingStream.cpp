#include "http/CountingStream.h"

#include <Poco/Exception.h>

#include <algorithm>

namespace kc::http {

namespace {
constexpr std::size_t kBufferBytes = 256 * 1024;
}

CountingStream::Buf::Buf(std::istream& source, std::uint64_t limit)
    : source(source), limit(limit), data(kBufferBytes) {}

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
    try {
        n = source.rdbuf()->sgetn(data.data(), want);
    } catch (const Poco::TimeoutException&) {
        timedOut = true;
        return traits_type::eof();
    } catch (const Poco::Exception& e) {
        failure = e.displayText();
        return traits_type::eof();
    }
    // sgetn() comes back short only at the end of the source. Never ask again then: Poco's
    // chunked stream would read on into the next request and wait for it.
    if (n < want)
        ended = true;
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
    : std::istream(nullptr), _buf(source, limit) {
    rdbuf(&_buf);
}

void CountingStream::drain() {
    clear();
    std::vector<char> sink(64 * 1024);
    while (read(sink.data(), static_cast<std::streamsize>(sink.size())) || gcount() > 0) {
    }
}

}  // namespace kc::http
