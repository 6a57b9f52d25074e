#include "http/JsonText.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/UTF8String.h>

#include <sstream>

#include "core/Text.h"

namespace kc::http {

namespace {

bool needsEscape(char c) {
    return (c >= 0 && c <= 31) || c == '"' || c == '\\';
}

void appendObject(std::string& out, const Poco::JSON::Object& o) {
    out += '{';
    // getNames() follows the object's order (insertion order for JSON_PRESERVE_KEY_ORDER);
    // walking the sorted map alongside avoids copying each value when the orders agree.
    auto member = o.begin();
    bool first = true;
    for (const std::string& name : o.getNames()) {
        if (!first)
            out += ',';
        first = false;
        appendJsonString(out, name);
        out += ':';
        if (member != o.end() && member->first == name)
            appendJsonValue(out, member->second);
        else
            appendJsonValue(out, o.get(name));
        if (member != o.end())
            ++member;
    }
    out += '}';
}

void appendArray(std::string& out, const Poco::JSON::Array& a) {
    out += '[';
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (it != a.begin())
            out += ',';
        appendJsonValue(out, *it);
    }
    out += ']';
}

}  // namespace

void appendJsonString(std::string& out, std::string_view s) {
    if (!text::isValidUtf8(s)) {
        // Text echoed from a request (a path's decoded bytes) may not be UTF-8; the reply must
        // stay valid JSON all the same.
        appendJsonString(out, text::toValidUtf8(s));
        return;
    }
    out += '"';
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!needsEscape(s[i]))
            continue;
        out.append(s.data() + run, i - run);
        // Rare: let Poco spell the escape, so the bytes are exactly its own.
        std::string one(1, s[i]);
        out += Poco::UTF8::escape(one.cbegin(), one.cend(), true);
        run = i + 1;
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

void appendJsonValue(std::string& out, const Poco::Dynamic::Var& v) {
    const std::type_info& t = v.type();
    if (t == typeid(Poco::JSON::Object::Ptr))
        appendObject(out, *v.extract<Poco::JSON::Object::Ptr>());
    else if (t == typeid(Poco::JSON::Array::Ptr))
        appendArray(out, *v.extract<Poco::JSON::Array::Ptr>());
    else if (t == typeid(Poco::JSON::Object))
        appendObject(out, v.extract<Poco::JSON::Object>());
    else if (t == typeid(Poco::JSON::Array))
        appendArray(out, v.extract<Poco::JSON::Array>());
    else if (v.isEmpty())
        out += "null";
    else if (t == typeid(std::string))
        appendJsonString(out, v.extract<std::string>());
    else if ((v.isNumeric() || v.isBoolean()) && t != typeid(char))
        out += v.convert<std::string>();
    else {  // chars, dates and other rarities: Poco's own rules
        std::ostringstream s;
        Poco::JSON::Stringifier::stringify(v, s);
        out += s.str();
    }
}

std::string jsonText(const Poco::Dynamic::Var& v) {
    std::string out;
    appendJsonValue(out, v);
    return out;
}

void appendHundredths(std::string& out, std::int64_t hundredths) {
    if (hundredths <= -1'000'000'000'000 || hundredths >= 1'000'000'000'000) {
        out += Poco::Dynamic::Var(static_cast<double>(hundredths) / 100.0).convert<std::string>();
        return;
    }
    std::uint64_t h = static_cast<std::uint64_t>(hundredths < 0 ? -hundredths : hundredths);
    if (hundredths < 0)
        out += '-';
    out += std::to_string(h / 100);
    if (const unsigned f = static_cast<unsigned>(h % 100)) {
        out += '.';
        out += static_cast<char>('0' + f / 10);
        if (f % 10)
            out += static_cast<char>('0' + f % 10);
    }
}

}  // namespace kc::http
