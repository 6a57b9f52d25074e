#include "http/JsonFields.h"

#include <algorithm>
#include <cstring>

#include "core/Text.h"

namespace kc::http {

JsonFields::JsonFields(Poco::JSON::Object::Ptr obj, std::initializer_list<const char*> allowed)
    : _obj(std::move(obj)) {
    for (const auto& [key, value] : *_obj) {
        bool known = std::any_of(allowed.begin(), allowed.end(),
                                 [&](const char* a) { return key == a; });
        if (!known) problem(key, "Trường không được hỗ trợ");
    }
}

void JsonFields::problem(const std::string& key, const std::string& message) {
    _problems.push_back({"$." + key, message});
}

std::optional<std::string> JsonFields::optionalString(const std::string& key) {
    if (!_obj->has(key) || _obj->isNull(key)) return std::nullopt;
    Poco::Dynamic::Var v = _obj->get(key);
    if (!v.isString()) {
        problem(key, "Phải là chuỗi ký tự");
        return std::nullopt;
    }
    std::string s = text::toNfc(v.extract<std::string>());
    if (std::string why = text::lengthProblem(s); !why.empty()) {
        problem(key, why);
        return std::nullopt;
    }
    return s;
}

std::string JsonFields::requiredString(const std::string& key) {
    if (!_obj->has(key) || _obj->isNull(key)) {
        problem(key, "Thiếu trường bắt buộc");
        return {};
    }
    return optionalString(key).value_or("");
}

std::optional<int> JsonFields::optionalInt(const std::string& key) {
    if (!_obj->has(key) || _obj->isNull(key)) return std::nullopt;
    Poco::Dynamic::Var v = _obj->get(key);
    if (!v.isInteger() || v.isBoolean()) {  // Poco counts bool among the integers
        problem(key, "Phải là số nguyên");
        return std::nullopt;
    }
    Poco::Int64 i = v.convert<Poco::Int64>();
    if (i < -1000000000 || i > 1000000000) {
        problem(key, "Số quá lớn");
        return std::nullopt;
    }
    return static_cast<int>(i);
}

bool JsonFields::isNull(const std::string& key) const {
    return _obj->has(key) && _obj->isNull(key);
}

int JsonFields::requiredInt(const std::string& key) {
    if (!_obj->has(key) || _obj->isNull(key)) {
        problem(key, "Thiếu trường bắt buộc");
        return 0;
    }
    return optionalInt(key).value_or(0);
}

std::optional<bool> JsonFields::optionalBool(const std::string& key) {
    if (!_obj->has(key) || _obj->isNull(key)) return std::nullopt;
    Poco::Dynamic::Var v = _obj->get(key);
    if (!v.isBoolean()) {
        problem(key, "Phải là true hoặc false");
        return std::nullopt;
    }
    return v.extract<bool>();
}

std::optional<TimePoint> JsonFields::optionalTime(const std::string& key) {
    auto s = optionalString(key);
    if (!s) return std::nullopt;
    auto t = parseIso(*s);
    if (!t) problem(key, "Ngày không hợp lệ (dạng YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM:SSZ)");
    return t;
}

std::vector<std::string> JsonFields::requiredStrings(const std::string& key) {
    std::vector<std::string> out;
    if (!_obj->has(key) || _obj->isNull(key)) {
        problem(key, "Thiếu trường bắt buộc");
        return out;
    }
    auto arr = _obj->getArray(key);
    if (!arr) {
        problem(key, "Phải là mảng chuỗi ký tự");
        return out;
    }
    for (std::size_t i = 0; i < arr->size(); ++i) {
        Poco::Dynamic::Var v = arr->get(i);
        if (!v.isString()) {
            problem(key + "[" + std::to_string(i) + "]", "Phải là chuỗi ký tự");
            continue;
        }
        out.push_back(text::toNfc(v.extract<std::string>()));
        if (std::string why = text::lengthProblem(out.back()); !why.empty())
            problem(key + "[" + std::to_string(i) + "]", why);
    }
    return out;
}

}  // namespace kc::http
