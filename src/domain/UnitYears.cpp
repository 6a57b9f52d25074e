#include "domain/UnitYears.h"

#include <string>

namespace kc {

bool activeIn(const Unit& u, int year) {
    return u.activeFromYear <= year && (!u.activeToYear || *u.activeToYear >= year);
}

Status requireActiveIn(const Unit& u, int year) {
    if (activeIn(u, year))
        return Ok{};
    std::string range = year < u.activeFromYear
                            ? "hoạt động từ năm " + std::to_string(u.activeFromYear)
                            : "hoạt động đến năm " + std::to_string(*u.activeToYear);
    if (u.mergedIntoCode && year > u.activeToYear.value_or(year))
        range += ", đã sáp nhập vào " + *u.mergedIntoCode;
    return Error::conflict("Đơn vị " + u.code + " không được đánh giá năm " + std::to_string(year) +
                           " (" + range + ")");
}

namespace {

bool assessed(const std::optional<Unit>& u, int year) {
    return u && activeIn(*u, year);
}

}  // namespace

bool changesResultsOf(const std::optional<Unit>& before, const Unit& after, int year,
                      std::optional<int> previousYear) {
    for (std::optional<int> y : {std::optional<int>(year), previousYear}) {
        if (!y)
            continue;
        if (assessed(before, *y) != activeIn(after, *y))
            return true;
        if (activeIn(after, *y) && before->unitTypeCode != after.unitTypeCode)
            return true;
    }
    const std::optional<std::string> mergedBefore =
        before ? before->mergedIntoCode : std::optional<std::string>();
    return previousYear && mergedBefore != after.mergedIntoCode && activeIn(after, *previousYear) &&
           !activeIn(after, year);
}

}  // namespace kc
