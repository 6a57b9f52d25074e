#include "domain/Evidence.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

TEST(EvidenceTest, MetadataIsTrimmedNormalisedAndEmptyFieldsDropped) {
    EvidenceMetadata m;
    m.docNumber = "  97/KH-UBND ";
    m.issuer = "UBND xa\xcc\x83 Phu\xcc\x81\x63 Kha\xcc\x81nh";  // decomposed (NFD)
    m.note = "Dòng một\nDòng hai\tcó tab";
    m.pageRef = "   ";
    auto clean = cleanEvidenceMetadata(m);
    ASSERT_TRUE(clean.ok()) << clean.error().message;
    EXPECT_EQ(clean->docNumber, "97/KH-UBND");
    EXPECT_EQ(clean->issuer, "UBND xã Phúc Khánh");
    EXPECT_EQ(clean->note, "Dòng một\nDòng hai\tcó tab");
    EXPECT_FALSE(clean->pageRef.has_value());
}

// A NUL or an escape character in a field is refused, naming the field, as in a file name.
TEST(EvidenceTest, MetadataWithControlCharactersIsRefused) {
    EvidenceMetadata m;
    m.docNumber = std::string("97/KH\0UBND", 10);
    m.note = "ghi chú \x1b[31m";
    m.issuer = "UBND huyện";
    auto r = cleanEvidenceMetadata(m);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().details.size(), 2u);
    EXPECT_EQ(r.error().details[0].path, "doc_number");
    EXPECT_EQ(r.error().details[0].message, "Chứa ký tự điều khiển");
    EXPECT_EQ(r.error().details[1].path, "note");
}

}  // namespace
}  // namespace kc
