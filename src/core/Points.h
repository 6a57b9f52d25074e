#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/Result.h"

namespace kc {

// An exact score in hundredths of a point (10.09 is 1009). Stored and summed as an integer;
// never converted through floating point except when reading a JSON number (fromDouble).
class Points {
public:
    constexpr Points() = default;
    static constexpr Points fromHundredths(std::int64_t h) { return Points(h); }

    // Parses "10", "10.5", "10.09", "-2.5" and, with a decimal comma, "10,09".
    // Fails with InvalidInput on more than two decimals, garbage or overflow.
    static Result<Points> parse(std::string_view text);

    // Converts a JSON number. The shortest decimal representation of the double is used, so
    // 11.5 and 10.09 are exact; 1.005 (three decimals) fails with InvalidInput.
    static Result<Points> fromDouble(double value);

    constexpr std::int64_t hundredths() const { return _h; }

    // "10.09", "-0.50", "18.00". vietnamese=true gives "10,09" (decimal comma).
    std::string toString(bool vietnamese = false) const;

    // The value as a JSON-friendly double (exact in binary to 2 decimals for display only).
    double toDouble() const { return static_cast<double>(_h) / 100.0; }

    constexpr Points operator+(Points o) const { return Points(_h + o._h); }
    constexpr Points operator-(Points o) const { return Points(_h - o._h); }
    constexpr Points& operator+=(Points o) { _h += o._h; return *this; }
    constexpr Points& operator-=(Points o) { _h -= o._h; return *this; }
    constexpr auto operator<=>(const Points&) const = default;

private:
    constexpr explicit Points(std::int64_t h) : _h(h) {}
    std::int64_t _h = 0;
};

// Rounds num/den to the nearest integer, halves away from zero (den > 0). The one rounding
// rule used for derived values (index %, survey points): 0.005 rounds up to 0.01.
std::int64_t roundHalfAwayFromZero(std::int64_t num, std::int64_t den);

}  // namespace kc
