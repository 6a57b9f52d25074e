#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Clock.h"
#include "domain/Role.h"

namespace kc {

using Id = std::int64_t;

// A kind of assessed unit (e.g. "so" for provincial agencies, "xa" for communes). Versioned by
// year through the criteria sets attached to it.
struct UnitType {
    Id id = 0;
    std::string code;
    std::string name;
};

// A unit's name from one assessment year on (a town that becomes a ward is renamed; the years
// already assessed keep the old name).
struct UnitName {
    int fromYear = 0;
    std::string name;

    bool operator==(const UnitName&) const = default;
};

// An assessed unit. Units that merge keep their rows; mergedIntoCode names the successor.
struct Unit {
    Id id = 0;
    std::string code;
    std::string name;  // the newest name (of the last entry of names)
    std::string unitTypeCode;
    int activeFromYear = 0;                  // first assessment year
    std::optional<int> activeToYear;         // last year, if dissolved or merged
    std::optional<std::string> mergedIntoCode;
    std::vector<UnitName> names;  // its names by fromYear ascending, as stored

    // The name valid in year: the last entry of names from that year or earlier; the first
    // entry for an earlier year; name when names is empty.
    const std::string& nameIn(int year) const {
        const std::string* found = names.empty() ? &name : &names.front().name;
        for (const UnitName& n : names)
            if (n.fromYear <= year)
                found = &n.name;
        return *found;
    }
};

// Phase dates of an assessment period (all UTC instants; any may be unset while planning).
struct PhaseDates {
    std::optional<TimePoint> selfAssessmentOpens;
    std::optional<TimePoint> selfAssessmentCloses;
    std::optional<TimePoint> step1Closes;
    std::optional<TimePoint> supplementCloses;
    std::optional<TimePoint> step2Closes;

    bool operator==(const PhaseDates&) const = default;
};

// One yearly assessment (kỳ đánh giá), identified by its year.
struct Period {
    Id id = 0;
    int year = 0;
    std::string name;
    PhaseDates dates;
    bool finalised = false;
};

struct User {
    Id id = 0;
    std::string username;
    std::string displayName;
    Role role = Role::Unit;
    std::optional<std::string> unitCode;  // set exactly when role == Unit
    bool active = true;
    int failedLogins = 0;
    std::optional<TimePoint> lockedUntil;
};

// A reviewer appraises the areas (by area code) assigned to them for a period.
struct Assignment {
    int year = 0;
    std::string username;
    std::string areaCode;
};

// Who is acting: resolved from a session by the HTTP layer, passed to every service call.
struct Actor {
    Id userId = 0;
    std::string username;
    Role role = Role::Unit;
    std::optional<std::string> unitCode;
};

}  // namespace kc
