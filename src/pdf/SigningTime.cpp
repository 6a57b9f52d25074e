#include "pdf/SigningTime.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace kc::pdf {

namespace {

struct Parts {
    int year, month, day, hour, minute, second;
    char sign;
    int offsetHours, offsetMinutes;
};

Parts split(TimePoint t, int utcOffsetMinutes) {
    const auto local = t + std::chrono::minutes(utcOffsetMinutes);
    const auto days = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::year_month_day ymd(days);
    const std::chrono::hh_mm_ss hms(local - days);
    const int offset = std::abs(utcOffsetMinutes);
    return {static_cast<int>(ymd.year()),
            static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day())),
            static_cast<int>(hms.hours().count()),
            static_cast<int>(hms.minutes().count()),
            static_cast<int>(hms.seconds().count()),
            utcOffsetMinutes < 0 ? '-' : '+',
            offset / 60,
            offset % 60};
}

}  // namespace

std::string SigningTime::iso(TimePoint t, int utcOffsetMinutes) {
    const Parts p = split(t, utcOffsetMinutes);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", p.year,
                  p.month, p.day, p.hour, p.minute, p.second, p.sign, p.offsetHours,
                  p.offsetMinutes);
    return buffer;
}

std::string SigningTime::pdfDate(TimePoint t, int utcOffsetMinutes) {
    const Parts p = split(t, utcOffsetMinutes);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "D:%04d%02d%02d%02d%02d%02d%c%02d'%02d'", p.year, p.month,
                  p.day, p.hour, p.minute, p.second, p.sign, p.offsetHours, p.offsetMinutes);
    return buffer;
}

std::optional<TimePoint> SigningTime::parsePdfDate(std::string_view s) {
    if (s.starts_with("D:"))
        s.remove_prefix(2);
    auto number = [&](std::size_t at, std::size_t len, int fallback) -> std::optional<int> {
        if (s.size() < at + len)
            return fallback;
        int v = 0;
        for (std::size_t i = at; i < at + len; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(s[i])))
                return std::nullopt;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    if (s.size() < 4)
        return std::nullopt;
    const auto year = number(0, 4, 0), month = number(4, 2, 1), day = number(6, 2, 1),
               hour = number(8, 2, 0), minute = number(10, 2, 0), second = number(12, 2, 0);
    if (!year || !month || !day || !hour || !minute || !second)
        return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year(*year),
                                          std::chrono::month(static_cast<unsigned>(*month)),
                                          std::chrono::day(static_cast<unsigned>(*day))};
    if (!ymd.ok() || *hour > 23 || *minute > 59 || *second > 60)
        return std::nullopt;
    TimePoint t = std::chrono::sys_days(ymd) + std::chrono::hours(*hour) +
                  std::chrono::minutes(*minute) + std::chrono::seconds(*second);
    if (s.size() > 14 && (s[14] == '+' || s[14] == '-')) {
        const auto oh = number(15, 2, 0);
        const auto om = s.size() >= 20 ? number(18, 2, 0) : std::optional<int>(0);
        if (!oh || !om)
            return std::nullopt;
        const auto offset = std::chrono::minutes(*oh * 60 + *om);
        t = s[14] == '+' ? t - offset : t + offset;
    }
    return t;
}

}  // namespace kc::pdf
