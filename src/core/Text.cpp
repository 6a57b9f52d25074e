#include "core/Text.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace kc::text {

namespace {

// The length of the well-formed UTF-8 sequence starting at s[i], or 0 when there is none (no
// overlongs, surrogates or values past U+10FFFF).
std::size_t sequenceAt(std::string_view s, std::size_t i) {
    const std::size_t n = s.size();
    auto cont = [&](std::size_t k) {
        return k < n && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
    };
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return cont(i + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(i + 1) || !cont(i + 2))
            return 0;
        const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
        if (c == 0xE0 && c1 < 0xA0)
            return 0;  // overlong
        if (c == 0xED && c1 >= 0xA0)
            return 0;  // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3))
            return 0;
        const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
        if (c == 0xF0 && c1 < 0x90)
            return 0;
        if (c == 0xF4 && c1 >= 0x90)
            return 0;
        return 4;
    }
    return 0;
}

}  // namespace

bool isValidUtf8(std::string_view s) {
    for (std::size_t i = 0, step; i < s.size(); i += step)
        if ((step = sequenceAt(s, i)) == 0)
            return false;
    return true;
}

bool hasControlCharacters(std::string_view s) {
    for (unsigned char c : s)
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            return true;
    return false;
}

std::size_t controlCharacterAt(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f)
        return 1;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F)
        return 2;
    return 0;
}

bool hasNameControlCharacters(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (controlCharacterAt(s, i))
            return true;
    return false;
}

std::size_t characterCount(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::string lengthProblem(std::string_view s, std::size_t maxChars) {
    if (s.size() <= maxChars || characterCount(s) <= maxChars)
        return {};
    return "Dài quá " + std::to_string(maxChars) + " ký tự";
}

std::string toValidUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t step = sequenceAt(s, i);
        if (step == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
            ++i;
        } else {
            out.append(s.substr(i, step));
            i += step;
        }
    }
    return out;
}

std::string toNfc(std::string_view s) {
    bool ascii = true;
    for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii || !isValidUtf8(s))
        return std::string(s);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status))
        return std::string(s);
    icu::UnicodeString in =
        icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    icu::UnicodeString out = nfc->normalize(in, status);
    if (U_FAILURE(status))
        return std::string(s);
    std::string result;
    out.toUTF8String(result);
    return result;
}

std::string_view withoutBom(std::string_view s) {
    return s.substr(0, 3) == "\xEF\xBB\xBF" ? s.substr(3) : s;
}

std::string caseFolded(std::string_view s) {
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    std::string result;
    u.foldCase().toUTF8String(result);
    return result;
}

std::string foldForSearch(std::string_view s) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    std::string decomposed(s);
    if (!U_FAILURE(status) && isValidUtf8(s)) {
        icu::UnicodeString in = icu::UnicodeString::fromUTF8(
            icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
        icu::UnicodeString out = nfd->normalize(in, status);
        decomposed.clear();
        if (!U_FAILURE(status))
            out.toUTF8String(decomposed);
    }
    std::string key;
    for (std::size_t i = 0; i < decomposed.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(decomposed[i]);
        if (c < 0x80) {
            key += static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
        } else if (c == 0xC4 && i + 1 < decomposed.size() &&
                   (static_cast<unsigned char>(decomposed[i + 1]) == 0x90 ||
                    static_cast<unsigned char>(decomposed[i + 1]) == 0x91)) {
            key += 'd';  // Đ U+0110, đ U+0111 do not decompose
            ++i;
        }
        // other non-ASCII bytes (combining marks) are dropped
    }
    return key;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() &&
           (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

}  // namespace kc::text
