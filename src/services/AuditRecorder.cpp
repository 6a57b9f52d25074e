#include "services/AuditRecorder.h"

#include "services/JsonViews.h"

namespace kc {

void AuditRecorder::record(Transaction& tx, const std::string& actor, const std::string& action,
                           const std::string& entity, const std::string& entityId,
                           const Poco::JSON::Object::Ptr& before,
                           const Poco::JSON::Object::Ptr& after) const {
    AuditEntry e;
    e.at = _clock.now();
    e.actor = actor;
    e.action = action;
    e.entity = entity;
    e.entityId = entityId;
    e.before = before ? json::stringify(before) : "";
    e.after = after ? json::stringify(after) : "";
    tx.audit().append(std::move(e));
}

}  // namespace kc
