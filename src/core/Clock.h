#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kc {

using TimePoint = std::chrono::sys_seconds;

// The source of "now". Injected so that tests control time (deadlines, session expiry).
class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override;
};

// A clock tests set and advance by hand. Not thread-safe.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint t) : _t(t) {}
    TimePoint now() const override { return _t; }
    void set(TimePoint t) { _t = t; }
    void advance(std::chrono::seconds s) { _t += s; }

private:
    TimePoint _t;
};

// ISO 8601 UTC with a Z, e.g. "2022-12-31T23:59:59Z". Sorts lexically in time order, which the
// database relies on.
std::string formatIso(TimePoint t);

// Accepts "YYYY-MM-DDTHH:MM:SSZ" and "YYYY-MM-DD" (midnight UTC), years kMinYear to kMaxYear
// (the oldest document a unit may cite, the farthest deadline). Empty optional otherwise.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2100;
std::optional<TimePoint> parseIso(std::string_view s);

}  // namespace kc
