#pragma once

// A real SQLite store in a temporary directory with the demo's 2022 period, two communes
// (XA16, XA02) with the sample criteria set for unit type "xa", the reviewer "thamdinh"
// assigned areas 1 and 2, and the workflow services over a ManualClock.

#include <gtest/gtest.h>

#include <fstream>

#include "TempDir.h"
#include "services/AccountService.h"
#include "services/AssessmentService.h"
#include "services/CommuneSeed.h"
#include "services/CompletenessService.h"
#include "services/CriteriaService.h"
#include "services/DirectoryService.h"
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
inline const Actor kSo{14, "sonoivu", Role::Unit, std::string("SO01")};

// The demo criteria document (config/demo/criteria-2022-huyen.json).
inline std::string demoCriteria() {
    std::ifstream in(std::string(KC_SOURCE_DIR) + "/config/demo/criteria-2022-huyen.json");
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Sets, in doc, the first `"key": from` after sub-criterion sub's code to `"key": to`.
inline void setField(std::string& doc, const std::string& sub, const std::string& key,
                     const std::string& from, const std::string& to) {
    const std::string old = "\"" + key + "\": " + from;
    const std::size_t at = doc.find(old, doc.find("\"code\": \"" + sub + "\""));
    ASSERT_NE(at, std::string::npos) << sub << " " << old;
    doc.replace(at, old.size(), "\"" + key + "\": " + to);
}

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

    // Adds unit type "so" with the unit SO01 (actor kSo) and doc as its 2022 criteria set.
    void seedSo(const std::string& doc) {
        DirectoryService directory(*store, clock);
        ASSERT_TRUE(directory.createUnitType(kSystem, UnitType{0, "so", "Sở, ban, ngành"}).ok());
        Unit unit;
        unit.code = "SO01";
        unit.name = "Sở Nội vụ";
        unit.unitTypeCode = "so";
        unit.activeFromYear = 2020;
        ASSERT_TRUE(directory.createUnit(kSystem, unit).ok());
        auto imported = CriteriaService(*store, clock)
                            .importSet(kSystem, CriteriaImport{2022, "so", doc, false});
        ASSERT_TRUE(imported.ok()) << imported.error().message;
    }

    // The status of sub-criterion sub of unit as the assessment page shows it now.
    std::string statusOf(const std::string& unit, const std::string& sub) {
        auto v = assessment.unitAssessment(kClerk, 2022, unit);
        if (!v.ok())
            return v.error().message;
        for (const ItemView& i : v->items)
            if (i.node.code == sub)
                return std::string(itemStatusName(i.status));
        return "?";
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
