#include "services/AuditService.h"

#include <algorithm>

namespace kc {

Result<std::vector<AuditEntry>> AuditService::list(Id afterId, int limit) {
    limit = std::clamp(limit, 1, 1000);
    return _store.read([&](Transaction& tx) -> Result<std::vector<AuditEntry>> {
        return tx.audit().list(afterId, limit);
    });
}

Result<AuditService::Verification> AuditService::verify(const std::optional<AuditHead>& recorded) {
    return _store.read([&](Transaction& tx) -> Result<Verification> {
        // Page through the chain so a large log never sits in memory whole.
        Verification v;
        Id after = 0;
        std::string prevHash = kGenesisHash;
        std::optional<std::string> recordedNow;  // the hash the recorded head's id has now
        while (true) {
            auto page = tx.audit().list(after, 1000);
            if (page.empty()) break;
            for (auto& p : verifyAuditChain(page, prevHash)) v.problems.push_back(std::move(p));
            for (const AuditEntry& e : page)
                if (recorded && e.id == recorded->id)
                    recordedNow = e.hash;
            v.entries += page.size();
            after = page.back().id;
            prevHash = page.back().hash;
            v.head = AuditHead{page.back().id, page.back().hash};
        }
        if (recorded && !recordedNow)
            v.problems.push_back({"audit #" + std::to_string(recorded->id),
                                  "bản ghi đầu chuỗi đã ghi lại không còn trong nhật ký (bị xóa)"});
        else if (recorded && *recordedNow != recorded->hash)
            v.problems.push_back({"audit #" + std::to_string(recorded->id),
                                  "mã băm khác với mã đã ghi lại (nhật ký đến bản ghi này đã bị "
                                  "sửa và băm lại)"});
        return v;
    });
}

}  // namespace kc
