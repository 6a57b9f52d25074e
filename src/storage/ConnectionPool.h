#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/SqlConnection.h"

namespace kc::sql {

// Open connections to one database, lent out one transaction at a time. Replaces Poco's
// SessionPool so that a connection's cached statements (Connection) live exactly as long as the
// connection: connections are opened on demand up to a maximum, kept open while the pool lives
// and closed (statements first) when it dies. Thread-safe.
class ConnectionPool {
public:
    // Runs once on each connection the pool opens, before it is first lent out: the place for
    // per-connection settings (SQLite's synchronous, foreign_keys, busy timeout). Throwing
    // closes the connection and makes get() throw.
    using OnOpen = std::function<void(Connection&)>;

    // Opens nothing yet. connector and connectionString are as for Poco::Data::Session.
    ConnectionPool(std::string connector, std::string connectionString, std::size_t maxConnections,
                   OnOpen onOpen = {});
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    // A borrowed connection; going out of scope returns it to the pool (a connection still in
    // a transaction is rolled back, and closed if that fails).
    class Lease {
    public:
        Lease(Lease&& other) noexcept : _pool(other._pool), _c(std::move(other._c)) {}
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Connection& operator*() const { return *_c; }
        Connection* operator->() const { return _c.get(); }

    private:
        friend class ConnectionPool;
        Lease(ConnectionPool& pool, std::unique_ptr<Connection> c)
            : _pool(pool), _c(std::move(c)) {}
        ConnectionPool& _pool;
        std::unique_ptr<Connection> _c;
    };

    // An idle connection, or a new one while fewer than maxConnections are open.
    // Throws Poco::Data::SessionPoolExhaustedException when all are lent out (as Poco's pool
    // did), and Poco::Data exceptions when a new connection cannot be opened.
    // REQUIRES: every Lease is gone before the pool is destroyed.
    Lease get();

private:
    void putBack(std::unique_ptr<Connection> c);

    const std::string _connector;
    const std::string _connectionString;
    const std::size_t _max;
    const OnOpen _onOpen;
    std::mutex _mutex;
    std::vector<std::unique_ptr<Connection>> _idle;
    std::size_t _open = 0;  // idle and lent out
};

}  // namespace kc::sql
