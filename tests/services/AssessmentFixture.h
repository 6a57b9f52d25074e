#pragma once

// A real SQLite store in a temporary directory with the demo's 2022 period, two communes
// (XA16, XA02) with the sample criteria set for unit type "xa", the reviewer "thamdinh"
// assigned areas 1 and 2, and the workflow services over a ManualClock.

#include <gtest/gtest.h>


#include "TempDir.h"
#include "services/CommuneSeed.h"
#include "services/AccountService.h"
#include "services/AssessmentService.h"
#include "services/CompletenessService.h"
#include "services/PasswordHasher.h"
#include "storage/SqlStore.h"

namespace kc::test {

inline TimePoint at(const char* iso) {
    return *parseIso(iso);
}

inline const Actor kSystem{0, "system", Role::Admin, std::nullopt};
inline const Actor kUnit{10, "xaphuckhanh", Role::Unit, std::string("XA16")};
inline const Actor kOtherUnit{11, "xabaoha", Role::Unit, std::string("XA02")};
inline const Actor kReviewer{12, "thamdinh", Role::Reviewer, std::nullopt};
inline const Actor kClerk{13, "vanthu", Role::Clerk, std::nullopt};

class AssessmentFixture : public ::testing::Test {
protected:
    AssessmentFixture()
        : clock(at("2022-12-01T03:00:00Z")),
          store(SqlStore::openSqlite(dir.file("kc.db"))),
          cache(std::make_shared<CriteriaCache>()),
          assessment(*store, clock, cache),
          completeness(*store, clock, cache) {
        seedCommunes(*store, clock, kSystem);
        PasswordHasher hasher(1000);
        AccountService accounts(*store, clock, hasher);
        EXPECT_TRUE(accounts
                        .createUser(kSystem, NewUser{"thamdinh", "Tổ thẩm định", Role::Reviewer,
                                                     std::nullopt, "thamdinh@KiemChung2022"})
                        .ok());
        EXPECT_TRUE(accounts.assign(kSystem, 2022, "thamdinh", {"1", "2"}).ok());
    }

    static ScoreInput input(const char* score, int version = 0, const char* text = "") {
        ScoreInput in;
        in.entry.score = *Points::parse(score);
        in.text = text;
        in.version = version;
        return in;
    }

    Result<AssessmentItem> self(const std::string& sub, const char* score, int version = 0) {
        return assessment.score(kUnit, 2022, "XA16", sub, ScoreRound::Self,
                                input(score, version, "Đã ban hành"));
    }

    std::size_t auditCount(const std::string& action) {
        return store
            ->read([&](Transaction& tx) -> Result<std::size_t> {
                std::size_t n = 0;
                for (const AuditEntry& e : tx.audit().list(0, 100000)) n += e.action == action;
                return n;
            })
            .value();
    }

    TempDir dir;
    ManualClock clock;
    std::unique_ptr<SqlStore> store;
    std::shared_ptr<CriteriaCache> cache;
    AssessmentService assessment;
    CompletenessService completeness;
};

}  // namespace kc::test
