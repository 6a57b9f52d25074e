#include "http/Connection.h"

#include <Poco/Delegate.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/String.h>
#include <Poco/Timestamp.h>

#include <memory>

#include "http/Request.h"
#include "http/Router.h"

namespace kc::http {

namespace {

using Poco::Net::HTTPResponse;

// The reply to a request head that could not be read or is refused; the connection closes
// after it.
void refuseHead(Poco::Net::HTTPServerSession& session, const std::string& why) {
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setKeepAlive(false);
    render(response,
           Reply::error(Error::invalid(
               "Yêu cầu HTTP sai cú pháp (dòng đầu, dòng tiêu đề hoặc Content-Length), hoặc "
               "gửi không hết trong thời hạn",
               {{"http", why}})),
           nullptr);
    session.setKeepAlive(false);
}

// What Poco sends when there is no handler or the handler failed before replying.
void sendBareError(Poco::Net::HTTPServerSession& session, HTTPResponse::HTTPStatus status) {
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(status);
    response.setKeepAlive(false);
    response.send();
    session.setKeepAlive(false);
}

// Framing that a proxy in front and this server could read differently, refused as nginx
// refuses it: Poco would take the first of two Content-Length headers, read a body of an
// unknown coding to the end of the connection, and let chunked win over Content-Length. A proxy
// reading the other way would see a different end of the request (request smuggling).
std::string framingProblem(const Poco::Net::HTTPRequest& request) {
    int lengths = 0, codings = 0;
    for (const auto& [name, value] : request) {
        lengths += Poco::icompare(name, "Content-Length") == 0;
        codings += Poco::icompare(name, "Transfer-Encoding") == 0;
    }
    if (lengths > 1)
        return "Content-Length appears more than once";
    if (codings > 1 || (codings == 1 && Poco::icompare(Poco::trim(request.get("Transfer-Encoding")),
                                                       "chunked") != 0))
        return "Transfer-Encoding other than chunked";
    if (codings == 1 && lengths == 1)
        return "both Transfer-Encoding and Content-Length";
    return {};
}

}  // namespace

Connection::Connection(const Poco::Net::StreamSocket& socket,
                       Poco::Net::HTTPServerParams::Ptr params,
                       Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                       Poco::BasicEvent<const bool>& stopped, HeadDeadlines& heads,
                       HeadDeadlines::Clock::duration firstHead)
    : TCPServerConnection(socket),
      _params(std::move(params)),
      _factory(std::move(factory)),
      _serverStopped(stopped),
      _heads(heads),
      _firstHead(firstHead) {
    _serverStopped += Poco::delegate(this, &Connection::onServerStopped);
}

Connection::~Connection() {
    _serverStopped -= Poco::delegate(this, &Connection::onServerStopped);
}

void Connection::run() {
    struct Armed {  // disarmed however run() ends, before the socket closes
        HeadDeadlines& heads;
        int fd;
        ~Armed() { heads.disarm(fd); }
    } armed{_heads, socket().impl()->sockfd()};
    armed.heads.arm(armed.fd, HeadDeadlines::Clock::now() + _firstHead);
    serve();
}

void Connection::serve() {
    const std::string server = _params->getSoftwareVersion();
    Poco::Net::HTTPServerSession session(socket(), _params);
    while (!_stopped && session.hasMoreRequests()) {
        try {
            Poco::FastMutex::ScopedLock lock(_mutex);
            if (_stopped)
                break;
            Poco::Net::HTTPServerResponseImpl response(session);
            std::unique_ptr<Poco::Net::HTTPServerRequestImpl> request;
            try {
                request =
                    std::make_unique<Poco::Net::HTTPServerRequestImpl>(response, session, _params);
            } catch (const Poco::Net::NoMessageException&) {
                break;  // the client closed the connection between requests
            } catch (const Poco::Net::MessageException& e) {
                refuseHead(session, e.displayText());
                break;
            } catch (const Poco::SyntaxException& e) {  // Content-Length not a number
                refuseHead(session, e.displayText());
                break;
            }
            if (std::string problem = framingProblem(*request); !problem.empty()) {
                refuseHead(session, problem);
                lingerAfterReply(*request);  // its body is not read: let the client finish
                break;
            }
            response.setDate(Poco::Timestamp());
            response.setVersion(request->getVersion());
            response.setKeepAlive(_params->getKeepAlive() && request->getKeepAlive() &&
                                  session.canKeepAlive());
            if (!server.empty())
                response.set("Server", server);
            try {
                std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
                    _factory->createRequestHandler(*request));
                if (!handler) {
                    sendBareError(session, HTTPResponse::HTTP_NOT_IMPLEMENTED);
                    continue;
                }
                if (request->getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK)
                    response.sendContinue();
                handler->handleRequest(*request, response);
                session.setKeepAlive(_params->getKeepAlive() && response.getKeepAlive() &&
                                     session.canKeepAlive());
            } catch (const Poco::Exception&) {
                if (!response.sent()) {
                    try {
                        sendBareError(session, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
                    } catch (...) {
                    }
                }
                throw;
            }
        } catch (const Poco::Exception&) {
            if (session.networkException())
                session.networkException()->rethrow();
            throw;
        }
    }
}

void Connection::onServerStopped(const bool& abortCurrent) {
    _stopped = true;
    try {
        if (abortCurrent) {
            socket().shutdown();
        } else {
            Poco::FastMutex::ScopedLock lock(_mutex);  // once the current request is served
            socket().shutdown();
        }
    } catch (...) {
    }
}

}  // namespace kc::http
