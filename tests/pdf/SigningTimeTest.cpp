#include "pdf/SigningTime.h"

#include <gtest/gtest.h>

namespace kc::pdf {
namespace {

const TimePoint kNoonUtc =
    std::chrono::sys_days(std::chrono::year(2023) / 2 / 2) + std::chrono::hours(12);

TEST(SigningTime, FormatsWithTheOffset) {
    EXPECT_EQ(SigningTime::iso(kNoonUtc, 420), "2023-02-02T19:00:00+07:00");
    EXPECT_EQ(SigningTime::iso(kNoonUtc, 0), "2023-02-02T12:00:00+00:00");
    EXPECT_EQ(SigningTime::iso(kNoonUtc, -150), "2023-02-02T09:30:00-02:30");
    EXPECT_EQ(SigningTime::pdfDate(kNoonUtc, 420), "D:20230202190000+07'00'");
    EXPECT_EQ(SigningTime::iso(kNoonUtc + std::chrono::hours(12), 420),
              "2023-02-03T07:00:00+07:00");
}

TEST(SigningTime, ParsesPdfDates) {
    struct Case {
        const char* text;
        std::optional<TimePoint> expected;
    };
    const std::vector<Case> cases = {
        {"D:20230202190000+07'00'", kNoonUtc},
        {"D:20230202190000+07'00", kNoonUtc},
        {"D:20230202120000Z", kNoonUtc},
        {"20230202120000", kNoonUtc},
        {"D:20230202093000-02'30'", kNoonUtc},
        {"D:2023", std::chrono::sys_days(std::chrono::year(2023) / 1 / 1)},
        {"D:20231302120000Z", std::nullopt},
        {"D:2023020212x000Z", std::nullopt},
        {"", std::nullopt},
    };
    for (const Case& c : cases) EXPECT_EQ(SigningTime::parsePdfDate(c.text), c.expected) << c.text;
}

}  // namespace
}  // namespace kc::pdf
