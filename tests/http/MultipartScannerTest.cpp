#include <gtest/gtest.h>

#include <sstream>

#include "http/MultipartScanner.h"

namespace kc::http {
namespace {

struct Scanned {
    std::vector<std::pair<std::string, std::string>> parts;  // content-disposition, content
    std::optional<Error> error;
};

// Reads every part, in pieces of at most readSize bytes handed out in place.
Scanned scan(const std::string& body, std::size_t readSize = 7, const std::string& b = "XyZ") {
    std::istringstream in(body);
    MultipartScanner scanner(in, b);
    Scanned out;
    std::map<std::string, std::string> headers;
    for (;;) {
        auto more = scanner.nextPart(headers);
        if (!more.ok()) {
            out.error = more.error();
            return out;
        }
        if (!*more)
            return out;
        std::string content;
        for (;;) {
            auto piece = scanner.next(readSize);
            if (!piece.ok()) {
                out.error = piece.error();
                return out;
            }
            if (piece->empty())
                break;
            EXPECT_LE(piece->size(), readSize);
            content.append(piece->data(), piece->size());
        }
        out.parts.emplace_back(headers["content-disposition"], content);
    }
}

TEST(MultipartScannerTest, SplitsPartsWithPreamblePaddingAndEpilogue) {
    auto r = scan(
        "preamble\r\n--XyZ  \r\nContent-Disposition: form-data; name=\"a\"\r\n"
        "X-Other: 1\r\n\r\nalpha\r\n--XyZ\r\ncontent-disposition:  form-data; name=\"b\"\r\n\r\n"
        "\r\n--Xy not the boundary\r\n--XyZ--\r\nepilogue");
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_EQ(r.parts.size(), 2u);
    EXPECT_EQ(r.parts[0].first, "form-data; name=\"a\"");
    EXPECT_EQ(r.parts[0].second, "alpha");
    EXPECT_EQ(r.parts[1].second, "\r\n--Xy not the boundary");
}

TEST(MultipartScannerTest, BodyMayStartWithTheBoundary) {
    auto r = scan("--XyZ\r\nContent-Disposition: x\r\n\r\n\r\n--XyZ--");
    ASSERT_FALSE(r.error);
    ASSERT_EQ(r.parts.size(), 1u);
    EXPECT_EQ(r.parts[0].second, "");
}

TEST(MultipartScannerTest, FindsBoundariesAcrossBufferRefills) {
    for (std::size_t size : {262'140u, 262'141u, 262'144u, 600'000u}) {
        std::string content(size, 'x');
        content[size / 2] = '\r';
        auto r = scan("--XyZ\r\nA: b\r\n\r\n" + content + "\r\n--XyZ--\r\n", 100'000);
        ASSERT_FALSE(r.error) << size;
        ASSERT_EQ(r.parts.size(), 1u);
        EXPECT_EQ(r.parts[0].second, content) << size;
    }
}

TEST(MultipartScannerTest, PiecesOfEverySizeAreTheSameBytes) {
    std::string content(700'000, 'y');
    for (std::size_t i = 0; i < content.size(); i += 4099) content[i] = '\r';
    const std::string body =
        "pre\r\n--XyZ\r\nA: 1\r\n\r\n" + content + "\r\n--XyZ\r\nB: 2\r\n\r\nshort\r\n--XyZ--\r\n";
    for (std::size_t readSize : {4'096u, 100'000u, 300'000u}) {
        auto r = scan(body, readSize);
        ASSERT_FALSE(r.error) << readSize;
        ASSERT_EQ(r.parts.size(), 2u);
        EXPECT_EQ(r.parts[0].second, content);
        EXPECT_EQ(r.parts[1].second, "short");
    }
    const std::string small = "--XyZ\r\nA: 1\r\n\r\nab\r\n-c\r\n--XyZ\r\n\r\n\r\n--XyZ--";
    for (std::size_t readSize : {1u, 2u, 7u}) {
        auto r = scan(small, readSize);
        ASSERT_EQ(r.parts.size(), 2u) << readSize;
        EXPECT_EQ(r.parts[0].second, "ab\r\n-c");
        EXPECT_EQ(r.parts[1].second, "");
    }
    EXPECT_TRUE(scan("--XyZ\r\nA: 1\r\n\r\nabc\r\n--Xy", 7).error);
}

TEST(MultipartScannerTest, TruncatedBodiesAreErrors) {
    for (const char* body :
         {"--XyZ\r\nA: b\r\n\r\ncontent", "--XyZ\r\nA: b\r\n\r\ncontent\r\n--XyZ", "--XyZ\r\nA: b",
          "no boundary at all", ""}) {
        auto r = scan(body);
        EXPECT_TRUE(r.error) << body;
    }
}

TEST(MultipartScannerTest, MalformedHeadersAreErrors) {
    EXPECT_TRUE(scan("--XyZ\r\nno colon\r\n\r\nx\r\n--XyZ--").error);
    EXPECT_TRUE(scan("--XyZjunk\r\nA: b\r\n\r\nx\r\n--XyZ--").error);
    EXPECT_TRUE(scan("--XyZ\r\nA: " + std::string(20000, 'v') + "\r\n\r\nx\r\n--XyZ--").error);
}

}  // namespace
}  // namespace kc::http
