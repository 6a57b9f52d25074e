#include "domain/Audit.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

std::vector<AuditEntry> chainOf(int n) {
    std::vector<AuditEntry> out;
    std::string prev = kGenesisHash;
    for (int i = 1; i <= n; ++i) {
        AuditEntry e;
        e.id = i;
        e.at = *parseIso("2022-11-28T08:00:00Z");
        e.actor = "admin";
        e.action = "unit.create";
        e.entity = "unit";
        e.entityId = "U" + std::to_string(i);
        e.after = "{\"name\":\"UBND xã Phúc Khánh\"}";
        e.prevHash = prev;
        e.hash = auditEntryHash(e);
        prev = e.hash;
        out.push_back(e);
    }
    return out;
}

TEST(AuditTest, IntactChainVerifies) { EXPECT_TRUE(verifyAuditChain(chainOf(5)).empty()); }

TEST(AuditTest, DetectsEditedRow) {
    auto chain = chainOf(5);
    chain[2].after = "{\"name\":\"sửa\"}";
    auto problems = verifyAuditChain(chain);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].path, "audit #3");
}

TEST(AuditTest, DetectsDeletedRow) {
    auto chain = chainOf(5);
    chain.erase(chain.begin() + 1);
    auto problems = verifyAuditChain(chain);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].path, "audit #3");
}

TEST(AuditTest, DetectsRecomputedHashOfEditedRow) {
    // An attacker who edits a row and recomputes its hash still breaks the next link.
    auto chain = chainOf(4);
    chain[1].actor = "someone";
    chain[1].hash = auditEntryHash(chain[1]);
    auto problems = verifyAuditChain(chain);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].path, "audit #3");
}

}  // namespace
}  // namespace kc
