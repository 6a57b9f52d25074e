#include "core/Clock.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace kc {
namespace {

TEST(ClockTest, FormatsAndParsesIso) {
    auto t = parseIso("2022-12-31T23:59:58Z");
    ASSERT_TRUE(t);
    EXPECT_EQ(formatIso(*t), "2022-12-31T23:59:58Z");
    EXPECT_EQ(formatIso(*parseIso("2023-01-05")), "2023-01-05T00:00:00Z");
}

TEST(ClockTest, FormattedTimesMatchTheCalendarFieldsAndParseBack) {
    // Every 7,919 s (a prime: all hours, minutes and seconds occur) from 1969 to 2101.
    const auto from = std::chrono::sys_days{std::chrono::year{1969} / 1 / 1};
    const auto to = std::chrono::sys_days{std::chrono::year{2101} / 1 / 1};
    for (TimePoint t = from; t < to; t += std::chrono::seconds(7919)) {
        auto days = std::chrono::floor<std::chrono::days>(t);
        std::chrono::year_month_day ymd{days};
        std::chrono::hh_mm_ss hms{t - days};
        char want[32];
        std::snprintf(want, sizeof want, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                      static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                      static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                      static_cast<int>(hms.minutes().count()),
                      static_cast<int>(hms.seconds().count()));
        ASSERT_EQ(formatIso(t), want);
        ASSERT_EQ(parseIso(want), t) << want;
    }
    EXPECT_EQ(formatIso(std::chrono::sys_days{std::chrono::year{1} / 2 / 3}),
              "0001-02-03T00:00:00Z");
    EXPECT_EQ(formatIso(std::chrono::sys_days{std::chrono::year{9999} / 12 / 31} +
                        std::chrono::seconds(86399)),
              "9999-12-31T23:59:59Z");
}

TEST(ClockTest, RejectsMalformedDates) {
    for (const char* s :
         {"", "2022-13-01", "2022-02-30", "2022-1-1", "2022-12-31T24:00:00Z", "2022-12-31 10:00:00",
          "31/12/2022", "0000-01-01", "1899-12-31", "2101-01-01T00:00:00Z", "9999-12-31"})
        EXPECT_FALSE(parseIso(s)) << s;
    EXPECT_TRUE(parseIso("1900-01-01"));  // an old decision a unit cites
    EXPECT_TRUE(parseIso("2100-12-31T23:59:59Z"));
}

}  // namespace
}  // namespace kc
