#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Clock.h"
#include "core/Error.h"
#include "domain/Entities.h"

namespace kc {

// One state change. Entries form a hash chain: hash = SHA-256 over the previous entry's hash and
// this entry's fields, so an edited, inserted or deleted row breaks every later link.
struct AuditEntry {
    Id id = 0;
    TimePoint at{};
    std::string actor;     // user name, "system" for CLI actions, "anonymous" for failed logins
    std::string action;    // e.g. "user.create", "criteria.import"
    std::string entity;    // e.g. "user", "criteria_set"
    std::string entityId;  // the entity's natural key
    std::string before;    // JSON summary, "" when created
    std::string after;     // JSON summary, "" when deleted
    std::string prevHash;  // 64 hex; 64 zeros for the first entry
    std::string hash;
};

inline const std::string kGenesisHash(64, '0');

// The last entry of the log as an operator records it (printed by `verify-audit`, "ID:HASH"):
// since each hash covers every entry before it, finding that entry later with the same hash in
// an intact chain shows that nothing up to it has changed since.
struct AuditHead {
    Id id = 0;
    std::string hash;
};

// "ID:HASH" as verify-audit prints and takes it.
std::string formatAuditHead(const AuditHead& head);
// nullopt unless text is a positive id, ':' and 64 lower-case hex digits.
std::optional<AuditHead> parseAuditHead(const std::string& text);

// The entry's hash given its prevHash and fields (id is included, so rows cannot be reordered).
std::string auditEntryHash(const AuditEntry& e);

// Re-computes the chain over entries in id order and collects every broken link (a row whose
// hash does not match its content, or whose prevHash is not the previous row's hash).
// prevHash is the hash of the entry before entries.front() (genesis for the whole log), so a
// long log can be verified page by page.
std::vector<ErrorDetail> verifyAuditChain(const std::vector<AuditEntry>& entries,
                                          const std::string& prevHash = kGenesisHash);

}  // namespace kc
