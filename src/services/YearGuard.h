#pragma once

#include <optional>
#include <string>

#include "core/Result.h"
#include "domain/Store.h"
#include "domain/UnitYears.h"

namespace kc {

// The checks every write shares about a year: is the period still open to changes, is the unit
// assessed in it. Each reads through the caller's transaction and changes nothing.

// The period of year when it exists and is not finalised. NotFound for an unknown year;
// Conflict "Kỳ đánh giá năm 2022 đã chốt; không thể sửa" for a finalised one.
Result<Period> requireOpenPeriod(Transaction& tx, int year);

// The unit when the period of year and the unit exist and the unit is assessed in year
// (activeIn). NotFound for an unknown period or unit; Conflict (requireActiveIn) for a year
// outside the unit's active range. Writes for a (year, unit) ask
// this before anything else, so a merged or dissolved unit cannot keep working in later years.
Result<Unit> requireAssessedUnit(Transaction& tx, int year, const std::string& unitCode);

// Ok when changing a unit from before (nullopt: a new unit) to after alters no finalised period
// (changesResultsOf, each period compared with the one before it); otherwise Conflict naming
// the first such year, e.g. "Kỳ đánh giá năm 2022 đã chốt: thay đổi này làm thay đổi các đơn
// vị được đánh giá năm 2022".
Status requireFinalisedYearsUnchanged(Transaction& tx, const std::optional<Unit>& before,
                                      const Unit& after);

}  // namespace kc
