#include "http/Server.h"

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

namespace kc::http {

namespace {

// Poco's factory pointer is reference counted and released by the server; the router outlives
// it through _router, so hand the server a forwarding factory it can own.
class ForwardingFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit ForwardingFactory(Router& router) : _router(router) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& r) override {
        return _router.createRequestHandler(r);
    }

private:
    Router& _router;
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
    params->setTimeout(Poco::Timespan(_options.timeoutSeconds, 0));
    params->setKeepAlive(true);
    params->setServerName("KiemChung");
    _server = std::make_unique<Poco::Net::HTTPServer>(new ForwardingFactory(*_router), socket, params);
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
