#include "http/Server.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include "http/Connection.h"
#include "http/HeadDeadlines.h"

namespace kc::http {

// Poco's connection handling, adjusted around each request.
//
// Sending: Poco gives the socket the server timeout for receiving only, so a client that stops
// reading a download (a paused browser download, a vanished phone) would hold its thread until
// the kernel gave up on the connection, or for good while the client's window stays shut. Each
// request's socket gets the same limit for sending: a send that moves no byte for that long
// fails and the handler stops writing. The connection is then closed, not kept alive for a
// next request that will not come; the large streamed replies (evidence downloads, exports)
// also shut it down at once (Request::cutConnection), so Poco's own final flush of the reply
// does not wait out the timeout a second time.
//
// Keep-alive: a kept-alive connection holds its thread while it waits for the next request (up
// to Poco's 15 s), and new connections queue behind it. A burst of 40 requests through nginx,
// which keeps up to `keepalive` idle connections per worker, left the slowest waiting 20-30 s
// for 16 threads (docs/operations.md). So, as Tomcat's thread-per-connection connector did, a reply
// keeps its connection alive only while at most three quarters of the threads are taken and nobody
// waits; otherwise it closes it, and the thread goes to the next connection.
//
// Request heads: the whole head of a request must arrive within the timeout (HeadDeadlines),
// not only each piece of it. The deadline is armed when a connection starts (Connection)
// and after each reply on a kept-alive connection (then with Poco's keep-alive wait added), and
// disarmed by ConnectionHandler once the head has arrived.
struct ConnectionPolicy {
    const std::unique_ptr<Poco::Net::TCPServer>& server;  // set before the first request
    HeadDeadlines& heads;
    int maxThreads;
    Poco::Timespan timeout;
    HeadDeadlines::Clock::duration firstHead;  // from the connection's start: the timeout
    HeadDeadlines::Clock::duration nextHead;   // from a reply: keep-alive wait + the timeout
};

namespace {

class ConnectionHandler final : public Poco::Net::HTTPRequestHandler {
public:
    ConnectionHandler(Poco::Net::HTTPRequestHandler* inner, const ConnectionPolicy& policy)
        : _inner(inner), _policy(policy) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& res) override {
        auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&req);
        if (impl) {
            _policy.heads.disarm(impl->socket().impl()->sockfd());
            impl->socket().setSendTimeout(_policy.timeout);
        }
        // (Poco's maxThreads() is its thread pool's capacity, not the limit it was given.)
        const Poco::Net::TCPServer& server = *_policy.server;
        if (server.queuedConnections() > 0 ||
            4 * server.currentConnections() > 3 * _policy.maxThreads)
            res.setKeepAlive(false);
        _inner->handleRequest(req, res);
        if (impl && impl->session().networkException())
            res.setKeepAlive(false);  // sending or receiving failed: the connection is done
        if (impl && res.getKeepAlive())
            _policy.heads.arm(impl->socket().impl()->sockfd(),
                              HeadDeadlines::Clock::now() + _policy.nextHead);
    }

private:
    std::unique_ptr<Poco::Net::HTTPRequestHandler> _inner;
    const ConnectionPolicy& _policy;
};

}  // namespace

// The request handler factory of every connection: the router's handler inside
// ConnectionHandler. Poco's factory pointers are reference counted, so Server holds one too.
class ForwardingFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    ForwardingFactory(Router& router, const ConnectionPolicy& policy)
        : _router(router), _policy(policy) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& r) override {
        return new ConnectionHandler(_router.createRequestHandler(r), _policy);
    }
    // Shuts every open connection down, as Poco's HTTPServer::stopAll(true) does.
    void stopAll() { serverStopped(this, true); }
    // The event each Connection listens to (Poco keeps it protected).
    Poco::BasicEvent<const bool>& stopped() { return serverStopped; }

private:
    Router& _router;
    const ConnectionPolicy& _policy;
};

namespace {

class ConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
public:
    ConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                      Poco::SharedPtr<ForwardingFactory> factory, const ConnectionPolicy& policy)
        : _params(params), _factory(factory), _policy(policy) {}
    Poco::Net::TCPServerConnection* createConnection(
        const Poco::Net::StreamSocket& socket) override {
        return new Connection(socket, _params, _factory, _factory->stopped(), _policy.heads,
                              _policy.firstHead);
    }

private:
    Poco::Net::HTTPServerParams::Ptr _params;
    Poco::SharedPtr<ForwardingFactory> _factory;
    const ConnectionPolicy& _policy;
};

}  // namespace

Server::Server(ServerOptions options, std::vector<Route> routes, AuthService& auth, HttpLimits limits)
    : _options(std::move(options)), _router(std::make_unique<Router>(std::move(routes), auth, limits)) {}

Server::~Server() { stop(); }

void Server::start() {
    // Poco's ServerSocket(address, backlog) binds with reuseAddress, which in Poco 1.11 also
    // sets SO_REUSEPORT: a second server on a taken port would then start and share it. Bind
    // with SO_REUSEADDR only (a restart need not wait out TIME_WAIT), so a taken port fails.
    Poco::Net::ServerSocket socket;
    try {
        socket.bind(Poco::Net::SocketAddress(_options.bindAddress, _options.port), true, false);
        socket.listen(64);
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("cannot listen on " + _options.bindAddress + ":" +
                                 std::to_string(_options.port) + ": " + e.displayText() +
                                 " (another server on that port? see http.bind, http.port)");
    }
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(_options.maxThreads);
    params->setMaxQueued(_options.maxQueued);
    const Poco::Timespan timeout(_options.timeoutSeconds, 0);
    params->setTimeout(timeout);
    params->setKeepAlive(true);
    params->setServerName("KiemChung");
    _heads = std::make_unique<HeadDeadlines>();
    const auto micros = [](const Poco::Timespan& t) {
        return std::chrono::microseconds(t.totalMicroseconds());
    };
    _policy = std::make_unique<ConnectionPolicy>(
        ConnectionPolicy{_server, *_heads, _options.maxThreads, timeout, micros(timeout),
                         micros(timeout) + micros(params->getKeepAliveTimeout())});
    _handlers = new ForwardingFactory(*_router, *_policy);
    // What Poco's HTTPServer does, with Connection for Poco's HTTPServerConnection.
    _server = std::make_unique<Poco::Net::TCPServer>(
        new ConnectionFactory(params, _handlers, *_policy), socket, params);
    _server->start();
}

void Server::stop() {
    if (!_server)
        return;
    _server->stop();       // accepts no more connections
    _handlers->stopAll();  // shuts the open ones down
    // Their threads use the policy and the deadlines: let them finish before those go.
    for (int i = 0; i < 500 && _server->currentThreads() > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    _server.reset();
    _handlers = nullptr;
    _policy.reset();
    _heads.reset();
}

unsigned short Server::port() const { return _server ? _server->port() : 0; }

}  // namespace kc::http
