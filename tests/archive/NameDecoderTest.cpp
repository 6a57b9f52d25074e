#include "archive/NameDecoder.h"

#include <gtest/gtest.h>

#include "core/Text.h"

namespace kc {
namespace {

TEST(NameDecoderTest, KeepsUtf8) {
    NameDecoder d;
    EXPECT_EQ(d.decode("Báo cáo.pdf"), "Báo cáo.pdf");
    EXPECT_EQ(d.decode("plain.txt"), "plain.txt");
}

// "Tờ trình" in CP1258 ends with 'h' after a composable 'i'+grave; decoded one after the other
// each name must keep its own letters.
TEST(NameDecoderTest, DecodesCp1258NamesIndependently) {
    NameDecoder d;
    EXPECT_EQ(text::toNfc(*d.decode("T\xf5\xcc tri\xcc")), "Tờ trì");
    EXPECT_EQ(text::toNfc(*d.decode("Quy\xea\xect")), "Quyết");
    EXPECT_EQ(text::toNfc(*d.decode("Ho\xcc")), "Hò");
    EXPECT_EQ(text::toNfc(*d.decode("a")), "a");
}

TEST(NameDecoderTest, FallsBackToCp437) {
    NameDecoder d;
    EXPECT_EQ(d.decode("B\x8dnh"), "Bình");  // 0x8D is undefined in CP1258
}

TEST(NameDecoderTest, PrintableReplacesInvalidBytes) {
    EXPECT_EQ(NameDecoder::printable("a\xff-\xc3\xa1\xe1\xba"), "a?-á??");
}

}  // namespace
}  // namespace kc
