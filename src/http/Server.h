#pragma once

#include <Poco/SharedPtr.h>

#include <memory>
#include <string>
#include <vector>

#include "http/Router.h"

namespace Poco::Net {
class TCPServer;
}

namespace kc::http {

struct ServerOptions {
    std::string bindAddress = "127.0.0.1";
    unsigned short port = 8080;  // 0 picks a free port (tests)
    int maxThreads = 16;
    int maxQueued = 64;
    // A client that stops sending or reading is cut off after this; a request's whole head must
    // arrive within it.
    int timeoutSeconds = 60;
};

class HeadDeadlines;
struct ConnectionPolicy;
class ForwardingFactory;

// Poco's multi-threaded HTTP server around a Router, with the connection policy described in
// Server.cpp. start() returns once listening, and throws std::runtime_error naming the address
// when it cannot listen there (the port taken, by another server too; an unknown address);
// stop() closes every connection and waits (up to 5 s) for their threads to finish.
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
    std::unique_ptr<HeadDeadlines> _heads;
    std::unique_ptr<ConnectionPolicy> _policy;
    Poco::SharedPtr<ForwardingFactory> _handlers;
    std::unique_ptr<Poco::Net::TCPServer> _server;
};

}  // namespace kc::http
