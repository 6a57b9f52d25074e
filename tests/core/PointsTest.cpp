#include "core/Points.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

TEST(PointsTest, ParsesValidTexts) {
    struct Case {
        const char* text;
        std::int64_t hundredths;
    };
    for (Case c : {Case{"10", 1000}, {"10.5", 1050}, {"10.09", 1009}, {"10,09", 1009},
                   {"0.01", 1}, {"-2.5", -250}, {" 18 ", 1800}, {".5", 50}, {"0", 0}}) {
        auto p = Points::parse(c.text);
        ASSERT_TRUE(p.ok()) << c.text;
        EXPECT_EQ(p->hundredths(), c.hundredths) << c.text;
    }
}

TEST(PointsTest, RejectsBadTexts) {
    for (const char* text : {"", "abc", "1.005", "1.", "1,2,3", "1e3", "--1", "12a", "."}) {
        auto p = Points::parse(text);
        EXPECT_FALSE(p.ok()) << text;
        if (!p.ok()) {
            EXPECT_EQ(p.error().code, ErrorCode::InvalidInput);
        }
    }
}

TEST(PointsTest, ConvertsJsonDoublesExactly) {
    EXPECT_EQ(Points::fromDouble(11.5)->hundredths(), 1150);
    EXPECT_EQ(Points::fromDouble(10.09)->hundredths(), 1009);
    EXPECT_EQ(Points::fromDouble(0.1 + 0.2).ok(), false);  // 0.30000000000000004: over-precise
    EXPECT_EQ(Points::fromDouble(90.5)->hundredths(), 9050);
    EXPECT_FALSE(Points::fromDouble(1.005).ok());
    EXPECT_FALSE(Points::fromDouble(1e300).ok());
}

TEST(PointsTest, FormatsWithDotOrComma) {
    EXPECT_EQ(Points::fromHundredths(9429).toString(), "94.29");
    EXPECT_EQ(Points::fromHundredths(9429).toString(true), "94,29");
    EXPECT_EQ(Points::fromHundredths(5).toString(), "0.05");
    EXPECT_EQ(Points::fromHundredths(-50).toString(), "-0.50");
    EXPECT_EQ(Points::fromHundredths(1800).toString(), "18.00");
}

TEST(PointsTest, SumsExactly) {
    Points total;
    for (int i = 0; i < 1000; ++i) total += Points::fromHundredths(1);  // 0.01 a thousand times
    EXPECT_EQ(total.hundredths(), 1000);
    EXPECT_LT(Points::fromHundredths(1), Points::fromHundredths(2));
}

TEST(PointsTest, RoundsHalfAwayFromZero) {
    EXPECT_EQ(roundHalfAwayFromZero(5, 10), 1);    // 0.5 -> 1
    EXPECT_EQ(roundHalfAwayFromZero(4, 10), 0);
    EXPECT_EQ(roundHalfAwayFromZero(-5, 10), -1);
    EXPECT_EQ(roundHalfAwayFromZero(1, 3), 0);
    EXPECT_EQ(roundHalfAwayFromZero(2, 3), 1);
    EXPECT_EQ(roundHalfAwayFromZero(100500, 1000), 101);  // x.005 boundary in hundredths
    EXPECT_EQ(roundHalfAwayFromZero(100499, 1000), 100);
}

}  // namespace
}  // namespace kc
