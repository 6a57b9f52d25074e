#include <gtest/gtest.h>

#include "http/DownloadHeaders.h"

namespace kc::http {
namespace {

TEST(DownloadHeadersTest, ParsesSingleByteRanges) {
    using K = RangeRequest::Kind;
    const struct {
        const char* header;
        K kind;
        std::uint64_t first, last;
    } cases[] = {
        {"", K::Whole, 0, 0},
        {"bytes=0-9", K::Partial, 0, 9},
        {"bytes=10-", K::Partial, 10, 99},
        {"bytes=-10", K::Partial, 90, 99},
        {"bytes=-500", K::Partial, 0, 99},
        {"bytes=50-500", K::Partial, 50, 99},
        {"bytes=100-", K::Unsatisfiable, 0, 0},
        {"bytes=200-300", K::Unsatisfiable, 0, 0},
        {"bytes=-0", K::Unsatisfiable, 0, 0},
        {"bytes=9-3", K::Whole, 0, 0},
        {"bytes=0-1,5-6", K::Whole, 0, 0},
        {"items=0-1", K::Whole, 0, 0},
        {"bytes=x-1", K::Whole, 0, 0},
    };
    for (const auto& c : cases) {
        RangeRequest r = parseRange(c.header, 100);
        EXPECT_EQ(r.kind, c.kind) << c.header;
        if (c.kind == K::Partial) {
            EXPECT_EQ(r.first, c.first) << c.header;
            EXPECT_EQ(r.last, c.last) << c.header;
        }
    }
}

TEST(DownloadHeadersTest, MatchesEtags) {
    EXPECT_TRUE(etagMatches("\"abc\"", "\"abc\""));
    EXPECT_TRUE(etagMatches("\"x\", W/\"abc\"", "\"abc\""));
    EXPECT_TRUE(etagMatches("*", "\"abc\""));
    EXPECT_FALSE(etagMatches("\"abd\"", "\"abc\""));
    EXPECT_FALSE(etagMatches("", "\"abc\""));
}

TEST(DownloadHeadersTest, DispositionHasAsciiFallbackAndUtf8Name) {
    EXPECT_EQ(attachmentDisposition("Kế hoạch CCHC 2022.pdf"),
              "attachment; filename=\"Ke hoach CCHC 2022.pdf\"; "
              "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20CCHC%202022.pdf");
    EXPECT_EQ(attachmentDisposition("Đề \"án\".pdf"),
              "attachment; filename=\"De _an_.pdf\"; "
              "filename*=UTF-8''%C4%90%E1%BB%81%20%22%C3%A1n%22.pdf");
    // Capitals with accents keep their case in the fallback.
    EXPECT_EQ(attachmentDisposition("ỦY BAN.pdf").substr(0, 35),
              "attachment; filename=\"UY BAN.pdf\"; ");
}

}  // namespace
}  // namespace kc::http
