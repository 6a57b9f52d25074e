#pragma once

#include <Poco/Dynamic/Var.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace kc::http {

// Appends s as a JSON string literal (quotes included), escaped exactly as Poco's
// Stringifier (Poco 1.11) does without JSON_ESCAPE_UNICODE: control characters, '"' and '\\'
// are escaped, other bytes ('/', DEL and UTF-8 included) are copied as they are. Unlike Poco,
// bytes that are not well-formed UTF-8 become U+FFFD, so the output is always valid JSON.
void appendJsonString(std::string& out, std::string_view s);

// Appends the condensed JSON text of v (Poco::JSON objects and arrays, by value or Ptr, strings,
// numbers, booleans, empty = null), byte for byte what Poco::JSON::Stringifier::stringify(v, out)
// writes, but into a string instead of character by character into an ostream. Object members
// come in the object's own order (sorted, or insertion order for JSON_PRESERVE_KEY_ORDER).
void appendJsonValue(std::string& out, const Poco::Dynamic::Var& v);

// Appends what Poco writes for the double hundredths / 100.0 (how Points become JSON numbers:
// "12.5", "100", "-0.05") without formatting a double: the exact decimal, trailing zeros
// dropped, which is the shortest text that reads back as that double. Checked against Poco
// in tests; magnitudes from 10^12 on go through Poco itself.
void appendHundredths(std::string& out, std::int64_t hundredths);

// appendJsonValue into a new string.
std::string jsonText(const Poco::Dynamic::Var& v);

}  // namespace kc::http
