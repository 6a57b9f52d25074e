#include "services/JsonSyntax.h"

#include <algorithm>
#include <unordered_set>

#include "core/Text.h"

namespace kc {

namespace {

constexpr std::size_t kMaxIntegerDigits = 15;
// Poco refuses a number whose value is past a double's range (1e309, "Not a valid
// floating-point number"); the scanner refuses exponents that take a number past ±1e300 (or
// below 1e-300), which keeps every number it accepts inside that range with room to spare.
constexpr int kMaxExponent = 300;

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Recursive descent over the JSON grammar; every method returns false after recording the
// first error, which then unwinds the recursion.
class Scanner {
public:
    explicit Scanner(std::string_view s) : _s(s) {}

    std::optional<JsonSyntaxError> run() {
        skipSpace();
        // RFC 8259 allows a lone number or string, which Poco 1.11's parser cannot take ("Attempt
        // to set value on an empty stack"), and no document here is one.
        if (!atEnd() && _s[_pos] != '{' && _s[_pos] != '[')
            fail("tài liệu JSON phải là một đối tượng {…} hoặc mảng […], gặp " + shown());
        else if (value(0)) {
            skipSpace();
            if (_pos < _s.size())
                fail("có ký tự thừa " + shown() + " sau khi tài liệu đã kết thúc");
        }
        if (_message.empty())
            return std::nullopt;
        return locate();
    }

private:
    bool fail(std::string message) {
        if (_message.empty())
            _message = std::move(message);
        return false;
    }

    // Steps over the current byte; returns true so a closing bracket can end a rule.
    bool consume() {
        ++_pos;
        return true;
    }

    bool atEnd() const { return _pos >= _s.size(); }

    // The offending character for a message: the whole UTF-8 sequence, quoted.
    std::string shown() const {
        if (atEnd())
            return "(hết tệp)";
        std::size_t end = _pos + 1;
        while (end < _s.size() && (static_cast<unsigned char>(_s[end]) & 0xC0) == 0x80) ++end;
        return "'" + std::string(_s.substr(_pos, end - _pos)) + "'";
    }

    void skipSpace() {
        while (!atEnd() &&
               (_s[_pos] == ' ' || _s[_pos] == '\t' || _s[_pos] == '\n' || _s[_pos] == '\r'))
            ++_pos;
    }

    bool value(int depth) {
        if (atEnd())
            return fail("tài liệu kết thúc đột ngột, thiếu giá trị");
        if (++_values > kMaxJsonValues)
            return fail("tài liệu có quá nhiều giá trị (tối đa " + std::to_string(kMaxJsonValues) +
                        "); không yêu cầu nào cần nhiều như vậy");
        switch (_s[_pos]) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                return literal("true");
            case 'f':
                return literal("false");
            case 'n':
                return literal("null");
            default:
                if (_s[_pos] == '-' || isDigit(_s[_pos]))
                    return number();
                return fail("ký tự không mong đợi " + shown() + ", cần một giá trị");
        }
    }

    bool object(int depth) {
        if (depth > kMaxJsonDepth)
            return fail("cấu trúc lồng nhau quá sâu (tối đa " + std::to_string(kMaxJsonDepth) +
                        " cấp)");
        ++_pos;
        skipSpace();
        if (!atEnd() && _s[_pos] == '}')
            return consume();
        std::unordered_set<std::string_view> names;  // as written, quotes included
        while (true) {
            if (atEnd())
                return fail("tài liệu kết thúc đột ngột, thiếu dấu '}'");
            if (_s[_pos] != '"')
                return fail("cần tên trường trong dấu nháy kép, gặp " + shown());
            const std::size_t nameAt = _pos;
            if (!string())
                return false;
            const std::string_view name = _s.substr(nameAt, _pos - nameAt);
            if (!names.insert(name).second) {
                _pos = nameAt;
                return fail("trường " + std::string(name) + " lặp lại");
            }
            skipSpace();
            if (atEnd() || _s[_pos] != ':')
                return fail("thiếu dấu ':' sau tên trường");
            ++_pos;
            skipSpace();
            if (!value(depth))
                return false;
            skipSpace();
            if (atEnd())
                return fail("tài liệu kết thúc đột ngột, thiếu dấu '}'");
            if (_s[_pos] == '}')
                return consume();
            if (_s[_pos] != ',')
                return fail("cần dấu ',' hoặc '}', gặp " + shown());
            ++_pos;
            skipSpace();
        }
    }

