#pragma once

#include <memory>
#include <string>

#include "domain/Store.h"

namespace kc::sql {
class Connection;
class ConnectionPool;
}

namespace kc {

// The Store over SQLite (through Poco::Data). One pooled connection per transaction, each keeping
// its prepared statements (sql::ConnectionPool); every connection set up by configureSqlite when
// it opens; WAL journal; migrations applied by open().
// Thread-safe. Poco::Data exceptions inside a transaction roll it back and are rethrown as
// std::runtime_error with the database's message (broken infrastructure); a write that finds the
// disk full rolls it back too and comes out as std::system_error (ENOSPC).
class SqlStore final : public Store {
public:
    // Opens (creating if needed) the SQLite database at path and applies pending migrations.
    // The pool holds up to maxConnections connections, at least 2. Throws std::runtime_error if the file cannot be opened or a migration fails.
    static std::unique_ptr<SqlStore> openSqlite(const std::string& path, int maxConnections = 16);
    ~SqlStore() override;

    bool ping() override;

    // The schema version after migrations (the highest applied).
    int schemaVersion();

    // Writes a consistent copy of the whole database to path, which must not exist: SQLite's
    // VACUUM INTO, one read transaction, so other connections go on reading and writing
    // meanwhile (the copy is also compacted). The file is fsynced when this returns; making its
    // name durable is the caller's. On failure the partial file is removed, and this throws
    // std::runtime_error, or std::system_error (ENOSPC) when the disk is full.
    void snapshotTo(const std::string& path);

    // The per-connection settings every pooled SQLite connection gets once, when it opens:
    // foreign keys on, synchronous = FULL (a commit is on disk when COMMIT returns, WAL or not:
    // the setting is per connection, so each one needs it), a 10 s busy timeout.
    // Throws Poco::Data::DataException if a setting does not take.
    static void configureSqlite(sql::Connection& c);

protected:
    void transact(bool write, const std::function<bool(Transaction&)>& body) override;

private:
    explicit SqlStore(std::unique_ptr<sql::ConnectionPool> pool);
    void migrate();

    std::unique_ptr<sql::ConnectionPool> _pool;
};

}  // namespace kc
