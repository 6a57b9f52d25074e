#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/Result.h"
#include "domain/Entities.h"

namespace kc::http {

struct HttpLimits {
    std::size_t maxJsonBytes = 2 * 1024 * 1024;
};

// What a handler sees: the parsed route, the authenticated actor (if the route needs one) and
// helpers to read the body within the configured limits.
class Request {
public:
    Request(Poco::Net::HTTPServerRequest& raw, Poco::Net::HTTPServerResponse& response,
            std::map<std::string, std::string> params, const HttpLimits& limits,
            bool expectsContinue = false)
        : raw(raw),
          response(response),
          _params(std::move(params)),
          _limits(limits),
          _awaitingContinue(expectsContinue) {}

    Poco::Net::HTTPServerRequest& raw;
    Poco::Net::HTTPServerResponse& response;  // only for handlers that stream their own reply
    std::optional<Actor> actor;               // set on every route that requires a session
    std::string sessionToken;
    // Set by a handler that read the whole body other than through raw.stream() (an upload
    // read from the socket directly, see MultipartUpload): the connection may stay open.
    bool bodyRead = false;

    const Actor& who() const { return *actor; }
    // A HEAD request: a handler that streams its own reply sends the headers only (Poco drops
    // the body, but producing it would still read every stored byte for nothing).
    bool isHead() const { return raw.getMethod() == "HEAD"; }
    const std::string& param(const std::string& name) const { return _params.at(name); }
    // Integer path parameter; InvalidInput when it is not a number.
    Result<std::int64_t> intParam(const std::string& name) const;
    // The {year} path parameter of period routes.
    Result<int> yearParam() const;
    // Query-string value, or nullopt when absent.
    std::optional<std::string> query(const std::string& name) const;
    // Non-negative integer query value, fallback when absent; InvalidInput when malformed.
    Result<std::int64_t> intQuery(const std::string& name, std::int64_t fallback) const;
    // A true/false query parameter ("true"/"1", "false"/"0"); false when absent.
    Result<bool> boolQuery(const std::string& name) const;

    // The body as text: TooLarge past the JSON limit, or past maxBytes when given (by
    // Content-Length or by counting), InvalidInput when it is not UTF-8.
    Result<std::string> bodyText();
    Result<std::string> bodyText(std::uint64_t maxBytes);
    // The body bytes as sent (no UTF-8 check), within the same limit; for formats such as CSV
    // whose parser explains an encoding problem itself.
    Result<std::string> bodyBytes();
    // The same with another limit (e.g. a PDF to verify).
    Result<std::string> bodyBytes(std::uint64_t limit);
    // The body parsed as a JSON object (InvalidInput with the parser's position otherwise;
    // TooLarge past the JSON limit, or past maxBytes for a route whose body is always small).
    Result<Poco::JSON::Object::Ptr> jsonBody();
    Result<Poco::JSON::Object::Ptr> jsonBody(std::uint64_t maxBytes);

    // A client that sent "Expect: 100-continue" (curl for bodies over 1 MiB, .NET and
    // PowerShell clients) waits for "100 Continue" before it sends the body. The router holds
    // Poco's automatic answer back, so that a request refused before its body is read (access,
    // phase, target, declared size) is answered without the client sending the body at all.
    // Every reader of the body calls continueBody() first; it answers once.
    void continueBody();
    // True while such a client still waits: its body has not been sent.
    bool bodyWithheld() const { return _awaitingContinue; }

    // Ends the connection after a streamed reply that could not be completed (the client left
    // or stopped reading, a stored file went missing): see cutConnection below.
    void cutConnection();

private:
    std::map<std::string, std::string> _params;
    const HttpLimits& _limits;
    bool _awaitingContinue;
};

// Closes a connection after its reply and shuts it down at once: a client that stopped reading
// then costs no further wait (Poco's final flush fails instead of waiting out the send
// timeout again), and a client still reading sees a transfer cut short, not a chunked body
// ended as if it were whole.
void cutConnection(Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerResponse& res);

// After a reply (flushed, with Connection: close) was sent without reading the whole body:
// closes the sending side and reads and drops what the client still sends, for at most
// `seconds`, so that the client reads the reply before the connection is closed (closing with
// unread data resets it, and the client may lose the reply). The connection must not be reused
// afterwards.
void lingerAfterReply(Poco::Net::HTTPServerRequest& request, int seconds = 2);

// What a handler returns. A handler that wrote the response itself returns Reply::sent().
struct Reply {
    int status = 200;
    Poco::Dynamic::Var body;
    std::vector<std::pair<std::string, std::string>> headers;
    bool alreadySent = false;
    std::string jsonText;  // when not empty: the body, already serialised (body is then unused)

    static Reply json(Poco::Dynamic::Var body, int status = 200) { return {status, std::move(body), {}, false, {}}; }
    static Reply text(std::string json, int status = 200) { return {status, {}, {}, false, std::move(json)}; }
    static Reply noContent() { return {204, {}, {}, false, {}}; }
    static Reply sent() { return {0, {}, {}, true, {}}; }
    static Reply error(const Error& e);
};

// A JSON array of each item mapped through f.
template <typename T, typename F>
Poco::JSON::Array::Ptr arrayOf(const std::vector<T>& items, F&& f) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& item : items) a->add(f(item));
    return a;
}

// Shorthand for handlers: the reply of a Result (mapped through f) or its error.
template <typename T, typename F>
Reply replyOf(const Result<T>& r, F&& f, int status = 200) {
    if (!r.ok()) return Reply::error(r.error());
    return Reply::json(f(r.value()), status);
}

}  // namespace kc::http