    bool array(int depth) {
        if (depth > kMaxJsonDepth)
            return fail("cấu trúc lồng nhau quá sâu (tối đa " + std::to_string(kMaxJsonDepth) +
                        " cấp)");
        ++_pos;
        skipSpace();
        if (!atEnd() && _s[_pos] == ']')
            return consume();
        while (true) {
            if (!value(depth))
                return false;
            skipSpace();
            if (atEnd())
                return fail("tài liệu kết thúc đột ngột, thiếu dấu ']'");
            if (_s[_pos] == ']')
                return consume();
            if (_s[_pos] != ',')
                return fail("cần dấu ',' hoặc ']', gặp " + shown());
            ++_pos;
            skipSpace();
        }
    }

    bool string() {
        ++_pos;
        while (!atEnd()) {
            char c = _s[_pos];
            if (c == '"')
                return consume();
            if (static_cast<unsigned char>(c) < 0x20)
                return fail("ký tự điều khiển trong chuỗi (cần viết dạng \\n, \\t...)");
            if (c == '\\') {
                ++_pos;
                if (atEnd())
                    break;
                char e = _s[_pos];
                if (e == 'u') {
                    for (int i = 1; i <= 4; ++i)
                        if (_pos + i >= _s.size() || !isHex(_s[_pos + i]))
                            return fail("mã \\u phải có đúng 4 chữ số hex");
                    if (_s.substr(_pos + 1, 4) == "0000")
                        return fail("ký tự NUL (\\u0000) không được phép trong chuỗi");
                    if (!surrogatePaired())
                        return false;
                    _pos += 4;
                } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
                    return fail("ký tự thoát không hợp lệ \\" + std::string(1, e));
                }
            }
            ++_pos;
        }
        return fail("chuỗi chưa được đóng bằng dấu nháy kép");
    }

