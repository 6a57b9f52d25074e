#include "storage/ConnectionPool.h"

#include <Poco/Data/SessionPool.h>
#include <Poco/Exception.h>

namespace kc::sql {

ConnectionPool::ConnectionPool(std::string connector, std::string connectionString,
                               std::size_t maxConnections, OnOpen onOpen)
    : _connector(std::move(connector)),
      _connectionString(std::move(connectionString)),
      _max(maxConnections),
      _onOpen(std::move(onOpen)) {}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease::~Lease() {
    if (_c)
        _pool.putBack(std::move(_c));
}

ConnectionPool::Lease ConnectionPool::get() {
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (!_idle.empty()) {
            std::unique_ptr<Connection> c = std::move(_idle.back());
            _idle.pop_back();
            return Lease(*this, std::move(c));
        }
        if (_open >= _max)
            throw Poco::Data::SessionPoolExhaustedException(_connector);
        ++_open;  // reserved while the connection opens outside the lock
    }
    try {
        auto c = std::make_unique<Connection>(Poco::Data::Session(_connector, _connectionString));
        if (_onOpen)
            _onOpen(*c);
        return Lease(*this, std::move(c));
    } catch (...) {
        std::lock_guard<std::mutex> lock(_mutex);
        --_open;
        throw;
    }
}

void ConnectionPool::putBack(std::unique_ptr<Connection> c) {
    // A transaction left open (a failed ROLLBACK) must not leak into the next borrower's.
    bool healthy = true;
    try {
        if (c->inTransaction())
            c->session().rollback();
        healthy = !c->inTransaction();
    } catch (const Poco::Exception&) {
        healthy = false;
    }
    std::lock_guard<std::mutex> lock(_mutex);
    if (healthy)
        _idle.push_back(std::move(c));
    else
        --_open;  // c closes on the way out
}

}  // namespace kc::sql
