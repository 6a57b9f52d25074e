#include "report/VietnameseFormat.h"

#include <gtest/gtest.h>

#include "report/DocumentTemplates.h"

namespace kc::report {
namespace {

TEST(VietnameseFormatTest, PointsUseADecimalCommaAndADashWhenAbsent) {
    EXPECT_EQ(points(Points::fromHundredths(9429)), "94,29");
    EXPECT_EQ(points(Points::fromHundredths(1800)), "18,00");
    EXPECT_EQ(points(std::nullopt), "-");
}

TEST(VietnameseFormatTest, NumbersBelowTenGetALeadingZeroAndAMissingNumberIsBlank) {
    EXPECT_EQ(numberLine(7, "QĐ-UBND"), "Số: 07/QĐ-UBND");
    EXPECT_EQ(numberLine(207, "QĐ-UBND"), "Số: 207/QĐ-UBND");
    const std::string blank = "\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0";  // no-break spaces
    EXPECT_EQ(numberLine(std::nullopt, "BC-UBND"), "Số:" + blank + "/BC-UBND");
    EXPECT_EQ(numberReference(7, "QĐ-UBND"), "số 07/QĐ-UBND");
    EXPECT_EQ(numberReference(std::nullopt, "QĐ-UBND"), "số" + blank + "/QĐ-UBND");
}

TEST(VietnameseFormatTest, PlaceAndDateInVietnamTime) {
    // 2023-02-01T20:00Z is already 2 February in Hà Nội.
    EXPECT_EQ(placeDate("Bảo Yên", *parseIso("2023-02-01T20:00:00Z")),
              "Bảo Yên, ngày 02 tháng 02 năm 2023");
    EXPECT_EQ(placeDate("Bảo Yên", *parseIso("2022-12-31T16:00:00Z")),
              "Bảo Yên, ngày 31 tháng 12 năm 2022");
    EXPECT_EQ(isoVietnam(*parseIso("2023-02-02T03:30:00Z")), "2023-02-02T10:30:00+07:00");
}

TEST(VietnameseFormatTest, RomanNumeralsForAppendices) {
    EXPECT_EQ(roman(1), "I");
    EXPECT_EQ(roman(4), "IV");
    EXPECT_EQ(roman(14), "XIV");
}

TEST(VietnameseFormatTest, PlaceholdersAreFilledEverywhere) {
    EXPECT_EQ(fillPlaceholders("Năm {year} của {unit} ({unit_type}), năm {year}", 2022,
                               "UBND xã Phúc Khánh", "UBND cấp xã"),
              "Năm 2022 của UBND xã Phúc Khánh (UBND cấp xã), năm 2022");
}

}  // namespace
}  // namespace kc::report
