#include "domain/ArchiveNaming.h"

#include <algorithm>
#include <cctype>

namespace kc {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

bool isSeparator(std::string_view rest) {
    if (rest.empty())
        return true;
    char c = rest.front();
    if (c == ' ' || c == '_' || c == '-' || c == '.' || c == ')')
        return true;
    return startsWith(rest, "\xE2\x80\x93") || startsWith(rest, "\xE2\x80\x94");  // – —
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::vector<std::string_view> components(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start)
            out.push_back(path.substr(start, end - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return out;
}

}  // namespace

std::string leadingCode(std::string_view component) {
    std::size_t i = 0;
    int groups = 0;
    for (;;) {
        std::size_t digits = i;
        while (digits < component.size() && isDigit(component[digits])) ++digits;
        if (digits == i)
            break;
        ++groups;
        i = digits;
        // A dot continues the code only when a digit follows it ("1.1.2.pdf" ends at "1.1.2").
        if (i + 1 < component.size() && component[i] == '.' && isDigit(component[i + 1]))
            ++i;
        else
            break;
    }
    if (groups < 2 || !isSeparator(component.substr(i)))
        return {};
    return std::string(component.substr(0, i));
}

std::vector<std::string> candidateCodes(std::string_view path) {
    std::vector<std::string> out;
    auto parts = components(path);
    for (auto it = parts.rbegin(); it != parts.rend(); ++it)
        if (std::string code = leadingCode(*it); !code.empty())
            out.push_back(std::move(code));
    return out;
}

std::string_view baseName(std::string_view path) {
    std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool isSystemFile(std::string_view path) {
    for (std::string_view part : components(path))
        if (part == "__MACOSX")
            return true;
    std::string name = lower(baseName(path));
    return startsWith(name, "._") || name == ".ds_store" || name == "thumbs.db" ||
           name == "desktop.ini";
}

}  // namespace kc
