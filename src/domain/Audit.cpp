#include "domain/Audit.h"

#include "core/Sha256.h"

namespace kc {

std::string auditEntryHash(const AuditEntry& e) {
    // Length-prefix each field so that no two different entries serialise alike.
    Sha256 h;
    auto field = [&](const std::string& s) {
        h.update(std::to_string(s.size()) + ":");
        h.update(s);
    };
    field(e.prevHash);
    field(std::to_string(e.id));
    field(formatIso(e.at));
    field(e.actor);
    field(e.action);
    field(e.entity);
    field(e.entityId);
    field(e.before);
    field(e.after);
    return h.hexDigest();
}

std::vector<ErrorDetail> verifyAuditChain(const std::vector<AuditEntry>& entries,
                                          const std::string& prevHash) {
    std::vector<ErrorDetail> problems;
    std::string prev = prevHash;
    for (const AuditEntry& e : entries) {
        std::string where = "audit #" + std::to_string(e.id);
        if (e.prevHash != prev)
            problems.push_back({where, "liên kết với bản ghi trước bị đứt (bản ghi bị xóa hoặc chèn)"});
        if (auditEntryHash(e) != e.hash)
            problems.push_back({where, "nội dung không khớp mã băm (bản ghi bị sửa)"});
        prev = e.hash;
    }
    return problems;
}

}  // namespace kc
