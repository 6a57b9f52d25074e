#pragma once

#include <memory>
#include <string>
#include <vector>

#include "http/Router.h"

namespace Poco::Net {
class HTTPServer;
}

namespace kc::http {

struct ServerOptions {
    std::string bindAddress = "127.0.0.1";
    unsigned short port = 8080;  // 0 picks a free port (tests)
    int maxThreads = 16;
    int maxQueued = 64;
    int timeoutSeconds = 60;  // a client that stops sending or reading is cut off after this
};

// Poco's multi-threaded HTTP server around a Router. start() returns once listening.
class Server {
public:
    Server(ServerOptions options, std::vector<Route> routes, AuthService& auth, HttpLimits limits);
    ~Server();

    void start();
    void stop();
    unsigned short port() const;  // the bound port (after start)

private:
    ServerOptions _options;
    std::unique_ptr<Router> _router;
    std::unique_ptr<Poco::Net::HTTPServer> _server;
};

}  // namespace kc::http
