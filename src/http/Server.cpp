#include "http/Server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

namespace kc::http {

namespace {

// Poco gives the connection's socket the server timeout for receiving only: a client that
// stops reading a download (a paused browser download, a vanished phone) would hold its thread
// until the kernel gave up on the connection, or for good if the client's window stays shut.
// Each request's socket gets the same limit for sending: a send that moves no byte for that
// long fails and the handler stops writing. The connection is then reset at once: kept alive,
// its thread would wait for the client's next request; shut down gently, Poco's own final
// flush of the reply would wait out the timeout once more.
class SendTimeoutHandler final : public Poco::Net::HTTPRequestHandler {
public:
    SendTimeoutHandler(Poco::Net::HTTPRequestHandler* inner, Poco::Timespan timeout)
        : _inner(inner), _timeout(timeout) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& res) override {
        auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&req);
        if (impl)
            impl->socket().setSendTimeout(_timeout);
        _inner->handleRequest(req, res);
        if (impl && impl->session().networkException())
            resetConnection(impl->socket(), res);
    }

private:
    std::unique_ptr<Poco::Net::HTTPRequestHandler> _inner;
    Poco::Timespan _timeout;
};

// Poco's factory pointer is reference counted and released by the server; the router outlives
// it through _router, so hand the server a forwarding factory it can own.
class ForwardingFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    ForwardingFactory(Router& router, Poco::Timespan sendTimeout)
        : _router(router), _sendTimeout(sendTimeout) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& r) override {
        return new SendTimeoutHandler(_router.createRequestHandler(r), _sendTimeout);
    }

private:
    Router& _router;
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
    _server = std::make_unique<Poco::Net::HTTPServer>(new ForwardingFactory(*_router, timeout),
                                                      socket, params);
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
