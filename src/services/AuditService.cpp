#include "services/AuditService.h"

#include <algorithm>

namespace kc {

Result<std::vector<AuditEntry>> AuditService::list(Id afterId, int limit) {
    limit = std::clamp(limit, 1, 1000);
    return _store.read([&](Transaction& tx) -> Result<std::vector<AuditEntry>> {
        return tx.audit().list(afterId, limit);
    });
}

Result<AuditService::Verification> AuditService::verify() {
    return _store.read([&](Transaction& tx) -> Result<Verification> {
        // Page through the chain so a large log never sits in memory whole.
        Verification v;
        Id after = 0;
        std::string prevHash = kGenesisHash;
        while (true) {
            auto page = tx.audit().list(after, 1000);
            if (page.empty()) break;
            for (auto& p : verifyAuditChain(page, prevHash)) v.problems.push_back(std::move(p));
            v.entries += page.size();
            after = page.back().id;
            prevHash = page.back().hash;
        }
        return v;
    });
}

}  // namespace kc
