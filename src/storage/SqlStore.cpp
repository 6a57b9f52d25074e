#include "storage/SqlStore.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <sqlite3.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Exception.h>

#include <mutex>
#include <stdexcept>

#include "storage/Migrations.h"
#include "storage/Sql.h"
#include "storage/SqlTransaction.h"

namespace kc {

namespace {

std::once_flag registerOnce;

// Runs a statement without results straight on the SQLite handle: BEGIN, COMMIT and ROLLBACK
// run twice per request, and a Poco Statement for each cost more than the statement itself.
// Throws Poco::Data::DataException (as Poco's own path would) on failure.
void execRaw(Poco::Data::Session& s, const char* statement) {
    sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(s);
    if (sqlite3_exec(db, statement, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw Poco::Data::DataException(std::string(statement) + ": " + sqlite3_errmsg(db));
}

Poco::Data::Session connect(Poco::Data::SessionPool& pool) {
    Poco::Data::Session s = pool.get();
    s.setConnectionTimeout(10);
    // Per connection in SQLite, and pooled connections may be new: set it every time. The C
    // call is what PRAGMA foreign_keys = ON does, without preparing a statement per request.
    int on = 0;
    if (sqlite3_db_config(Poco::Data::SQLite::Utility::dbHandle(s), SQLITE_DBCONFIG_ENABLE_FKEY, 1,
                          &on) != SQLITE_OK ||
        on != 1)
        throw Poco::Data::DataException("cannot enable foreign keys");
    return s;
}

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

}  // namespace

std::unique_ptr<SqlStore> SqlStore::openSqlite(const std::string& path, int maxConnections) {
    std::call_once(registerOnce, [] { Poco::Data::SQLite::Connector::registerConnector(); });
    try {
        auto pool = std::make_unique<Poco::Data::SessionPool>("SQLite", path, 1, maxConnections, 60);
        std::unique_ptr<SqlStore> store(new SqlStore(std::move(pool)));
        {
            Poco::Data::Session s = connect(*store->_pool);
            sql::query(s, "PRAGMA journal_mode = WAL");
            sql::exec(s, "PRAGMA synchronous = FULL");
        }
        store->migrate();
        return store;
    } catch (const Poco::Exception& e) {
        throw translate(e);
    }
}

SqlStore::SqlStore(std::unique_ptr<Poco::Data::SessionPool> pool) : _pool(std::move(pool)) {}

SqlStore::~SqlStore() = default;

void SqlStore::migrate() {
    Poco::Data::Session s = connect(*_pool);
    sql::exec(s,
              "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
              "name TEXT NOT NULL)");
    int current = schemaVersion();
    for (const Migration& m : migrations()) {
        if (m.version <= current) continue;
        sql::exec(s, "BEGIN IMMEDIATE");
        try {
            for (const std::string& stmt : splitStatements(m.sql)) sql::exec(s, stmt);
            sql::exec(s, "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                      {sql::integer(m.version), m.name});
            sql::exec(s, "COMMIT");
        } catch (const Poco::Exception& e) {
            sql::exec(s, "ROLLBACK");
            throw std::runtime_error("migration " + std::to_string(m.version) + " (" + m.name +
                                     ") failed: " + e.displayText());
        }
    }
}

int SqlStore::schemaVersion() {
    try {
        Poco::Data::Session s = connect(*_pool);
        auto rows = sql::query(s, "SELECT MAX(version) FROM schema_migrations");
        return rows.empty() ? 0 : static_cast<int>(rows.front().integer(0));
    } catch (const Poco::Exception& e) {
        throw translate(e);
    }
}

bool SqlStore::ping() {
    try {
        Poco::Data::Session s = connect(*_pool);
        return sql::query(s, "SELECT 1").size() == 1;
    } catch (const Poco::Exception&) {
        return false;
    }
}

void SqlStore::transact(bool write, const std::function<bool(Transaction&)>& body) {
    Poco::Data::Session s = [&] {
        try {
            return connect(*_pool);
        } catch (const Poco::Exception& e) {
            throw translate(e);
        }
    }();
    bool commit = false;
    try {
        // IMMEDIATE takes the write lock up front so two writers never deadlock on upgrade.
        execRaw(s, write ? "BEGIN IMMEDIATE" : "BEGIN");
        SqlTransaction tx(s);
        commit = body(tx) && write;
        execRaw(s, commit ? "COMMIT" : "ROLLBACK");
    } catch (const Poco::Exception& e) {
        try {
            execRaw(s, "ROLLBACK");
        } catch (const Poco::Exception&) {
        }
        throw translate(e);
    } catch (...) {
        try {
            execRaw(s, "ROLLBACK");
        } catch (const Poco::Exception&) {
        }
        throw;
    }
}

}  // namespace kc
