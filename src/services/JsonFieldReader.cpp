#include "services/JsonFieldReader.h"

#include <algorithm>
#include <limits>

#include <Poco/Exception.h>

#include "core/Text.h"

namespace kc {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

std::string describeType(const Var& v) {
    if (v.isEmpty())
        return "null";
    if (v.type() == typeid(Object::Ptr))
        return "đối tượng";
    if (v.type() == typeid(Array::Ptr))
        return "mảng";
    if (v.isString())
        return "chuỗi";
    // Checked before isNumeric(): Poco reports booleans as numeric.
    if (v.isBoolean())
        return "true/false";
    if (v.isNumeric())
        return "số";
    return "giá trị khác";
}

// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

}  // namespace

void JsonFieldReader::add(std::string path, std::string message) {
    _problems.push_back({std::move(path), std::move(message)});
}

void JsonFieldReader::wrongType(const std::string& path, const char* expected, const Var& v) {
    add(path, std::string("Phải là ") + expected + " (đang là " + describeType(v) + ")");
}

std::optional<Var> JsonFieldReader::field(const Object& o, const std::string& path,
                                          const std::string& key, bool required) {
    if (!o.has(key) || o.isNull(key)) {
        if (required)
            add(path + "." + key, "Thiếu trường bắt buộc \"" + key + "\"");
        return std::nullopt;
    }
    return o.get(key);
}

std::optional<std::string> JsonFieldReader::asText(const Var& v, const std::string& path) {
    if (!v.isString()) {
        wrongType(path, "chuỗi văn bản", v);
        return std::nullopt;
    }
    const auto& s = v.extract<std::string>();
    if (!text::isValidUtf8(s)) {
        add(path, "Văn bản không phải UTF-8 hợp lệ");
        return std::nullopt;
    }
    std::string nfc = text::toNfc(s);
    if (std::string why = text::lengthProblem(nfc); !why.empty()) {
        add(path, why);
        return std::nullopt;
    }
    return nfc;
}

Object::Ptr JsonFieldReader::asObject(const Var& v, const std::string& path) {
    if (v.type() != typeid(Object::Ptr)) {
        wrongType(path, "đối tượng JSON {...}", v);
        return nullptr;
    }
    return v.extract<Object::Ptr>();
}

std::optional<std::string> JsonFieldReader::text(const Object& o, const std::string& path,
                                                 const std::string& key, bool required) {
    auto v = field(o, path, key, required);
    return v ? asText(*v, path + "." + key) : std::nullopt;
}

std::optional<Points> JsonFieldReader::points(const Object& o, const std::string& path,
                                              const std::string& key, bool required) {
    auto v = field(o, path, key, required);
    if (!v)
        return std::nullopt;
    std::string at = path + "." + key;
    if (v->isBoolean() || !v->isNumeric()) {
        wrongType(at, "số", *v);
        return std::nullopt;
    }
    double d = 0;
    try {
        d = v->convert<double>();
    } catch (const Poco::Exception&) {
        add(at, "Số không hợp lệ");
        return std::nullopt;
    }
    auto p = Points::fromDouble(d);
    if (!p) {
        add(at, p.error().message);
        return std::nullopt;
    }
    return *p;
}

std::optional<bool> JsonFieldReader::flag(const Object& o, const std::string& path,
                                          const std::string& key, bool required) {
    auto v = field(o, path, key, required);
    if (!v)
        return std::nullopt;
    if (!v->isBoolean()) {
        wrongType(path + "." + key, "true hoặc false", *v);
        return std::nullopt;
    }
    return v->extract<bool>();
}

std::optional<int> JsonFieldReader::integer(const Object& o, const std::string& path,
                                            const std::string& key, bool required) {
    auto v = field(o, path, key, required);
    if (!v)
        return std::nullopt;
    std::string at = path + "." + key;
    if (v->isBoolean() || !v->isInteger()) {
        wrongType(at, "số nguyên", *v);
        return std::nullopt;
    }
    try {
        auto n = v->convert<Poco::Int64>();
        if (n >= std::numeric_limits<int>::min() && n <= std::numeric_limits<int>::max())
            return static_cast<int>(n);
    } catch (const Poco::Exception&) {
        // An unsigned value past Int64: reported below like any other out-of-range number.
    }
    add(at, "Số nguyên quá lớn");
    return std::nullopt;
}

Array::Ptr JsonFieldReader::array(const Object& o, const std::string& path, const std::string& key,
                                  bool required) {
    auto v = field(o, path, key, required);
    if (!v)
        return nullptr;
    if (v->type() != typeid(Array::Ptr)) {
        wrongType(path + "." + key, "mảng [...]", *v);
        return nullptr;
    }
    return v->extract<Array::Ptr>();
}

Object::Ptr JsonFieldReader::object(const Object& o, const std::string& path,
                                    const std::string& key, bool required) {
    auto v = field(o, path, key, required);
    return v ? asObject(*v, path + "." + key) : nullptr;
}

std::string JsonFieldReader::nearestKey(std::string_view key, Keys known) {
    std::string best;
    std::size_t bestDistance = std::numeric_limits<std::size_t>::max();
    for (std::string_view k : known) {
        std::size_t limit = key.size() >= 8 && k.size() >= 8 ? 2 : 1;
        std::size_t d = editDistance(key, k);
        if (d <= limit && d < bestDistance) {
            best = std::string(k);
            bestDistance = d;
        }
    }
    return best;
}

void JsonFieldReader::checkTypos(const Object& o, const std::string& path, Keys known,
                                 Keys accepted) {
    for (const auto& [key, value] : o) {
        auto isIn = [&](Keys keys) {
            return std::find(keys.begin(), keys.end(), key) != keys.end();
        };
        if (isIn(known) || isIn(accepted))
            continue;
        std::string nearest = nearestKey(key, known);
        if (!nearest.empty())
            add(path + "." + key,
                "Trường \"" + key + "\" không được hỗ trợ; có phải là \"" + nearest + "\"?");
    }
}

}  // namespace kc
