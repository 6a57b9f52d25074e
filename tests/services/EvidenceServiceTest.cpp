#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "TempDir.h"
#include "services/CommuneSeed.h"
#include "services/EvidenceService.h"
#include "storage/BlobContentStore.h"
#include "storage/SqlStore.h"

namespace kc {
namespace {

TimePoint at(const char* iso) {
    return *parseIso(iso);
}

const Actor kSystem{0, "system", Role::Admin, std::nullopt};
const Actor kUnit{10, "xaphuckhanh", Role::Unit, std::string("XA16")};
const Actor kOtherUnit{11, "xabaoha", Role::Unit, std::string("XA02")};
const Actor kReviewer{12, "thamdinh", Role::Reviewer, std::nullopt};

// A real SQLite store and blob store in a temporary directory, with the demo's 2022 period,
// two communes and the sample criteria set imported for unit type "xa".
class EvidenceServiceTest : public ::testing::Test {
protected:
    EvidenceServiceTest()
        : clock(at("2022-12-01T03:00:00Z")),
          store(SqlStore::openSqlite(dir.file("kc.db"))),
          blobs(dir.path() / "storage"),
          content(blobs),
          evidence(*store, content, clock) {
        test::seedCommunes(*store, clock, kSystem);
    }

    UploadedFile file(const std::string& bytes, const std::string& name) {
        auto w = content.begin(1 << 20);
        EXPECT_TRUE(w->write(bytes.data(), bytes.size()).ok());
        auto stored = w->commit();
        EXPECT_TRUE(stored.ok());
        return UploadedFile{stored.value(), name};
    }

    Result<std::vector<EvidenceItem>> upload(const Actor& who, const std::string& sub,
                                             const std::string& bytes = "%PDF-1.4 plan",
                                             const std::string& name = "Kế hoạch.pdf") {
        return evidence.upload(who, 2022, "XA16", sub, {file(bytes, name)}, {});
    }

    std::size_t auditCount(const std::string& action) {
        return store
            ->read([&](Transaction& tx) -> Result<std::size_t> {
                std::size_t n = 0;
                for (const auto& e : tx.audit().list(0, 1000)) n += e.action == action;
                return n;
            })
            .value();
    }

    test::TempDir dir;
    ManualClock clock;
    std::unique_ptr<SqlStore> store;
    BlobStore blobs;
    BlobContentStore content;
    EvidenceService evidence;
};

TEST_F(EvidenceServiceTest, UploadsSeveralFilesInOneAuditedTransaction) {
    EvidenceMetadata meta;
    meta.docNumber = " 97/KH-UBND ";
    meta.issueDate = "2022-01-15";
    meta.issuer = "UBND xã Phúc Khánh";
    auto r =
        evidence.upload(kUnit, 2022, "XA16", "1.1.1",
                        {file("%PDF-1.4 one", "C:\\fakepath\\a.pdf"), file("two", "b.txt")}, meta);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->size(), 2u);
    EXPECT_EQ(r->at(0).fileName, "a.pdf");
    EXPECT_EQ(r->at(0).round, EvidenceRound::Self);
    EXPECT_EQ(r->at(0).metadata.docNumber, "97/KH-UBND");
    EXPECT_EQ(r->at(1).mediaType, "text/plain");
    EXPECT_EQ(auditCount("evidence.upload"), 2u);
    auto listed = evidence.list(kReviewer, 2022, "XA16", {});
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed->size(), 2u);
    EXPECT_EQ(store
                  ->read([](Transaction& tx) -> Result<std::vector<std::string>> {
                      return tx.evidence().blobShas();
                  })
                  ->size(),
              2u);
}

TEST_F(EvidenceServiceTest, RejectsWhatMayNotBeUploaded) {
    const struct {
        const char* name;
        Actor actor;
        std::string unit;
        std::string sub;
        ErrorCode code;
    } cases[] = {
        {"another unit", kOtherUnit, "XA16", "1.1.1", ErrorCode::Forbidden},
        {"a reviewer", kReviewer, "XA16", "1.1.1", ErrorCode::Forbidden},
        {"unknown sub-criterion", kUnit, "XA16", "9.9.9", ErrorCode::NotFound},
        {"a criterion, not a sub-criterion", kUnit, "XA16", "1.1", ErrorCode::NotFound},
        {"a survey item", kUnit, "XA16", "1.7.1", ErrorCode::InvalidInput},
    };
    for (const auto& c : cases) {
        auto prepared = evidence.prepareUpload(c.actor, 2022, c.unit, c.sub);
        ASSERT_FALSE(prepared.ok()) << c.name;
        EXPECT_EQ(prepared.error().code, c.code) << c.name;
        auto r = evidence.upload(c.actor, 2022, c.unit, c.sub, {file("x", "x.txt")}, {});
        ASSERT_FALSE(r.ok()) << c.name;
        EXPECT_EQ(r.error().code, c.code) << c.name;
    }
    EXPECT_TRUE(evidence.list(kReviewer, 2022, "XA16", {})->empty());
    EXPECT_EQ(auditCount("evidence.upload"), 0u);
}

TEST_F(EvidenceServiceTest, RejectsBadMetadataAndNames) {
    EvidenceMetadata meta;
    meta.issueDate = "15/01/2022";
    auto r = evidence.upload(kUnit, 2022, "XA16", "1.1.1", {file("x", "x.txt")}, meta);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().details.at(0).path, "issue_date");
    EXPECT_FALSE(upload(kUnit, "1.1.1", "x", "bad\xFF.txt").ok());
    EXPECT_FALSE(evidence.upload(kUnit, 2022, "XA16", "1.1.1", {}, {}).ok());
    EXPECT_TRUE(evidence.list(kUnit, 2022, "XA16", {})->empty());
}