    // At the 'u' of a \\uXXXX escape: a UTF-16 surrogate must come as a high half followed by a
    // low half (\\uD83D\\uDE00, one character); either half alone is no character at all, and
    // Poco turns it into bytes that are not UTF-8 or refuses it with an English message.
    bool surrogatePaired() {
        const unsigned unit = std::stoul(std::string(_s.substr(_pos + 1, 4)), nullptr, 16);
        auto isLow = [&](std::size_t at) {
            if (at + 6 > _s.size() || _s[at] != '\\' || _s[at + 1] != 'u')
                return false;
            for (std::size_t i = at + 2; i < at + 6; ++i)
                if (!isHex(_s[i]))
                    return false;
            const unsigned next = std::stoul(std::string(_s.substr(at + 2, 4)), nullptr, 16);
            return next >= 0xDC00 && next <= 0xDFFF;
        };
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
            --_pos;
            return fail(
                "\\u" + std::string(_s.substr(_pos + 2, 4)) +
                " là nửa sau của một cặp UTF-16 (surrogate) đứng một mình, không phải ký tự");
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            if (!isLow(_pos + 5)) {
                --_pos;
                return fail("\\u" + std::string(_s.substr(_pos + 2, 4)) +
                            " là nửa đầu của một cặp UTF-16 (surrogate) nhưng thiếu nửa sau "
                            "\\uDC00–\\uDFFF");
            }
            _pos += 6;  // the low half, checked
        }
        return true;
    }

    bool number() {
        const std::size_t start = _pos;
        std::size_t integerDigits = 0;
        if (_s[_pos] == '-')
            ++_pos;
        if (atEnd() || !isDigit(_s[_pos]))
            return fail("số không hợp lệ, cần chữ số sau dấu '-'");
        if (_s[_pos] == '0') {
            ++_pos;
        } else {
            const std::size_t first = _pos;
            while (!atEnd() && isDigit(_s[_pos])) ++_pos;
            integerDigits = _pos - first;
            // Poco's parser wraps some integers past 2^64 round to small ones; no field here
            // holds a number of more than 15 digits.
            if (_pos - first > kMaxIntegerDigits) {
                _pos = first;
                return fail("số quá lớn (quá " + std::to_string(kMaxIntegerDigits) + " chữ số)");
            }
        }
        if (!atEnd() && _s[_pos] == '.') {
            ++_pos;
            if (atEnd() || !isDigit(_s[_pos]))
                return fail("số không hợp lệ, cần chữ số sau dấu '.' (dấu thập phân là dấu chấm)");
            while (!atEnd() && isDigit(_s[_pos])) ++_pos;
        }
        if (!atEnd() && (_s[_pos] == 'e' || _s[_pos] == 'E')) {
            ++_pos;
            if (!atEnd() && (_s[_pos] == '+' || _s[_pos] == '-'))
                ++_pos;
            if (atEnd() || !isDigit(_s[_pos]))
                return fail("số mũ không hợp lệ");
            const bool negative = _s[_pos - 1] == '-';
            long exponent = 0;
            for (; !atEnd() && isDigit(_s[_pos]); ++_pos)
                exponent = std::min<long>(exponent * 10 + (_s[_pos] - '0'), 100'000);
            // A number with d integer digits and exponent e is below 10^(d + e), so this keeps
            // every accepted one below 1e301.
            const long digitsBefore = integerDigits > 0 ? static_cast<long>(integerDigits) - 1 : 0;
            if (exponent + (negative ? 0 : digitsBefore) > kMaxExponent) {
                _pos = start;
                return fail("số quá " + std::string(negative ? "nhỏ" : "lớn") +
                            " (số mũ vượt quá " + std::string(negative ? "-" : "") +
                            std::to_string(kMaxExponent) + ")");
            }
        }
        return true;
    }

    bool literal(std::string_view word) {
        if (_s.substr(_pos, word.size()) != word)
            return fail("ký tự không mong đợi " + shown() + ", cần một giá trị");
        _pos += word.size();
        return true;
    }

    JsonSyntaxError locate() const {
        JsonSyntaxError e;
        e.offset = _pos;
        e.message = _message;
        for (std::size_t i = 0; i < _pos && i < _s.size(); ++i) {
            if (_s[i] == '\n') {
                ++e.line;
                e.column = 1;
            } else if ((static_cast<unsigned char>(_s[i]) & 0xC0) != 0x80) {
                ++e.column;
            }
        }
        return e;
    }

    std::string_view _s;
    std::size_t _pos = 0;
    std::size_t _values = 0;
    std::string _message;
};

}  // namespace

std::optional<JsonSyntaxError> findJsonSyntaxError(std::string_view text) {
    return Scanner(text).run();
}

std::optional<ErrorDetail> jsonSyntaxDetail(std::string_view text) {
    auto where = findJsonSyntaxError(text);
    if (!where)
        return std::nullopt;
    return ErrorDetail{"$", "JSON không hợp lệ ở dòng " + std::to_string(where->line) + ", cột " +
                                std::to_string(where->column) + ": " + where->message};
}

std::optional<int> findInvalidUtf8Line(std::string_view text) {
    // A newline byte never occurs inside a multi-byte UTF-8 sequence, so lines can be checked
    // one by one.
    int line = 1;
    while (true) {
        std::size_t nl = text.find('\n');
        if (!text::isValidUtf8(text.substr(0, nl)))
            return line;
        if (nl == std::string_view::npos)
            return std::nullopt;
        text.remove_prefix(nl + 1);
        ++line;
    }
}

}  // namespace kc
