#include "core/Points.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace kc {

namespace {
constexpr std::int64_t kMaxWhole = 1'000'000'000'000LL;  // far beyond any score; avoids overflow
}

Result<Points> Points::parse(std::string_view text) {
    auto bad = [&](std::string why) {
        return Error::invalid("Điểm không hợp lệ \"" + std::string(text) + "\": " + why);
    };
    std::string_view s = text;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    if (s.empty()) return bad("trống");
    bool negative = false;
    if (s.front() == '-' || s.front() == '+') {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    std::size_t sep = s.find_first_of(".,");
    std::string_view whole = s.substr(0, sep);
    std::string_view frac = sep == std::string_view::npos ? std::string_view{} : s.substr(sep + 1);
    if (whole.empty() && frac.empty()) return bad("không có chữ số");
    if (sep != std::string_view::npos && frac.empty()) return bad("thiếu phần thập phân");
    if (frac.size() > 2) return bad("quá 2 chữ số thập phân");
    std::int64_t w = 0;
    for (char c : whole) {
        if (c < '0' || c > '9') return bad("ký tự không phải chữ số");
        w = w * 10 + (c - '0');
        if (w > kMaxWhole) return bad("quá lớn");
    }
    std::int64_t f = 0;
    for (char c : frac) {
        if (c < '0' || c > '9') return bad("ký tự không phải chữ số");
        f = f * 10 + (c - '0');
    }
    if (frac.size() == 1) f *= 10;
    std::int64_t h = w * 100 + f;
    return Points(negative ? -h : h);
}

Result<Points> Points::fromDouble(double value) {
    if (!std::isfinite(value) || std::fabs(value) > static_cast<double>(kMaxWhole))
        return Error::invalid("Điểm không hợp lệ: số quá lớn hoặc không hữu hạn");
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
    if (ec != std::errc()) return Error::invalid("Điểm không hợp lệ");
    return parse(std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

std::string Points::toString(bool vietnamese) const {
    std::int64_t a = _h < 0 ? -_h : _h;
    std::string out = _h < 0 ? "-" : "";
    out += std::to_string(a / 100);
    out += vietnamese ? ',' : '.';
    std::int64_t f = a % 100;
    out += static_cast<char>('0' + f / 10);
    out += static_cast<char>('0' + f % 10);
    return out;
}

std::int64_t roundHalfAwayFromZero(std::int64_t num, std::int64_t den) {
    bool negative = num < 0;
    std::int64_t a = negative ? -num : num;
    // Compare twice the remainder with den so that exact halves round up for any den.
    std::int64_t q = a / den + ((2 * (a % den) >= den) ? 1 : 0);
    return negative ? -q : q;
}

}  // namespace kc
