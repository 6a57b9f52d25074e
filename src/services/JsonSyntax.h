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

// Finds the first RFC 8259 syntax error in `text`, or nullopt when it is well-formed JSON.
// Poco::JSON::Parser reports errors without a position; this scanner exists to tell a clerk
// where their file is broken. It checks syntax only (no values are built) and refuses nesting
// deeper than 128 levels, like Poco's parser. It also refuses what Poco's parser would take
// wrongly: an object naming a field twice (Poco keeps the last), an integer part of more than
// 15 digits (Poco wraps 2^64 and a few above to small numbers) and \u0000 in a string.
// Linear time; thread-safe.
std::optional<JsonSyntaxError> findJsonSyntaxError(std::string_view text);

// The same error as a detail for "$": "JSON không hợp lệ ở dòng 2, cột 11: thiếu dấu ':' sau
// tên trường"; nullopt when there is none. For every JSON a client sends, before Poco parses it.
std::optional<ErrorDetail> jsonSyntaxDetail(std::string_view text);

// The 1-based line of the first byte sequence in `text` that is not well-formed UTF-8, or
// nullopt when the whole text is well-formed.
std::optional<int> findInvalidUtf8Line(std::string_view text);

}  // namespace kc
