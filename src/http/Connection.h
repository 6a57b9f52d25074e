#pragma once

#include <Poco/BasicEvent.h>
#include <Poco/Mutex.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnection.h>

#include <atomic>

#include "http/HeadDeadlines.h"

namespace kc::http {

// One HTTP connection: the request loop of Poco's HTTPServerConnection (1.11; Poco is under
// the Boost Software License 1.0, as Debian's libpoco-dev ships it), with two changes.
// - A request whose head Poco cannot read gets a 400 with the API's JSON error body, then the
//   connection closes. Poco answered a malformed request line and header lines too long or too
//   many with a bare 400, and closed the connection without a word when Content-Length was not
//   a number (its request constructor throws a SyntaxException that its loop does not catch).
//   A head cut off by its deadline (HeadDeadlines) is answered the same way, and so is framing
//   a proxy could read differently: two Content-Length headers, a Transfer-Encoding other
//   than chunked, or both headers at once.
// - The deadline for the first request head is armed as the connection starts, and disarmed
//   however run() ends, before the socket closes.
// Like Poco's, it stops at the factory's serverStopped event (stopped: that event, which Poco
// keeps protected), shutting its socket down when told to abort the current request.
class Connection final : public Poco::Net::TCPServerConnection {
public:
    Connection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
               Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
               Poco::BasicEvent<const bool>& stopped, HeadDeadlines& heads,
               HeadDeadlines::Clock::duration firstHead);
    ~Connection() override;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void run() override;

private:
    void serve();
    void onServerStopped(const bool& abortCurrent);

    Poco::Net::HTTPServerParams::Ptr _params;
    Poco::Net::HTTPRequestHandlerFactory::Ptr _factory;
    Poco::BasicEvent<const bool>& _serverStopped;  // the factory's
    HeadDeadlines& _heads;
    HeadDeadlines::Clock::duration _firstHead;
    std::atomic<bool> _stopped{false};
    Poco::FastMutex _mutex;  // held while a request is served
};

}  // namespace kc::http
