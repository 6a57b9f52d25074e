#include "storage/SqlConnection.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <sqlite3.h>

#include <cctype>

namespace kc::sql {

Connection::Connection(Poco::Data::Session session) : _session(std::move(session)) {
    if (_session.connector() == Poco::Data::SQLite::Connector::KEY)
        _db = Poco::Data::SQLite::Utility::dbHandle(_session);
}

Connection::~Connection() {
    // Poco closes SQLite sessions with sqlite3_close_v2, which would keep a connection with
    // unfinalized statements open as a zombie: finalize them first so the close is real.
    for (auto& [text, c] : _cache) sqlite3_finalize(c.st);
}

Connection::Statement::Statement(Statement&& other) noexcept
    : _st(other._st), _busy(other._busy) {
    other._st = nullptr;
}

Connection::Statement::~Statement() {
    if (!_st)
        return;
    if (_busy) {
        // Reset releases the statement's read of the database (a statement left mid-step would
        // hold its snapshot); clearing bindings drops the bound text copies.
        sqlite3_reset(_st);
        sqlite3_clear_bindings(_st);
        *_busy = false;
    } else {
        sqlite3_finalize(_st);
    }
}

Connection::Statement Connection::prepare(const std::string& sql) {
    auto found = _cache.find(sql);
    if (found != _cache.end() && !found->second.busy) {
        found->second.busy = true;
        return Statement(found->second.st, &found->second.busy);
    }
    const bool keep = found == _cache.end() && _cache.size() < kMaxCached;
    sqlite3_stmt* st = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v3(_db, sql.c_str(), static_cast<int>(sql.size()),
                           keep ? SQLITE_PREPARE_PERSISTENT : 0, &st, &tail) != SQLITE_OK) {
        sqlite3_finalize(st);
        throw Poco::Data::DataException("database: prepare: " + std::string(sqlite3_errmsg(_db)));
    }
    for (const char* p = tail; p && *p; ++p)
        if (!std::isspace(static_cast<unsigned char>(*p)) && *p != ';') {
            sqlite3_finalize(st);
            throw Poco::Data::DataException("database: more than one statement in: " + sql);
        }
    if (!st)  // only a comment or white space: nothing to run
        throw Poco::Data::DataException("database: no statement in: " + sql);
    if (!keep)
        return Statement(st, nullptr);
    Cached& c = _cache[sql];
    c.st = st;
    c.busy = true;
    return Statement(st, &c.busy);
}

bool Connection::inTransaction() {
    if (_db)
        return sqlite3_get_autocommit(_db) == 0;
    return _session.isTransaction();
}

}  // namespace kc::sql
