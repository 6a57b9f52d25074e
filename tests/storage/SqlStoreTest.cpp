#include "storage/SqlStore.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <regex>
#include <system_error>
#include <thread>
#include <vector>

#include "TempDir.h"
#include "storage/Migrations.h"
#include "storage/Sql.h"

namespace kc {
namespace {

class SqlStoreTest : public ::testing::Test {
protected:
    test::TempDir dir;
    std::unique_ptr<SqlStore> store = SqlStore::openSqlite(dir.file("kc.db"));

    void seed() {
        Status st = store->write([](Transaction& tx) -> Status {
            tx.directory().insertPeriod(Period{0, 2022, "Năm 2022", {}, false});
            tx.directory().insertUnitType(UnitType{0, "xa", "UBND xã"});
            Unit u;
            u.code = "XA01";
            u.name = "UBND xã Phúc Khánh";
            u.unitTypeCode = "xa";
            u.activeFromYear = 2022;
            tx.directory().insertUnit(u);
            User user;
            user.username = "xa01";
            user.displayName = "Cán bộ xã";
            user.role = Role::Unit;
            user.unitCode = "XA01";
            tx.users().insert(user, "hash");
            return Ok{};
        });
        ASSERT_TRUE(st.ok());
    }
};

// Every pooled connection gets these once, when it opens (synchronous is per connection: a
// setting made on the first one only would leave later ones at the build's default).
TEST_F(SqlStoreTest, ConfiguresEachConnectionForDurableCommitsAndForeignKeys) {
    sql::Connection c(Poco::Data::Session("SQLite", dir.file("kc.db")));
    sql::exec(c, "PRAGMA synchronous = OFF");
    sql::exec(c, "PRAGMA foreign_keys = OFF");
    SqlStore::configureSqlite(c);
    EXPECT_EQ(sql::query(c, "PRAGMA synchronous").front().integer(0), 2);  // FULL
    EXPECT_EQ(sql::query(c, "PRAGMA foreign_keys").front().integer(0), 1);
}

// A database another connection keeps locked for writing made every request a 500 "internal
// error"; it is a busy server, not a broken one: std::system_error EBUSY, which the router
// answers with 503 busy (http/ErrorMapping).
TEST_F(SqlStoreTest, ALockHeldByAnotherConnectionIsBusyNotABrokenDatabase) {
    sql::Connection holder(Poco::Data::Session("SQLite", dir.file("kc.db")));
    sql::exec(holder, "BEGIN EXCLUSIVE");
    sql::Connection c(Poco::Data::Session("SQLite", dir.file("kc.db")));
    sqlite3_busy_timeout(c.sqlite(), 0);  // the server waits 10 s; the outcome is the same
    try {
        sql::exec(c, "BEGIN IMMEDIATE");
        ADD_FAILURE() << "the write lock was taken twice";
    } catch (const std::system_error& e) {
        EXPECT_EQ(e.code(), std::errc::device_or_resource_busy) << e.what();
    }
    sql::exec(holder, "ROLLBACK");
    sql::exec(c, "BEGIN IMMEDIATE");
    sql::exec(c, "ROLLBACK");
}

TEST_F(SqlStoreTest, AppliesMigrationsOnceAndReopens) {
    EXPECT_EQ(store->schemaVersion(), migrations().back().version);
    EXPECT_TRUE(store->ping());
    store.reset();
    auto again = SqlStore::openSqlite(dir.file("kc.db"));
    EXPECT_EQ(again->schemaVersion(), migrations().back().version);
}

// A pool asked for one connection still opens.
// Two branches each added a migration (4 and 5); a database that got 5 first never got 4, as
// only versions above the highest recorded were applied. Every unrecorded one is now.
TEST_F(SqlStoreTest, AppliesAnEarlierMigrationTheDatabaseMissed) {
    const Migration& missed = migrations().at(3);
    ASSERT_LT(missed.version, migrations().back().version);
    std::vector<std::string> tables;
    const std::regex created(R"(CREATE TABLE (\w+))");
    for (std::sregex_iterator m(missed.sql.begin(), missed.sql.end(), created), end; m != end; ++m)
        tables.push_back((*m)[1]);
    ASSERT_FALSE(tables.empty());
    store.reset();
    {
        sql::Connection c(Poco::Data::Session("SQLite", dir.file("kc.db")));
        for (const std::string& t : tables) sql::exec(c, "DROP TABLE " + t);
        sql::exec(c, "DELETE FROM schema_migrations WHERE version = ?",
                  {sql::integer(missed.version)});
    }
    auto reopened = SqlStore::openSqlite(dir.file("kc.db"));
    sql::Connection c(Poco::Data::Session("SQLite", dir.file("kc.db")));
    EXPECT_EQ(sql::query(c, "SELECT COUNT(*) FROM schema_migrations").front().integer(0),
              static_cast<long long>(migrations().size()));
    for (const std::string& t : tables)
        EXPECT_EQ(sql::query(c, "SELECT COUNT(*) FROM sqlite_master WHERE name = ?", {t})
                      .front()
                      .integer(0),
                  1)
            << t;
}

// Units stored before names were kept per year get their name from their first year on.
TEST_F(SqlStoreTest, UnitNamesMigrationGivesEachUnitItsNameFromItsFirstYear) {
    seed();
    store.reset();
    {
        sql::Connection c(Poco::Data::Session("SQLite", dir.file("kc.db")));
        sql::exec(c, "DROP TABLE unit_names");
        sql::exec(c, "DELETE FROM schema_migrations WHERE version = 6");
    }
    store = SqlStore::openSqlite(dir.file("kc.db"));
    auto names = store->read([](Transaction& tx) -> Result<std::vector<UnitName>> {
        return tx.directory().findUnit("XA01")->names;
    });
    ASSERT_TRUE(names.ok());
    EXPECT_EQ(names.value(), (std::vector<UnitName>{{2022, "UBND xã Phúc Khánh"}}));
}

TEST_F(SqlStoreTest, UnitNamesByYearRoundTrip) {
    seed();
    const std::vector<UnitName> names = {{2022, "UBND thị trấn Phố Ràng"},
                                         {2024, "UBND phường Phố Ràng"}};
    ASSERT_TRUE(store
                    ->write([&](Transaction& tx) -> Status {
                        tx.directory().setUnitNames(tx.directory().findUnit("XA01")->id, names);
                        return Ok{};
                    })
                    .ok());
    auto units = store->read(
        [](Transaction& tx) -> Result<std::vector<Unit>> { return tx.directory().listUnits(); });
    ASSERT_TRUE(units.ok());
    ASSERT_EQ(units->size(), 1u);
    EXPECT_EQ(units->front().names, names);
    EXPECT_EQ(units->front().name, "UBND phường Phố Ràng");
    EXPECT_EQ(units->front().nameIn(2023), "UBND thị trấn Phố Ràng");
}

TEST_F(SqlStoreTest, OpensWithAPoolOfOne) {
    auto one = SqlStore::openSqlite(dir.file("one.db"), 1);
    EXPECT_EQ(one->schemaVersion(), migrations().back().version);
    EXPECT_TRUE(one->ping());
}

// Several instances started at once on one new (or upgraded) database: each waits for the
// others' migrations and finds them done, none fails with "table … already exists".
TEST_F(SqlStoreTest, InstancesOpeningTogetherMigrateOnce) {
    for (int round = 0; round < 10; ++round) {
        const std::string path = dir.file("together-" + std::to_string(round) + ".db");
        std::vector<std::string> failures(4);
        std::vector<std::thread> instances;
        for (std::size_t i = 0; i < failures.size(); ++i)
            instances.emplace_back([&, i] {
                try {
                    auto opened = SqlStore::openSqlite(path);
                    if (opened->schemaVersion() != migrations().back().version)
                        failures[i] = "version " + std::to_string(opened->schemaVersion());
                } catch (const std::exception& e) {
                    failures[i] = e.what();
                }
            });
        for (std::thread& t : instances) t.join();
        for (const std::string& f : failures) EXPECT_EQ(f, "") << "round " << round;
        auto check = SqlStore::openSqlite(path);
        sql::Connection c(Poco::Data::Session("SQLite", path));
        EXPECT_EQ(sql::query(c, "SELECT COUNT(*) FROM schema_migrations").front().integer(0),
                  static_cast<long long>(migrations().size()));
    }
}

TEST_F(SqlStoreTest, RoundTripsVietnameseRows) {
    seed();
    auto unit = store->read([](Transaction& tx) -> Result<Unit> {
        auto u = tx.directory().findUnit("XA01");
        if (!u) return Error::notFound("no unit");
        return *u;
    });
    ASSERT_TRUE(unit.ok());
    EXPECT_EQ(unit->name, "UBND xã Phúc Khánh");
    EXPECT_EQ(unit->unitTypeCode, "xa");
    auto user = store->read([](Transaction& tx) -> Result<User> {
        auto u = tx.users().findByUsername("xa01");
        if (!u) return Error::notFound("no user");
        return *u;
    });
    ASSERT_TRUE(user.ok());
    EXPECT_EQ(user->unitCode.value_or(""), "XA01");
    EXPECT_EQ(user->role, Role::Unit);
}

TEST_F(SqlStoreTest, RollsBackWhenTheUnitOfWorkFails) {
    Status st = store->write([](Transaction& tx) -> Status {
        tx.directory().insertUnitType(UnitType{0, "so", "Sở"});
        return Error::invalid("later step failed");
    });
    EXPECT_FALSE(st.ok());
    auto types = store->read([](Transaction& tx) -> Result<std::vector<UnitType>> {
        return tx.directory().listUnitTypes();
    });
    EXPECT_TRUE(types->empty());
}

TEST_F(SqlStoreTest, RollsBackAndRethrowsOnDatabaseErrors) {
    // A session for a user that does not exist violates a foreign key: foreign keys are on.
    EXPECT_THROW(store->write([](Transaction& tx) -> Status {
        tx.directory().insertUnitType(UnitType{0, "so", "Sở"});
        tx.sessions().insert(SessionRecord{"t", 999, "c", {}, {}});
        return Ok{};
    }),
                 std::runtime_error);
    auto types = store->read([](Transaction& tx) -> Result<std::vector<UnitType>> {
        return tx.directory().listUnitTypes();
    });
    EXPECT_TRUE(types->empty());
}

// A write that finds the disk full is told apart from a broken database (std::system_error with
// ENOSPC, which the server answers 507 rather than 500). SQLITE_FULL is made here as SQLite
// makes it for a full disk: the database may not grow by another page.
TEST_F(SqlStoreTest, AWriteThatFindsTheDiskFullSaysSo) {
    sql::Connection c(Poco::Data::Session("SQLite", dir.file("kc.db")));
    SqlStore::configureSqlite(c);
    const auto pages = sql::query(c, "PRAGMA page_count").front().integer(0);
    sql::exec(c, "PRAGMA max_page_count = " + std::to_string(pages));
    try {
        sql::exec(c, "INSERT INTO unit_types (code, name) VALUES (?, ?)",
                  {std::string("so"), std::string(64 * 1024, 'x')});
        FAIL() << "the insert went through";
    } catch (const std::system_error& e) {
        EXPECT_EQ(e.code(), std::errc::no_space_on_device) << e.what();
        EXPECT_NE(std::string(e.what()).find("database or disk is full"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(sql::query(c, "SELECT COUNT(*) FROM unit_types").front().integer(0), 0);
}

// The snapshot `kiemchung backup` starts from: a database of its own with the same rows, made
// beside an open transaction; an existing file is never overwritten or removed.
TEST_F(SqlStoreTest, SnapshotIsACompleteCopyAndNeverOverwritesAFile) {
    seed();
    sql::Connection reader(Poco::Data::Session("SQLite", dir.file("kc.db")));
    sql::exec(reader, "BEGIN");
    sql::query(reader, "SELECT COUNT(*) FROM units");  // a read transaction stays open

    store->snapshotTo(dir.file("copy.db"));
    sql::exec(reader, "COMMIT");
    auto copy = SqlStore::openSqlite(dir.file("copy.db"));
    EXPECT_EQ(copy->schemaVersion(), migrations().back().version);
    auto units = copy->read([](Transaction& tx) -> Result<std::vector<Unit>> {
        return tx.directory().listUnits();
    });
    ASSERT_TRUE(units.ok());
    ASSERT_EQ(units->size(), 1u);
    EXPECT_EQ(units->front().name, "UBND xã Phúc Khánh");

    std::ofstream(dir.file("taken.db")) << "someone else's file";
    EXPECT_THROW(store->snapshotTo(dir.file("taken.db")), std::runtime_error);
    std::ifstream kept(dir.file("taken.db"));
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(kept), {}), "someone else's file");
}

TEST_F(SqlStoreTest, AuditChainDetectsTamperedRow) {
    Status st = store->write([](Transaction& tx) -> Status {
        for (int i = 0; i < 3; ++i) {
            AuditEntry e;
            e.at = *parseIso("2022-11-28T08:00:00Z");
            e.actor = "admin";
            e.action = "unit.create";
            e.entity = "unit";
            e.entityId = "U" + std::to_string(i);
            e.after = "{}";
            tx.audit().append(e);
        }
        return Ok{};
    });
    ASSERT_TRUE(st.ok());
    auto entries = [&] {
        return store->read([](Transaction& tx) -> Result<std::vector<AuditEntry>> {
            return tx.audit().list(0, 100);
        }).value();
    };
    ASSERT_EQ(entries().size(), 3u);
    EXPECT_TRUE(verifyAuditChain(entries()).empty());

    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session raw("SQLite", dir.file("kc.db"));
    raw << "UPDATE audit_log SET actor = 'mallory' WHERE id = 2", Poco::Data::Keywords::now;
    auto problems = verifyAuditChain(entries());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].path, "audit #2");
}

}  // namespace
}  // namespace kc
