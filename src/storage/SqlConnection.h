#pragma once

#include <Poco/Data/Session.h>

#include <string>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace kc::sql {

// One open database connection and, on SQLite, the statements prepared on it, kept by SQL text
// for the connection's lifetime (a handful of small lookups run on every request, and preparing
// them cost more than running them). The statements live and die with the connection that
// prepared them, so no statement outlives its connection and none is shared between
// connections. Not thread-safe: one thread uses a connection at a time (ConnectionPool).
class Connection {
public:
    // Takes an open session. Throws Poco::Data exceptions if its SQLite handle cannot be read.
    explicit Connection(Poco::Data::Session session);
    // Finalizes the cached statements, then closes the session.
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Poco::Data::Session& session() { return _session; }

    // The SQLite handle, or nullptr when the session belongs to another connector.
    sqlite3* sqlite() const { return _db; }

    // A prepared statement borrowed from the connection: on release it is reset and its
    // bindings cleared (a cached one goes back to the cache, any other is finalized).
    class Statement {
    public:
        Statement(Statement&& other) noexcept;
        Statement& operator=(Statement&&) = delete;
        ~Statement();
        sqlite3_stmt* get() const { return _st; }

    private:
        friend class Connection;
        Statement(sqlite3_stmt* st, bool* busy) : _st(st), _busy(busy) {}
        sqlite3_stmt* _st;
        bool* _busy;  // the cache entry's flag, or nullptr for a statement of its own
    };

    // The statement for sql (one statement; trailing text is an error), reset and unbound.
    // The same text gets the cached statement unless it is in use (a query run from inside
    // another's row callback), in which case a new one is prepared for this use only.
    // Throws Poco::Data::DataException with SQLite's message if sql does not prepare.
    // REQUIRES: sqlite() != nullptr; the Statement is released before the Connection dies.
    Statement prepare(const std::string& sql);

    // True while a transaction is open on the connection (SQLite: not in autocommit mode).
    bool inTransaction();

    // Statements kept per connection at most; past this, statements are prepared per use.
    static constexpr std::size_t kMaxCached = 256;

private:
    struct Cached {
        sqlite3_stmt* st = nullptr;
        bool busy = false;
    };

    Poco::Data::Session _session;
    sqlite3* _db = nullptr;
    std::unordered_map<std::string, Cached> _cache;
};

}  // namespace kc::sql
