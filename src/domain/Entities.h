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

// An assessed unit. Units that merge keep their rows; mergedIntoCode names the successor.
struct Unit {
    Id id = 0;
    std::string code;
    std::string name;
    std::string unitTypeCode;
    int activeFromYear = 0;                  // first assessment year
    std::optional<int> activeToYear;         // last year, if dissolved or merged
    std::optional<std::string> mergedIntoCode;
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
