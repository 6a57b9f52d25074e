#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/Error.h"

namespace kc {

// Where and why a text is not a JSON document.
struct JsonSyntaxError {
    std::size_t offset = 0;  // byte offset of the offending byte (text.size() at end of text)
    int line = 1;            // 1-based
    int column = 1;          // 1-based, counted in Unicode characters, not bytes
    std::string message;     // Vietnamese, e.g. "thiếu dấu ':' sau tên trường"
};

// The most values (objects, arrays, strings, numbers, literals; field names not counted) and
// the deepest nesting a JSON document may have. Poco's parser spends about 1 KB of memory per
// value, so a 2 MB body of `[{},{},…]` would cost 600 MB; these bound that to ~10 MB. The
// largest real documents are far below: a criteria set (config/demo, 79 sub-criteria) has
// 1,868 values 11 levels deep, a full bulk self-assessment ~650 values 4 levels deep.
inline constexpr std::size_t kMaxJsonValues = 10'000;
inline constexpr int kMaxJsonDepth = 32;

// Finds the first RFC 8259 syntax error in `text`, or nullopt when it is well-formed JSON.
// Poco::JSON::Parser reports errors without a position; this scanner exists to tell a clerk
// where their file is broken. It checks syntax only (no values are built) and refuses more
// than kMaxJsonValues values or nesting deeper than kMaxJsonDepth levels, so that Poco never
// builds a tree much larger than any real request. It also refuses what Poco's parser would
// take wrongly: an object naming a field twice (Poco keeps the last), an integer part of more
// than 15 digits (Poco wraps 2^64 and a few above to small numbers) and \u0000 in a string.
// Linear time; thread-safe.
std::optional<JsonSyntaxError> findJsonSyntaxError(std::string_view text);

// The same error as a detail for "$": "JSON không hợp lệ ở dòng 2, cột 11: thiếu dấu ':' sau
// tên trường"; nullopt when there is none. For every JSON a client sends, before Poco parses it.
std::optional<ErrorDetail> jsonSyntaxDetail(std::string_view text);

// The 1-based line of the first byte sequence in `text` that is not well-formed UTF-8, or
// nullopt when the whole text is well-formed.
std::optional<int> findInvalidUtf8Line(std::string_view text);

}  // namespace kc
