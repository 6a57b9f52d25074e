#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "core/Error.h"
#include "core/Points.h"
#include "core/ProblemList.h"

namespace kc {

// Reads typed fields out of a parsed Poco JSON tree while collecting every problem instead of
// stopping at the first. Each accessor takes the object, the JSON path of that object ("$",
// "$.areas[2]") and a key; on a problem it records an ErrorDetail at "<path>.<key>" with a
// Vietnamese message and returns nullopt / null, so the caller simply carries on.
//
// Absent and null fields are the same thing: nullopt, reported only when `required`.
// Texts must be JSON strings of well-formed UTF-8 and come back NFC-normalised. Numbers
// become Points exactly (Points::fromDouble; more than two decimals is a problem). Booleans
// are never accepted as numbers, nor numbers as booleans.
//
// Not thread-safe (one reader per document).
class JsonFieldReader {
public:
    using Keys = std::initializer_list<std::string_view>;

    void add(std::string path, std::string message);
    bool hasProblems() const { return !_problems.empty(); }
    // At most ProblemList::kMaxListed, then one detail for the rest.
    std::vector<ErrorDetail> takeProblems() { return _problems.take(); }

    std::optional<std::string> text(const Poco::JSON::Object& o, const std::string& path,
                                    const std::string& key, bool required);
    std::optional<Points> points(const Poco::JSON::Object& o, const std::string& path,
                                 const std::string& key, bool required);
    std::optional<bool> flag(const Poco::JSON::Object& o, const std::string& path,
                             const std::string& key, bool required);
    // An integer that fits in an int.
    std::optional<int> integer(const Poco::JSON::Object& o, const std::string& path,
                               const std::string& key, bool required);
    Poco::JSON::Array::Ptr array(const Poco::JSON::Object& o, const std::string& path,
                                 const std::string& key, bool required);
    Poco::JSON::Object::Ptr object(const Poco::JSON::Object& o, const std::string& path,
                                   const std::string& key, bool required);

    // The same conversions for a bare value (an array element) located at `path`.
    std::optional<std::string> asText(const Poco::Dynamic::Var& v, const std::string& path);
    Poco::JSON::Object::Ptr asObject(const Poco::Dynamic::Var& v, const std::string& path);

    // Reports keys of `o` that are neither in `known` nor in `accepted` but look like a typo of
    // a known key: one edit away, or two when both keys have 8+ characters ("evidence_requred").
    // Other unknown keys are descriptive extras and are ignored.
    void checkTypos(const Poco::JSON::Object& o, const std::string& path, Keys known,
                    Keys accepted = {});

    // The known key closest to `key` within the typo distance above, or empty.
    static std::string nearestKey(std::string_view key, Keys known);

private:
    // The value of o[key], or nullopt (reported when required) when absent or null.
    std::optional<Poco::Dynamic::Var> field(const Poco::JSON::Object& o, const std::string& path,
                                            const std::string& key, bool required);
    void wrongType(const std::string& path, const char* expected, const Poco::Dynamic::Var& v);

    ProblemList _problems;
};

}  // namespace kc
