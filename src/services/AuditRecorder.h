#pragma once

#include <Poco/JSON/Object.h>

#include <string>

#include "core/Clock.h"
#include "domain/Store.h"

namespace kc {

// Appends audit entries inside the caller's transaction, so a change and its record commit or
// roll back together.
class AuditRecorder {
public:
    explicit AuditRecorder(const Clock& clock) : _clock(clock) {}

    // before/after may be null (creation / deletion).
    void record(Transaction& tx, const std::string& actor, const std::string& action,
                const std::string& entity, const std::string& entityId,
                const Poco::JSON::Object::Ptr& before, const Poco::JSON::Object::Ptr& after) const;

private:
    const Clock& _clock;
};

}  // namespace kc
