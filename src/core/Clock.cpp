#include "core/Clock.h"

#include <cstdio>

namespace kc {

TimePoint SystemClock::now() const {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string formatIso(TimePoint t) {
    auto days = std::chrono::floor<std::chrono::days>(t);
    std::chrono::year_month_day ymd{days};
    std::chrono::hh_mm_ss hms{t - days};
    const int year = static_cast<int>(ymd.year());
    const int fields[] = {static_cast<int>(static_cast<unsigned>(ymd.month())),
                          static_cast<int>(static_cast<unsigned>(ymd.day())),
                          static_cast<int>(hms.hours().count()),
                          static_cast<int>(hms.minutes().count()),
                          static_cast<int>(hms.seconds().count())};
    if (year < 0 || year > 9999) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, fields[0],
                      fields[1], fields[2], fields[3], fields[4]);
        return buf;
    }
    // Written digit by digit: every reply with a time formats many of them, and snprintf's
    // format parsing cost more than the rest of the function.
    std::string out = "0000-00-00T00:00:00Z";
    for (int i = 3, y = year; i >= 0; --i, y /= 10)
        out[static_cast<std::size_t>(i)] = static_cast<char>('0' + y % 10);
    const std::size_t at[] = {5, 8, 11, 14, 17};
    for (int f = 0; f < 5; ++f) {
        out[at[f]] = static_cast<char>('0' + fields[f] / 10);
        out[at[f] + 1] = static_cast<char>('0' + fields[f] % 10);
    }
    return out;
}

std::optional<TimePoint> parseIso(std::string_view s) {
    auto num = [&](std::size_t pos, std::size_t len, int& out) {
        if (pos + len > s.size()) return false;
        out = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, mo, d, h = 0, mi = 0, se = 0;
    if (!num(0, 4, y) || s.size() < 10 || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' || !num(8, 2, d))
        return std::nullopt;
    if (y < kMinYear || y > kMaxYear)
        return std::nullopt;
    if (s.size() != 10) {
        if (s.size() != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
            !num(11, 2, h) || !num(14, 2, mi) || !num(17, 2, se))
            return std::nullopt;
        if (h > 23 || mi > 59 || se > 59) return std::nullopt;
    }
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                    std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
           std::chrono::seconds{se};
}

}  // namespace kc
