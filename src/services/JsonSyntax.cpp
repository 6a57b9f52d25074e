#include "services/JsonSyntax.h"

#include <unordered_set>

#include "core/Text.h"

namespace kc {

namespace {

constexpr std::size_t kMaxIntegerDigits = 15;

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
        if (value(0)) {
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
                    _pos += 4;
                } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
                    return fail("ký tự thoát không hợp lệ \\" + std::string(1, e));
                }
            }
            ++_pos;
        }
        return fail("chuỗi chưa được đóng bằng dấu nháy kép");
    }

    bool number() {
        if (_s[_pos] == '-')
            ++_pos;
        if (atEnd() || !isDigit(_s[_pos]))
            return fail("số không hợp lệ, cần chữ số sau dấu '-'");
        if (_s[_pos] == '0') {
            ++_pos;
        } else {
            const std::size_t first = _pos;
            while (!atEnd() && isDigit(_s[_pos])) ++_pos;
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
            while (!atEnd() && isDigit(_s[_pos])) ++_pos;
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
