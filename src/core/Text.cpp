#include "core/Text.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace kc::text {

bool isValidUtf8(std::string_view s) {
    std::size_t i = 0, n = s.size();
    auto cont = [&](std::size_t k) {
        return k < n && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
    };
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
        } else if (c >= 0xC2 && c <= 0xDF) {
            if (!cont(i + 1)) return false;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            if (!cont(i + 1) || !cont(i + 2)) return false;
            unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
            if (c == 0xE0 && c1 < 0xA0) return false;  // overlong
            if (c == 0xED && c1 >= 0xA0) return false;  // surrogate
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return false;
            unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
            if (c == 0xF0 && c1 < 0x90) return false;
            if (c == 0xF4 && c1 >= 0x90) return false;
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

std::string toNfc(std::string_view s) {
    bool ascii = true;
    for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii || !isValidUtf8(s)) return std::string(s);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return std::string(s);
    icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    icu::UnicodeString out = nfc->normalize(in, status);
    if (U_FAILURE(status)) return std::string(s);
    std::string result;
    out.toUTF8String(result);
    return result;
}

std::string foldForSearch(std::string_view s) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    std::string decomposed(s);
    if (!U_FAILURE(status) && isValidUtf8(s)) {
        icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
        icu::UnicodeString out = nfd->normalize(in, status);
        decomposed.clear();
        if (!U_FAILURE(status)) out.toUTF8String(decomposed);
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
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

}  // namespace kc::text
