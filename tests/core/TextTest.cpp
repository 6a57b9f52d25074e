#include "core/Text.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

TEST(TextTest, NormalisesDecomposedVietnameseToNfc) {
    std::string nfd = "Vie\xcc\x82\xcc\xa3t Nam";  // "Việt" as e + circumflex + dot below
    std::string nfc = "Vi\xe1\xbb\x87t Nam";
    EXPECT_EQ(text::toNfc(nfd), nfc);
    EXPECT_EQ(text::toNfc(nfc), nfc);
    EXPECT_EQ(text::toNfc("plain"), "plain");
}

TEST(TextTest, ValidatesUtf8) {
    EXPECT_TRUE(text::isValidUtf8("Đặng Thị Ánh"));
    EXPECT_TRUE(text::isValidUtf8(""));
    EXPECT_FALSE(text::isValidUtf8("\xc3"));          // truncated
    EXPECT_FALSE(text::isValidUtf8("\xc0\xaf"));      // overlong '/'
    EXPECT_FALSE(text::isValidUtf8("\xed\xa0\x80"));  // surrogate
    EXPECT_FALSE(text::isValidUtf8("\xf5\x80\x80\x80"));
    EXPECT_FALSE(
        text::isValidUtf8("K\xe9 ho\xb9"
                          "ch"));  // CP1258 bytes
}

TEST(TextTest, ToValidUtf8ReplacesEachStrayByteAndKeepsTheRest) {
    EXPECT_EQ(text::toValidUtf8("Đặng Thị Ánh"), "Đặng Thị Ánh");
    EXPECT_EQ(text::toValidUtf8("a\xff"
                                "b"),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(text::toValidUtf8("\xc3("), "\xEF\xBF\xBD(");                // truncated sequence
    EXPECT_EQ(text::toValidUtf8("\xc0\xaf"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
    EXPECT_TRUE(text::isValidUtf8(text::toValidUtf8("\xed\xa0\x80 \xf4\x90\x80\x80")));
}

TEST(TextTest, CountsCharactersNotBytes) {
    EXPECT_EQ(text::characterCount("Đặng Thị Ánh"), 12u);
    EXPECT_EQ(text::characterCount(""), 0u);
    EXPECT_EQ(text::lengthProblem("Việt", 4), "");
    EXPECT_EQ(text::lengthProblem("Việt Nam", 4), "Dài quá 4 ký tự");
    std::string longest;
    for (std::size_t i = 0; i < text::kMaxTextChars; ++i) longest += "ệ";
    EXPECT_EQ(text::lengthProblem(longest), "");
    EXPECT_EQ(text::lengthProblem(longest + "a"), "Dài quá 10000 ký tự");
}

TEST(TextTest, CaseFoldedComparesVietnameseIgnoringCaseOnly) {
    EXPECT_EQ(text::caseFolded("BÁO CÁO.pdf"), text::caseFolded("Báo cáo.pdf"));
    EXPECT_EQ(text::caseFolded("ĐỀ ÁN Ỷ"), "đề án ỷ");
    EXPECT_NE(text::caseFolded("Báo cáo.pdf"), text::caseFolded("Bao cao.pdf"));  // accents kept
}

TEST(TextTest, FoldsForSearch) {
    EXPECT_EQ(text::foldForSearch("Đặng Thị Ánh"), "dang thi anh");
    EXPECT_EQ(text::foldForSearch("UBND xã Phúc Khánh"), "ubnd xa phuc khanh");
}

}  // namespace
}  // namespace kc
