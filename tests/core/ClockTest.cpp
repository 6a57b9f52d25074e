#include "core/Clock.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

TEST(ClockTest, FormatsAndParsesIso) {
    auto t = parseIso("2022-12-31T23:59:58Z");
    ASSERT_TRUE(t);
    EXPECT_EQ(formatIso(*t), "2022-12-31T23:59:58Z");
    EXPECT_EQ(formatIso(*parseIso("2023-01-05")), "2023-01-05T00:00:00Z");
}

TEST(ClockTest, RejectsMalformedDates) {
    for (const char* s : {"", "2022-13-01", "2022-02-30", "2022-1-1", "2022-12-31T24:00:00Z",
                          "2022-12-31 10:00:00", "31/12/2022"})
        EXPECT_FALSE(parseIso(s)) << s;
}

}  // namespace
}  // namespace kc
