#pragma once

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
    // entries were checked.
    struct Verification {
        std::size_t entries = 0;
        std::vector<ErrorDetail> problems;
    };
    Result<Verification> verify();

private:
    Store& _store;
};

}  // namespace kc
