#include "domain/UnitYears.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

Unit unit(int from, std::optional<int> to = std::nullopt,
          std::optional<std::string> merged = std::nullopt, std::string type = "xa") {
    return Unit{0, "XA16", "UBND xã Phúc Khánh", std::move(type), from, to, std::move(merged), {}};
}

TEST(UnitYearsTest, ActiveFromItsFirstToItsLastYear) {
    EXPECT_FALSE(activeIn(unit(2021, 2022), 2020));
    EXPECT_TRUE(activeIn(unit(2021, 2022), 2021));
    EXPECT_TRUE(activeIn(unit(2021, 2022), 2022));
    EXPECT_FALSE(activeIn(unit(2021, 2022), 2023));
    EXPECT_TRUE(activeIn(unit(2021), 2099));
}

TEST(UnitYearsTest, RefusalNamesTheRangeAndTheMerge) {
    EXPECT_TRUE(requireActiveIn(unit(2021), 2023).ok());
    auto merged = requireActiveIn(unit(2021, 2022, "XA18"), 2023);
    ASSERT_FALSE(merged.ok());
    EXPECT_EQ(merged.error().code, ErrorCode::Conflict);
    EXPECT_EQ(merged.error().message,
              "Đơn vị XA16 không được đánh giá năm 2023 (hoạt động đến năm 2022, đã sáp nhập "
              "vào XA18)");
    EXPECT_EQ(requireActiveIn(unit(2024), 2023).error().message,
              "Đơn vị XA16 không được đánh giá năm 2023 (hoạt động từ năm 2024)");
}

struct Change {
    const char* name;
    std::optional<Unit> before;
    Unit after;
    bool alters2022;  // 2022 compared with 2021
};

std::ostream& operator<<(std::ostream& os, const Change& c) {
    return os << c.name;
}

class ChangeTest : public ::testing::TestWithParam<Change> {};

TEST_P(ChangeTest, AltersTheYearOnlyWhenItsUnitsOrComparisonChange) {
    const Change& c = GetParam();
    EXPECT_EQ(changesResultsOf(c.before, c.after, 2022, 2021), c.alters2022);
}

INSTANTIATE_TEST_SUITE_P(
    Domain, ChangeTest,
    ::testing::Values(
        Change{"NewUnitIn2022", std::nullopt, unit(2022), true},
        Change{"NewUnitFrom2023", std::nullopt, unit(2023), false},
        Change{"NewUnitEndedIn2021", std::nullopt, unit(2020, 2021), true},  // 2021 compared
        Change{"EndedBefore2022", unit(2021), unit(2021, 2021), true},
        Change{"EndedAfter2022", unit(2021), unit(2021, 2022, "XA18"), false},
        Change{"StartsLater", unit(2021), unit(2022), true},  // 2021 compared
        Change{"StartsLaterStill", unit(2023), unit(2024), false},
        Change{"TypeChangedWhileIn2022", unit(2021), unit(2021, {}, {}, "phuong"), true},
        Change{"TypeChangedLater", unit(2023), unit(2023, {}, {}, "phuong"), false},
        Change{"MergeAfter2021", unit(2020, 2021), unit(2020, 2021, "XA18"), true},
        Change{"MergeAfter2020", unit(2019, 2020), unit(2019, 2020, "XA18"), false},
        Change{"MergeAfter2022", unit(2021, 2022), unit(2021, 2022, "XA18"), false},
        Change{"Unchanged", unit(2021), unit(2021), false}));

}  // namespace
}  // namespace kc