TEST_F(EvidenceServiceTest, UploadNeedsAnOpenRound) {
    clock.set(at("2023-01-02T00:00:00Z"));
    auto r = upload(kUnit, "1.1.1");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::PhaseClosed);
    EXPECT_NE(r.error().message.find("31/12/2022"), std::string::npos);
    clock.set(at("2023-01-06T00:00:00Z"));
    auto late = upload(kUnit, "1.1.1");
    ASSERT_TRUE(late.ok());
    EXPECT_EQ(late->front().round, EvidenceRound::Supplement);
}

TEST_F(EvidenceServiceTest, UnitsReadOnlyTheirOwnEvidence) {
    ASSERT_TRUE(upload(kUnit, "1.1.1").ok());
    auto other = evidence.list(kOtherUnit, 2022, "XA16", {});
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, ErrorCode::Forbidden);
    auto id = evidence.list(kUnit, 2022, "XA16", {})->front().item.id;
    EXPECT_EQ(evidence.get(kOtherUnit, id).error().code, ErrorCode::Forbidden);
    EXPECT_EQ(evidence.content(kOtherUnit, id).error().code, ErrorCode::Forbidden);
    EXPECT_TRUE(evidence.get(kReviewer, id).ok());
    EXPECT_EQ(evidence.get(kReviewer, id + 100).error().code, ErrorCode::NotFound);
}

TEST_F(EvidenceServiceTest, WithdrawAndRestoreAreRecordedReversibleEvents) {
    auto up = upload(kUnit, "1.1.1");
    ASSERT_TRUE(up.ok());
    Id id = up->front().id;
    EXPECT_EQ(evidence.withdraw(kOtherUnit, id).error().code, ErrorCode::Forbidden);
    clock.advance(std::chrono::hours(1));
    auto w = evidence.withdraw(kUnit, id);
    ASSERT_TRUE(w.ok());
    EXPECT_TRUE(w->withdrawn);
    EXPECT_EQ(evidence.withdraw(kUnit, id).error().code, ErrorCode::Conflict);
    clock.advance(std::chrono::hours(1));
    auto r = evidence.restore(kUnit, id);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->withdrawn);
    auto history = evidence.get(kUnit, id);
    ASSERT_EQ(history->item.events.size(), 2u);
    EXPECT_EQ(history->item.events[0].action, EvidenceAction::Withdraw);
    EXPECT_EQ(auditCount("evidence.withdraw"), 1u);
    EXPECT_EQ(auditCount("evidence.restore"), 1u);
    // A self-round item cannot change once the self round is over, even in the supplement window.
    clock.set(at("2023-01-06T00:00:00Z"));
    EXPECT_EQ(evidence.withdraw(kUnit, id).error().code, ErrorCode::PhaseClosed);
}

TEST_F(EvidenceServiceTest, ListsTheStateAtTheEndOfEachRound) {
    Id kept = upload(kUnit, "1.1.1", "kept")->front().id;
    Id dropped = upload(kUnit, "1.1.2", "dropped")->front().id;
    ASSERT_TRUE(evidence.withdraw(kUnit, dropped).ok());
    clock.set(at("2023-01-06T00:00:00Z"));
    Id late = upload(kUnit, "1.1.1", "late")->front().id;

    auto ids = [](const std::vector<EvidenceView>& v) {
        std::vector<Id> out;
        for (const auto& e : v) out.push_back(e.item.id);
        return out;
    };
    auto current = evidence.list(kUnit, 2022, "XA16", {});
    EXPECT_EQ(ids(*current), (std::vector<Id>{kept, dropped, late}));
    EXPECT_TRUE(current->at(1).withdrawn);
    EXPECT_FALSE(current->at(0).newSinceStep1);
    EXPECT_TRUE(current->at(2).newSinceStep1);
    auto self = evidence.list(kUnit, 2022, "XA16", {std::nullopt, EvidenceRound::Self});
    EXPECT_EQ(ids(*self), (std::vector<Id>{kept}));
    auto supplement = evidence.list(kUnit, 2022, "XA16", {std::nullopt, EvidenceRound::Supplement});
    EXPECT_EQ(ids(*supplement), (std::vector<Id>{kept, late}));
    auto one = evidence.list(kUnit, 2022, "XA16", {std::string("1.1.2"), std::nullopt});
    EXPECT_EQ(ids(*one), (std::vector<Id>{dropped}));
}

TEST_F(EvidenceServiceTest, SameContentIsStoredOnceButListedPerUpload) {
    ASSERT_TRUE(upload(kUnit, "1.1.1", "same").ok());
    ASSERT_TRUE(upload(kUnit, "1.1.2", "same").ok());
    EXPECT_EQ(evidence.list(kUnit, 2022, "XA16", {})->size(), 2u);
    EXPECT_EQ(evidence.blobShas()->size(), 1u);
    auto c = evidence.content(kUnit, evidence.list(kUnit, 2022, "XA16", {})->front().item.id);
    ASSERT_TRUE(c.ok());
    std::stringstream got;
    got << c->stream->rdbuf();
    EXPECT_EQ(got.str(), "same");
}

}  // namespace
}  // namespace kc
