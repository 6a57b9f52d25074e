#include <gtest/gtest.h>

#include <sstream>

#include "http/CountingStream.h"

namespace kc::http {
namespace {

std::string pattern(std::size_t size) {
    std::string s(size, '\0');
    for (std::size_t i = 0; i < size; ++i) s[i] = static_cast<char>('a' + i * 7 % 26);
    return s;
}

// Reads all of the stream in reads of the given sizes, in turn.
std::string readAll(CountingStream& in, std::vector<std::size_t> sizes) {
    std::string out;
    std::vector<char> buffer(1 << 20);
    for (std::size_t i = 0;; ++i) {
        const std::size_t want = sizes[i % sizes.size()];
        in.read(buffer.data(), static_cast<std::streamsize>(want));
        out.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
        if (!in)
            return out;
    }
}

TEST(CountingStreamTest, LargeAndSmallReadsPassTheSameBytes) {
    const std::string body = pattern(1'000'003);
    for (auto sizes : std::vector<std::vector<std::size_t>>{
             {1}, {100}, {65'536}, {300'000}, {1 << 20}, {3, 70'000, 1, 262'142}}) {
        std::istringstream source(body);
        CountingStream in(source, 10'000'000);
        EXPECT_EQ(readAll(in, sizes), body) << sizes.front();
        EXPECT_EQ(in.count(), body.size());
        EXPECT_FALSE(in.overLimit());
    }
}

TEST(CountingStreamTest, LargeReadsStopAtTheLimit) {
    const std::string body = pattern(500'000);
    for (std::size_t limit : {499'999u, 100'000u, 65'536u}) {
        std::istringstream source(body);
        CountingStream in(source, limit);
        std::string got = readAll(in, {300'000});
        EXPECT_TRUE(in.overLimit()) << limit;
        EXPECT_LE(got.size(), limit);
        EXPECT_EQ(got, body.substr(0, got.size()));
    }
    std::istringstream source(body);
    CountingStream exact(source, body.size());
    EXPECT_EQ(readAll(exact, {1 << 20}), body);
    EXPECT_FALSE(exact.overLimit());
}

TEST(CountingStreamTest, DrainCountsEverything) {
    const std::string body = pattern(700'000);
    std::istringstream source(body);
    CountingStream in(source, 1'000'000);
    char first[10];
    in.read(first, sizeof first);
    in.drain();
    EXPECT_EQ(in.count(), body.size());
}

}  // namespace
}  // namespace kc::http
