#include <gtest/gtest.h>

#include <sstream>

#include "http/MultipartScanner.h"

namespace kc::http {
namespace {

struct Scanned {
    std::vector<std::pair<std::string, std::string>> parts;  // content-disposition, content
    std::optional<Error> error;
};

// Reads every part, in reads of readSize bytes: copied out with read(), or in place with next().
Scanned scan(const std::string& body, std::size_t readSize = 7, const std::string& b = "XyZ",
             bool inPlace = false) {
    std::istringstream in(body);
    MultipartScanner scanner(in, b);
    Scanned out;
    std::map<std::string, std::string> headers;
    std::vector<char> chunk(readSize);
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
            if (inPlace) {
                auto piece = scanner.next(readSize);
                if (!piece.ok()) {
                    out.error = piece.error();
                    return out;
                }
                if (piece->empty())
                    break;
                EXPECT_LE(piece->size(), readSize);
                content.append(piece->data(), piece->size());
                continue;
            }
            auto n = scanner.read(chunk.data(), chunk.size());
            if (!n.ok()) {
                out.error = n.error();
                return out;
            }
            if (*n == 0)
                break;
            content.append(chunk.data(), *n);
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

TEST(MultipartScannerTest, PiecesInPlaceAreTheSameBytes) {
    std::string content(700'000, 'y');
    for (std::size_t i = 0; i < content.size(); i += 4099) content[i] = '\r';
    const std::string body =
        "pre\r\n--XyZ\r\nA: 1\r\n\r\n" + content + "\r\n--XyZ\r\nB: 2\r\n\r\nshort\r\n--XyZ--\r\n";
    for (std::size_t readSize : {4'096u, 100'000u, 300'000u}) {
        auto copied = scan(body, readSize);
        auto inPlace = scan(body, readSize, "XyZ", true);
        ASSERT_FALSE(inPlace.error) << readSize;
        ASSERT_EQ(inPlace.parts.size(), 2u);
        EXPECT_EQ(inPlace.parts, copied.parts) << readSize;
        EXPECT_EQ(inPlace.parts[0].second, content);
        EXPECT_EQ(inPlace.parts[1].second, "short");
    }
    const std::string small = "--XyZ\r\nA: 1\r\n\r\nab\r\n-c\r\n--XyZ\r\n\r\n\r\n--XyZ--";
    for (std::size_t readSize : {1u, 2u, 7u})
        EXPECT_EQ(scan(small, readSize, "XyZ", true).parts, scan(small, readSize).parts);
    auto truncated = scan("--XyZ\r\nA: 1\r\n\r\nabc\r\n--Xy", 7, "XyZ", true);
    EXPECT_TRUE(truncated.error);
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
