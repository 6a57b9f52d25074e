#include "storage/ConnectionPool.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SessionPool.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <stdexcept>

#include "TempDir.h"
#include "storage/Sql.h"
#include "storage/SqliteRows.h"

namespace kc::sql {
namespace {

class ConnectionPoolTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { Poco::Data::SQLite::Connector::registerConnector(); }

    test::TempDir dir;
    ConnectionPool pool{"SQLite", dir.file("pool.db"), 2};

    void SetUp() override {
        auto c = pool.get();
        exec(*c, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
        for (int i = 1; i <= 3; ++i)
            exec(*c, "INSERT INTO t (id, name) VALUES (?, ?)",
                 {integer(i), "n" + std::to_string(i)});
    }
};

TEST_F(ConnectionPoolTest, KeepsOneStatementPerSqlText) {
    auto c = pool.get();
    sqlite3_stmt* first = nullptr;
    {
        auto st = c->prepare("SELECT name FROM t WHERE id = ?");
        first = st.get();
    }
    auto again = c->prepare("SELECT name FROM t WHERE id = ?");
    EXPECT_EQ(again.get(), first);
    auto other = c->prepare("SELECT id FROM t");
    EXPECT_NE(other.get(), first);
}

TEST_F(ConnectionPoolTest, ReusedStatementsStartAfreshWithNewBindings) {
    auto c = pool.get();
    for (int i = 1; i <= 3; ++i) {
        auto rows = query(*c, "SELECT name FROM t WHERE id = ?", {integer(i)});
        ASSERT_EQ(rows.size(), 1u);
        EXPECT_EQ(rows[0].text(0), "n" + std::to_string(i));
    }
    // A statement abandoned mid-way (the row callback threw) is reset for its next use.
    EXPECT_THROW(eachRow(*c, "SELECT id FROM t ORDER BY id", {},
                         [](const RawRow&) { throw std::runtime_error("stop"); }),
                 std::runtime_error);
    std::vector<std::int64_t> ids;
    eachRow(*c, "SELECT id FROM t ORDER BY id", {},
            [&](const RawRow& r) { ids.push_back(r.integer(0)); });
    EXPECT_EQ(ids, (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_F(ConnectionPoolTest, TheSameTextRunsNestedInsideItsOwnRows) {
    auto c = pool.get();
    const std::string sql = "SELECT id FROM t WHERE id >= ? ORDER BY id";
    std::vector<std::size_t> inner;
    eachRow(*c, sql, {integer(1)}, [&](const RawRow& r) {
        inner.push_back(query(*c, sql, {r.integer(0)}).size());
    });
    EXPECT_EQ(inner, (std::vector<std::size_t>{3, 2, 1}));
}

TEST_F(ConnectionPoolTest, ExecCountsChangedRowsForWritesAndRowsOtherwise) {
    auto c = pool.get();
    EXPECT_EQ(exec(*c, "UPDATE t SET name = 'x' WHERE id >= ?", {integer(2)}), 2u);
    EXPECT_EQ(exec(*c, "UPDATE t SET name = 'x' WHERE id > ?", {integer(9)}), 0u);
    EXPECT_EQ(exec(*c, "SELECT id FROM t"), 3u);
}

TEST_F(ConnectionPoolTest, RefusesTextWithTwoStatementsOrBadSql) {
    auto c = pool.get();
    EXPECT_THROW(exec(*c, "DELETE FROM t; DELETE FROM t"), Poco::Data::DataException);
    EXPECT_THROW(exec(*c, "SELEC 1"), Poco::Data::DataException);
    EXPECT_EQ(query(*c, "SELECT COUNT(*) FROM t").front().integer(0), 3);
    EXPECT_EQ(exec(*c, "SELECT 1;"), 1u);  // one statement with its semicolon is fine
}

TEST_F(ConnectionPoolTest, LendsIdleConnectionsAndRefusesPastTheMaximum) {
    Connection* first = nullptr;
    {
        auto a = pool.get();
        first = &*a;
        auto b = pool.get();
        EXPECT_NE(&*b, first);
        EXPECT_THROW(pool.get(), Poco::Data::SessionPoolExhaustedException);
    }
    auto again = pool.get();
    auto other = pool.get();
    EXPECT_TRUE(&*again == first || &*other == first);
}

TEST_F(ConnectionPoolTest, RollsBackATransactionLeftOpen) {
    {
        auto c = pool.get();
        exec(*c, "BEGIN IMMEDIATE");
        exec(*c, "DELETE FROM t");
        EXPECT_TRUE(c->inTransaction());
    }
    auto a = pool.get();
    auto b = pool.get();
    EXPECT_FALSE(a->inTransaction());
    EXPECT_FALSE(b->inTransaction());
    EXPECT_EQ(query(*a, "SELECT COUNT(*) FROM t").front().integer(0), 3);
    exec(*b, "BEGIN IMMEDIATE");  // the write lock was released
    exec(*b, "ROLLBACK");
}

TEST_F(ConnectionPoolTest, OnOpenRunsOnceOnEachConnectionItOpens) {
    int opened = 0;
    ConnectionPool counting{"SQLite", dir.file("pool.db"), 2, [&](Connection& c) {
                                ++opened;
                                exec(c, "PRAGMA synchronous = OFF");
                            }};
    {
        auto a = counting.get();
        auto b = counting.get();
        EXPECT_EQ(opened, 2);
        for (Connection* c : {&*a, &*b})
            EXPECT_EQ(query(*c, "PRAGMA synchronous").front().integer(0), 0);
    }
    auto again = counting.get();  // an idle one, already set up
    EXPECT_EQ(opened, 2);
}

TEST_F(ConnectionPoolTest, AConnectionWhoseSetUpFailsIsClosedAndItsPlaceFreed) {
    bool fail = true;
    ConnectionPool picky{"SQLite", dir.file("pool.db"), 1, [&](Connection&) {
                             if (fail)
                                 throw Poco::Data::DataException("set-up failed");
                         }};
    EXPECT_THROW(picky.get(), Poco::Data::DataException);
    fail = false;
    auto c = picky.get();  // the one place is free again
    EXPECT_EQ(query(*c, "SELECT COUNT(*) FROM t").front().integer(0), 3);
}

}  // namespace
}  // namespace kc::sql
