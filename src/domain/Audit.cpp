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

std::string formatAuditHead(const AuditHead& head) {
    return std::to_string(head.id) + ":" + head.hash;
}

std::optional<AuditHead> parseAuditHead(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon > 18)
        return std::nullopt;
    AuditHead head;
    for (char c : text.substr(0, colon)) {
        if (c < '0' || c > '9')
            return std::nullopt;
        head.id = head.id * 10 + (c - '0');
    }
    head.hash = text.substr(colon + 1);
    const bool hex = head.hash.size() == 64 &&
                     head.hash.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (head.id <= 0 || !hex)
        return std::nullopt;
    return head;
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
