#pragma once

#include <optional>

#include "core/Result.h"
#include "domain/Entities.h"

namespace kc {

// True when u is assessed in year: activeFromYear <= year and, when set, year <= activeToYear.
// The one definition of "unit U is assessed in year Y" (results, completeness, surveys and
// every write for a (year, unit) ask it).
bool activeIn(const Unit& u, int year);

// Ok when u is assessed in year; otherwise Conflict with a Vietnamese message naming its range,
// e.g. "Đơn vị XA16 không được đánh giá năm 2023 (hoạt động đến năm 2022)".
Status requireActiveIn(const Unit& u, int year);

// True when changing a unit from before (nullopt: it did not exist) to after changes the results
// of year, whose previous period (the one its results compare with) is previousYear: the unit
// enters or leaves year or previousYear, changes type while in either, or, being assessed in
// previousYear but not in year, changes the unit it merged into (year's comparison follows
// merges). A rename is not counted here.
bool changesResultsOf(const std::optional<Unit>& before, const Unit& after, int year,
                      std::optional<int> previousYear);

}  // namespace kc
