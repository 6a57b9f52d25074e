#include "storage/SqlStore.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/Connector.h>
#include <sqlite3.h>
#include <Poco/Exception.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "storage/ConnectionPool.h"
#include "storage/Durable.h"
#include "storage/Migrations.h"
#include "storage/Sql.h"
#include "storage/SqlTransaction.h"

namespace kc {

namespace {

// How long a statement waits for another connection's write lock before failing (SQLite's busy
// timeout).
constexpr int kLockWaitSeconds = 10;

std::once_flag registerOnce;

std::runtime_error translate(const Poco::Exception& e) {
    return std::runtime_error("database: " + e.displayText());
}

std::vector<std::string> splitStatements(const std::string& script) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < script.size()) {
        std::size_t end = script.find(";\n", start);
        if (end == std::string::npos) end = script.size();
        std::string stmt = script.substr(start, end - start);
        if (stmt.find_first_not_of(" \n\t") != std::string::npos) out.push_back(stmt);
        start = end + 2;
    }
    return out;
}

// Switches the database to WAL (kept in the file). The switch needs the database to itself,
// and SQLite answers SQLITE_BUSY at once, without its busy handler, while another connection
// uses it: instances starting together on a new database retry for up to a minute.
void useWal(sqlite3* db) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    for (;;) {
        const int rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK)
            return;
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) ||
            std::chrono::steady_clock::now() > deadline)
            throw Poco::Data::DataException(std::string("journal_mode = WAL: ") +
                                            sqlite3_errmsg(db));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace

std::unique_ptr<SqlStore> SqlStore::openSqlite(const std::string& path, int maxConnections) {
    std::call_once(registerOnce, [] { Poco::Data::SQLite::Connector::registerConnector(); });
    try {
        auto pool = std::make_unique<sql::ConnectionPool>(
            "SQLite", path, static_cast<std::size_t>(std::max(2, maxConnections)),
            &SqlStore::configureSqlite);
        std::unique_ptr<SqlStore> store(new SqlStore(std::move(pool)));
        {
            auto c = store->_pool->get();
            useWal(c->sqlite());
        }
        store->migrate();
        return store;
    } catch (const Poco::Exception& e) {
        throw translate(e);
    }
}

SqlStore::SqlStore(std::unique_ptr<sql::ConnectionPool> pool) : _pool(std::move(pool)) {}

void SqlStore::configureSqlite(sql::Connection& c) {
    c.session().setConnectionTimeout(kLockWaitSeconds);
    // What PRAGMA foreign_keys = ON does, checked.
    int on = 0;
    if (sqlite3_db_config(c.sqlite(), SQLITE_DBCONFIG_ENABLE_FKEY, 1, &on) != SQLITE_OK ||
        on != 1)
        throw Poco::Data::DataException("cannot enable foreign keys");
    sql::exec(c, "PRAGMA synchronous = FULL");
}

SqlStore::~SqlStore() = default;

void SqlStore::migrate() {
    auto c = _pool->get();
    sql::Connection& s = *c;
    // All pending migrations in one transaction, the version read after the write lock is
    // taken: instances started together on one database (after an upgrade) wait for each other,
    // and the later ones find the work done instead of applying a migration twice. Another
    // instance's migrations may take longer than a request's lock wait: wait up to ten minutes
    // here, and restore the usual wait after.
    struct UsualWait {
        sqlite3* db;
        ~UsualWait() {
            if (db)
                sqlite3_busy_timeout(db, kLockWaitSeconds * 1000);
        }
    } restore{s.sqlite()};
    if (s.sqlite())
        sqlite3_busy_timeout(s.sqlite(), 10 * 60 * 1000);
    sql::exec(s, "BEGIN IMMEDIATE");
    try {
        sql::exec(s,
                  "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                  "name TEXT NOT NULL)");
        // Every version not recorded, not only those above the highest: branches that each
        // added a migration can leave a database with a later version and without an earlier.
        std::set<std::int64_t> applied;
        for (const auto& row : sql::query(s, "SELECT version FROM schema_migrations"))
            applied.insert(row.integer(0));
        for (const Migration& m : migrations()) {
            if (applied.count(m.version))
                continue;
            try {
                for (const std::string& stmt : splitStatements(m.sql)) sql::exec(s, stmt);
                sql::exec(s, "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                          {sql::integer(m.version), m.name});
            } catch (const Poco::Exception& e) {
                throw std::runtime_error("migration " + std::to_string(m.version) + " (" + m.name +
                                         ") failed: " + e.displayText());
            }
        }
        sql::exec(s, "COMMIT");
    } catch (...) {
        try {
            sql::exec(s, "ROLLBACK");
        } catch (const Poco::Exception&) {  // SQLite may have rolled back already
        }
        throw;
    }
}

int SqlStore::schemaVersion() {
    try {
        auto c = _pool->get();
        auto rows = sql::query(*c, "SELECT MAX(version) FROM schema_migrations");
        return rows.empty() ? 0 : static_cast<int>(rows.front().integer(0));
    } catch (const Poco::Exception& e) {
        throw translate(e);
    }
}

void SqlStore::snapshotTo(const std::string& path) {
    if (std::filesystem::exists(path))
        throw std::runtime_error("database snapshot: " + path + " exists already");
    try {
        auto c = _pool->get();
        sql::exec(*c, "VACUUM INTO ?", {path});
        syncFile(path);  // SQLite does not sync a VACUUM INTO's file
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        try {
            throw;
        } catch (const Poco::Exception& e) {
            throw translate(e);
        }
    }
}

bool SqlStore::ping() {
    try {
        auto c = _pool->get();
        return sql::query(*c, "SELECT 1").size() == 1;
    } catch (const Poco::Exception&) {
        return false;
    }
}

void SqlStore::transact(bool write, const std::function<bool(Transaction&)>& body) {
    sql::ConnectionPool::Lease c = [&] {
        try {
            return _pool->get();
        } catch (const Poco::Exception& e) {
            throw translate(e);
        }
    }();
    sql::Connection& s = *c;
    bool commit = false;
    try {
        // IMMEDIATE takes the write lock up front so two writers never deadlock on upgrade.
        sql::exec(s, write ? "BEGIN IMMEDIATE" : "BEGIN");
        SqlTransaction tx(s);
        commit = body(tx) && write;
        sql::exec(s, commit ? "COMMIT" : "ROLLBACK");
    } catch (const Poco::Exception& e) {
        try {
            sql::exec(s, "ROLLBACK");
        } catch (const Poco::Exception&) {
        }
        throw translate(e);
    } catch (...) {
        try {
            sql::exec(s, "ROLLBACK");
        } catch (const Poco::Exception&) {
        }
        throw;
    }
}

}  // namespace kc
