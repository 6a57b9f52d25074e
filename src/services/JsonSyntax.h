#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

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
// deeper than 128 levels, like Poco's parser. Linear time; thread-safe.
std::optional<JsonSyntaxError> findJsonSyntaxError(std::string_view text);

// The 1-based line of the first byte sequence in `text` that is not well-formed UTF-8, or
// nullopt when the whole text is well-formed.
std::optional<int> findInvalidUtf8Line(std::string_view text);

}  // namespace kc
