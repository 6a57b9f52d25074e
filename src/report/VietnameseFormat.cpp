#include "report/VietnameseFormat.h"

#include <chrono>
#include <cstdio>

namespace kc::report {

namespace {

constexpr std::chrono::hours kVietnam{7};

std::string twoDigits(unsigned n) {
    char b[8];
    std::snprintf(b, sizeof b, "%02u", n);
    return b;
}

}  // namespace

std::string points(const std::optional<Points>& p) {
    return p ? p->toString(true) : "-";
}

namespace {

std::string numbered(const std::string& word, std::optional<int> number, const std::string& code) {
    if (!number)
        return word + kNumberBlank + "/" + code;
    return word + " " + documentReference(*number, code);
}

}  // namespace

std::string numberLine(std::optional<int> number, const std::string& code) {
    return numbered("Số:", number, code);
}

std::string numberReference(std::optional<int> number, const std::string& code) {
    return numbered("số", number, code);
}

std::string placeDate(const std::string& place, TimePoint t) {
    const std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(t + kVietnam)};
    return place + ", ngày " + twoDigits(static_cast<unsigned>(d.day())) + " tháng " +
           twoDigits(static_cast<unsigned>(d.month())) + " năm " +
           std::to_string(static_cast<int>(d.year()));
}

std::string roman(int n) {
    static const char* tens[] = {"", "X", "XX", "XXX"};
    static const char* ones[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
    if (n < 1 || n > 39)
        return std::to_string(n);
    return std::string(tens[n / 10]) + ones[n % 10];
}

std::string isoVietnam(TimePoint t) {
    std::string utc = formatIso(t + kVietnam);
    utc.pop_back();  // the Z
    return utc + "+07:00";
}

std::string documentReference(int number, const std::string& code) {
    return twoDigits(static_cast<unsigned>(number)) + "/" + code;
}

}  // namespace kc::report
