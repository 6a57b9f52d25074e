#include "storage/Sql.h"
#include "storage/SqlRepositories.h"

namespace kc {

Id SqlAuditRepository::append(AuditEntry e) {
    // Writers hold the database write lock (BEGIN IMMEDIATE), so the newest row cannot change
    // between reading it and inserting after it.
    auto last = sql::query(_s, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    e.id = last.empty() ? 1 : last.front().integer(0) + 1;
    e.prevHash = last.empty() ? kGenesisHash : last.front().text(1);
    e.hash = auditEntryHash(e);
    sql::exec(_s,
              "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before_json, "
              "after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {sql::integer(e.id), formatIso(e.at), e.actor, e.action, e.entity, e.entityId,
               e.before, e.after, e.prevHash, e.hash});
    return e.id;
}

std::vector<AuditEntry> SqlAuditRepository::list(Id afterId, int limit) {
    std::vector<AuditEntry> out;
    auto rows = sql::query(_s,
                           "SELECT id, at, actor, action, entity, entity_id, before_json, "
                           "after_json, prev_hash, hash FROM audit_log WHERE id > ? ORDER BY id "
                           "LIMIT ?",
                           {sql::integer(afterId), sql::integer(limit)});
    for (const auto& r : rows) {
        AuditEntry e;
        e.id = r.integer(0);
        e.at = r.time(1);
        e.actor = r.text(2);
        e.action = r.text(3);
        e.entity = r.text(4);
        e.entityId = r.text(5);
        e.before = r.text(6);
        e.after = r.text(7);
        e.prevHash = r.text(8);
        e.hash = r.text(9);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace kc
