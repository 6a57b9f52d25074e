#pragma once

#include <Poco/JSON/Object.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "core/Clock.h"
#include "core/Error.h"

namespace kc::http {

// Reads typed fields from a request object and collects every problem (missing, wrong type,
// unknown field) so the client hears about all of them at once. Text is NFC-normalised.
class JsonFields {
public:
    // Every key of obj must be one of allowed; others are reported as unknown fields.
    JsonFields(Poco::JSON::Object::Ptr obj, std::initializer_list<const char*> allowed);

    std::string requiredString(const std::string& key);
    std::optional<std::string> optionalString(const std::string& key);
    int requiredInt(const std::string& key);
    std::optional<int> optionalInt(const std::string& key);
    std::optional<bool> optionalBool(const std::string& key);
    std::optional<TimePoint> optionalTime(const std::string& key);  // "YYYY-MM-DD[THH:MM:SSZ]"
    std::vector<std::string> requiredStrings(const std::string& key);
    // True when key is present with the value null (a PATCH clearing a field); the optional*
    // readers give nullopt for it as for an absent key.
    bool isNull(const std::string& key) const;

    bool ok() const { return _problems.empty(); }
    Error error() const { return Error::invalid("Dữ liệu gửi lên không hợp lệ", _problems); }

private:
    void problem(const std::string& key, const std::string& message);
    Poco::JSON::Object::Ptr _obj;
    std::vector<ErrorDetail> _problems;
};

}  // namespace kc::http
