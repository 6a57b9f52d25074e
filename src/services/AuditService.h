#pragma once

#include <optional>
#include <vector>

#include "core/Result.h"
#include "domain/Store.h"

namespace kc {

// Reads and verifies the append-only audit log.
class AuditService {
public:
    explicit AuditService(Store& store) : _store(store) {}

    // Entries after afterId in id order; limit is clamped to 1..1000.
    Result<std::vector<AuditEntry>> list(Id afterId, int limit);

    // Re-computes the whole hash chain; every broken link is one detail. Also returns how many
    // entries were checked and the last one (the head; none for an empty log). With recorded
    // (a head noted earlier, e.g. with a backup), that entry must still be there with the same
    // hash, else one more detail: together with an intact chain this shows that no entry up to
    // it was changed, even by someone who re-computed the hashes. Entries after it are covered
    // only by the chain itself.
    struct Verification {
        std::size_t entries = 0;
        std::vector<ErrorDetail> problems;
        std::optional<AuditHead> head;
    };
    Result<Verification> verify(const std::optional<AuditHead>& recorded = std::nullopt);

private:
    Store& _store;
};

}  // namespace kc
