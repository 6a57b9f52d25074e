#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Result.h"
#include "domain/Store.h"
#include "services/AuditRecorder.h"

namespace kc {

// Changes to a unit; unset fields stay as they are.
struct UnitPatch {
    std::optional<std::string> name;
    std::optional<int> activeFromYear;
    std::optional<int> nameFromYear;  // the first year of the new name (only with name)
    std::optional<int> activeToYear;
    bool clearActiveToYear = false;  // active again with no last year (undoes a dissolution)
    std::optional<std::string> mergedIntoCode;
    bool clearMergedInto = false;  // undoes a merge
};

// Changes to a period; unset fields stay as they are.
struct PeriodPatch {
    std::optional<std::string> name;
    PhaseDates dates;  // each set date replaces the stored one
    std::optional<bool> finalised;
};

// Periods, unit types and units. Every change is audited in its own transaction.
// Reads honour the actor: a unit user sees only its own unit. Thread-safe.
class DirectoryService {
public:
    DirectoryService(Store& store, const Clock& clock) : _store(store), _audit(clock) {}

    Result<std::vector<Period>> listPeriods();
    Result<Period> getPeriod(int year);
    // InvalidInput for a year outside 2000..2100, an empty name or dates out of order;
    // Duplicate when the year exists.
    Result<Period> createPeriod(const Actor& actor, Period period);
    // Conflict when the period is finalised (only un-finalising is allowed then).
    Result<Period> updatePeriod(const Actor& actor, int year, const PeriodPatch& patch);

    Result<std::vector<UnitType>> listUnitTypes();
    Result<UnitType> createUnitType(const Actor& actor, UnitType type);

    Result<std::vector<Unit>> listUnits(const Actor& actor);
    // Forbidden when a unit user asks for another unit.
    Result<Unit> getUnit(const Actor& actor, const std::string& code);
    // Changes to units never alter a finalised period: Conflict when the new unit, or the
    // change, would make a finalised year assess other units or compare them differently
    // (requireFinalisedYearsUnchanged). InvalidInput for a bad code, name or year range.
    Result<Unit> createUnit(const Actor& actor, Unit unit);
    // Also InvalidInput when clearing and setting the same field, or for a merge that loops.
    // A new name applies from patch.nameFromYear (default: the newest period's year, or the
    // unit's first year when there is no period) to every later year; the years before keep
    // theirs. InvalidInput for a from-year without a name or outside 2000..2100; Conflict when a
    // finalised period is in or after the from-year (its results and documents keep the name).
    Result<Unit> updateUnit(const Actor& actor, const std::string& code, const UnitPatch& patch);

private:
    Store& _store;
    AuditRecorder _audit;
};

// "A code is 1-32 characters of A-Z a-z 0-9 . _ -" (units, unit types, user names).
bool isValidCode(const std::string& code);

// Checks that the phase dates that are set come in process order. Empty when fine.
std::vector<ErrorDetail> validatePhaseDates(const PhaseDates& d);

}  // namespace kc
