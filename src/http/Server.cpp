#include "http/Server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

namespace kc::http {

namespace {

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
class ConnectionHandler final : public Poco::Net::HTTPRequestHandler {
public:
    ConnectionHandler(Poco::Net::HTTPRequestHandler* inner, const Poco::Net::HTTPServer& server,
                      int maxThreads, Poco::Timespan sendTimeout)
        : _inner(inner), _server(server), _maxThreads(maxThreads), _sendTimeout(sendTimeout) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& res) override {
        auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&req);
        if (impl)
            impl->socket().setSendTimeout(_sendTimeout);
        // (Poco's maxThreads() is its thread pool's capacity, not the limit it was given.)
        if (_server.queuedConnections() > 0 || 4 * _server.currentConnections() > 3 * _maxThreads)
            res.setKeepAlive(false);
        _inner->handleRequest(req, res);
        if (impl && impl->session().networkException())
            res.setKeepAlive(false);  // sending or receiving failed: the connection is done
    }

private:
    std::unique_ptr<Poco::Net::HTTPRequestHandler> _inner;
    const Poco::Net::HTTPServer& _server;
    int _maxThreads;
    Poco::Timespan _sendTimeout;
};

// Poco's factory pointer is reference counted and released by the server; Server's router and
// its pointer to the Poco server outlive it, so hand the server a forwarding factory it can own.
class ForwardingFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    ForwardingFactory(Router& router, const std::unique_ptr<Poco::Net::HTTPServer>& server,
                      int maxThreads, Poco::Timespan sendTimeout)
        : _router(router), _server(server), _maxThreads(maxThreads), _sendTimeout(sendTimeout) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& r) override {
        return new ConnectionHandler(_router.createRequestHandler(r), *_server, _maxThreads,
                                     _sendTimeout);
    }

private:
    Router& _router;
    const std::unique_ptr<Poco::Net::HTTPServer>& _server;  // set before the first request
    int _maxThreads;
    Poco::Timespan _sendTimeout;
};

}  // namespace

Server::Server(ServerOptions options, std::vector<Route> routes, AuthService& auth, HttpLimits limits)
    : _options(std::move(options)), _router(std::make_unique<Router>(std::move(routes), auth, limits)) {}

Server::~Server() { stop(); }

void Server::start() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(_options.bindAddress, _options.port), 64);
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(_options.maxThreads);
    params->setMaxQueued(_options.maxQueued);
    const Poco::Timespan timeout(_options.timeoutSeconds, 0);
    params->setTimeout(timeout);
    params->setKeepAlive(true);
    params->setServerName("KiemChung");
    _server = std::make_unique<Poco::Net::HTTPServer>(
        new ForwardingFactory(*_router, _server, _options.maxThreads, timeout), socket, params);
    _server->start();
}

void Server::stop() {
    if (_server) {
        _server->stopAll(true);
        _server.reset();
    }
}

unsigned short Server::port() const { return _server ? _server->port() : 0; }

}  // namespace kc::http
