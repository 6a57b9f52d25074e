#pragma once

#include <string>
#include <string_view>

namespace kc::text {

// True when the bytes are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool isValidUtf8(std::string_view s);

// s with every byte that does not start a well-formed sequence replaced by U+FFFD: for
// echoing text that may not be UTF-8 (a URL's decoded bytes) into a reply.
std::string toValidUtf8(std::string_view s);

// Unicode NFC of well-formed UTF-8 (ICU). REQUIRES: isValidUtf8(s); invalid input is returned
// unchanged so callers validate first and report the error themselves.
std::string toNfc(std::string_view s);

// s with Unicode case folding (ICU), for comparing names as Windows does, ignoring case:
// "BÁO CÁO.pdf" and "báo cáo.pdf" fold alike; accents are kept. REQUIRES: well-formed UTF-8.
std::string caseFolded(std::string_view s);

// Lower-case ASCII-only key for searching Vietnamese without accents: "Đặng Thị Ánh" -> "dang thi
// anh".
std::string foldForSearch(std::string_view s);

// True when s holds a control character other than tab, line feed and carriage return (NUL,
// ESC, DEL...): never part of a name, a number or a note a person typed.
bool hasControlCharacters(std::string_view s);

// The length in bytes of the control character starting at s[i]: 1 for C0 (tab and line breaks
// included) and DEL, 2 for C1 (U+0080-U+009F, C2 80-9F); 0 when s[i] starts none. REQUIRES:
// i < s.size(). For names (files, archive members), where none of them belongs.
std::size_t controlCharacterAt(std::string_view s, std::size_t i);

// True when s holds a control character as controlCharacterAt counts them.
bool hasNameControlCharacters(std::string_view s);

// The number of characters (code points) in well-formed UTF-8.
std::size_t characterCount(std::string_view s);

// The most characters a text field a person fills in may hold (an explanation, a reply, a
// reason, a display name...): about four typed pages. Names have their own, lower limit.
inline constexpr std::size_t kMaxTextChars = 10000;

// "Dài quá 10000 ký tự" when s holds more than maxChars characters, else empty.
std::string lengthProblem(std::string_view s, std::size_t maxChars = kMaxTextChars);

// s without a leading UTF-8 byte order mark (Windows Notepad and Excel write one).
std::string_view withoutBom(std::string_view s);

// Trims ASCII white space at both ends.
std::string_view trim(std::string_view s);

}  // namespace kc::text
