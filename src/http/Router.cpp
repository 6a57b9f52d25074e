#include "http/Router.h"

#include "http/ErrorMapping.h"
#include "http/JsonText.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include <algorithm>
#include <chrono>

namespace kc::http {

namespace {

std::vector<std::string> segments(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos)
            end = path.size();
        if (end > start)
            out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// pat: a route pattern's segments (split once, when the router is built).
bool match(const std::vector<std::string>& pat, const std::vector<std::string>& path,
           std::map<std::string, std::string>& params) {
    // A final {*name} takes the rest of the path (one segment or more), joined with '/'.
    const bool rest = !pat.empty() && pat.back().rfind("{*", 0) == 0 && pat.back().back() == '}';
    if (rest ? path.size() < pat.size() : pat.size() != path.size()) return false;
    std::map<std::string, std::string> found;
    for (std::size_t i = 0; i < pat.size(); ++i) {
        if (rest && i + 1 == pat.size()) {
            std::string joined = path[i];
            for (std::size_t j = i + 1; j < path.size(); ++j) joined += "/" + path[j];
            found[pat[i].substr(2, pat[i].size() - 3)] = joined;
        } else if (pat[i].size() > 2 && pat[i].front() == '{' && pat[i].back() == '}')
            found[pat[i].substr(1, pat[i].size() - 2)] = path[i];
        else if (pat[i] != path[i])
            return false;
    }
    params = std::move(found);
    return true;
}

Error unauthenticated() {
    return {ErrorCode::Unauthenticated, "Cần đăng nhập để thực hiện thao tác này", {}};
}

// The access log: one line per request on logger "kiemchung.access" at information level,
// "203.0.113.7 xaphuckhanh PUT /api/v1/…/self 200 12 ms": the peer's address, the user ("-"
// before login), the method, the path as sent without its query (which may carry what people
// typed), the status and the time taken.
void logRequest(const Poco::Net::HTTPServerRequest& req, const Poco::Net::HTTPServerResponse& res,
                const std::string& user, std::chrono::steady_clock::time_point started) {
    Poco::Logger& log = Poco::Logger::get("kiemchung.access");
    if (!log.information())
        return;
    const std::string& uri = req.getURI();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    log.information(req.clientAddress().host().toString() + " " + (user.empty() ? "-" : user) +
                    " " + req.getMethod() + " " + uri.substr(0, uri.find('?')) + " " +
                    std::to_string(static_cast<int>(res.getStatus())) + " " + std::to_string(ms) +
                    " ms");
}

class RouteHandler final : public Poco::Net::HTTPRequestHandler {
public:
    RouteHandler(Router& router, bool expectsContinue)
        : _router(router), _expectsContinue(expectsContinue) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res) override {
        const auto started = std::chrono::steady_clock::now();
        const std::string user = _router.dispatch(req, res, _expectsContinue);
        logRequest(req, res, user, started);
    }

private:
    Router& _router;
    bool _expectsContinue;
};

}  // namespace

void render(Poco::Net::HTTPServerResponse& res, const Reply& reply,
            Poco::Net::StreamSocket* socket) {
    res.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Cache-Control", "no-store");
    for (const auto& [name, value] : reply.headers) res.add(name, value);
    if (reply.status == 204 || (reply.body.isEmpty() && reply.jsonText.empty())) {
        res.setContentLength(0);
        res.send();
        return;
    }
    std::string serialised;
    const std::string& text =
        reply.jsonText.empty() ? (serialised = jsonText(reply.body)) : reply.jsonText;
    res.setContentType("application/json; charset=utf-8");
    res.setContentLength(static_cast<std::streamsize>(text.size()));
    std::ostream& out = res.send();
    if (!socket) {
        out << text;
        return;
    }
    out.flush();  // the status line and headers
    // A blocking stream socket sends everything in one call; loop all the same.
    try {
        for (std::size_t at = 0; at < text.size();) {
            const int n = socket->sendBytes(
                text.data() + at,
                static_cast<int>(std::min<std::size_t>(text.size() - at, 1 << 30)));
            if (n <= 0)
                throw Poco::Net::NetException("the reply could not be sent");
            at += static_cast<std::size_t>(n);
        }
    } catch (const Poco::Exception&) {
        cutConnection(*socket, res);
        throw;
    }
}

Router::Router(std::vector<Route> routes, AuthService& auth, HttpLimits limits)
    : _routes(std::move(routes)), _auth(auth), _limits(limits) {
    for (const Route& r : _routes) _patterns.push_back(segments(r.pattern));
}

Poco::Net::HTTPRequestHandler* Router::createRequestHandler(
    const Poco::Net::HTTPServerRequest& req) {
    // Poco answers "Expect: 100-continue" as soon as this returns, before any check; the header
    // is taken away so that Request::continueBody answers it once the request has passed its
    // checks. (Poco passes its own, non-const request object as const to factories only.)
    const bool expectsContinue = req.getExpectContinue();
    if (expectsContinue)
        const_cast<Poco::Net::HTTPServerRequest&>(req).setExpectContinue(false);
    return new RouteHandler(*this, expectsContinue);
}

std::string Router::dispatch(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res,
                             bool expectsContinue) {
    std::string user;  // once the session is known
    dispatchAs(req, res, expectsContinue, user);
    return user;
}

void Router::dispatchAs(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res,
                        bool expectsContinue, std::string& user) {
    // Body bytes nobody read would be parsed as the next request on a kept-alive connection:
    // unless the handler reads the body to its end, the reply closes the connection.
    const bool keepAlive = res.getKeepAlive();
    const std::string& method = req.getMethod();
    const bool hasBody = req.getChunkedTransferEncoding() || req.getContentLength64() > 0 ||
                         (!req.hasContentLength() && method != "GET" && method != "HEAD" &&
                          method != "DELETE");
    if (hasBody) res.setKeepAlive(false);
    try {
        auto path = segments(Poco::URI(req.getURI()).getPath());
        const Route* route = nullptr;
        std::string allowed;  // the methods of the path, for a 405's Allow header
        std::map<std::string, std::string> params;
        for (std::size_t i = 0; i < _routes.size(); ++i) {
            const Route& r = _routes[i];
            std::map<std::string, std::string> p;
            if (!match(_patterns[i], path, p)) continue;
            allowed +=
                (allowed.empty() ? "" : ", ") + r.method + (r.method == "GET" ? ", HEAD" : "");
            // HEAD is GET without a body (Poco's response stream drops the body for HEAD).
            if (r.method == req.getMethod() || (r.method == "GET" && req.getMethod() == "HEAD")) {
                route = &r;
                params = std::move(p);
                break;
            }
        }
        if (!route) {
            if (!allowed.empty()) {
                Reply reply = Reply::error({ErrorCode::MethodNotAllowed,
                                            "Phương thức " + req.getMethod() +
                                                " không được hỗ trợ ở địa chỉ này",
                                            {}});
                reply.headers.emplace_back("Allow", allowed);
                return render(res, reply);
            }
            return render(res, Reply::error(Error::notFound("Không có địa chỉ " + req.getURI())));
        }

        Request request(req, res, std::move(params), _limits, expectsContinue);
        if (!route->access.isPublic) {
            std::string token;
            bool fromCookie = false;
            const std::string auth = req.get("Authorization", "");
            if (auth.rfind("Bearer ", 0) == 0) {
                token = auth.substr(7);
            } else {
                Poco::Net::NameValueCollection cookies;
                req.getCookies(cookies);
                token = cookies.get(kSessionCookie, "");
                fromCookie = !token.empty();
            }
            if (token.empty()) return render(res, Reply::error(unauthenticated()));
            auto session = _auth.authenticate(token);
            if (!session.ok()) return render(res, Reply::error(session.error()));
            const auto& roles = route->access.roles;
            if (std::find(roles.begin(), roles.end(), session->actor.role) == roles.end())
                return render(res, Reply::error(Error::forbidden(
                                       "Vai trò " + std::string(roleLabel(session->actor.role)) +
                                       " không được phép thực hiện thao tác này")));
            // Cookies ride along on cross-site requests; writes must prove same-origin.
            bool safe = req.getMethod() == "GET" || req.getMethod() == "HEAD";
            if (fromCookie && !safe && req.get("X-CSRF-Token", "") != session->csrfToken)
                return render(res, Reply::error(Error::forbidden("Thiếu hoặc sai mã CSRF (X-CSRF-Token)")));
            user = session->actor.username;
            request.actor = session->actor;
            request.sessionToken = token;
        }
        Reply reply = route->handler(request);
        const bool unread = hasBody && !(req.stream().eof() || request.bodyRead);
        if (hasBody && !unread)
            res.setKeepAlive(keepAlive);
        if (!reply.alreadySent) {
            // HEAD replies must go through Poco's stream, which drops their body.
            auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&req);
            render(res, reply, impl && method != "HEAD" ? &impl->socket() : nullptr);
            // A body refused unread (413 from its Content-Length): closing now would reset the
            // connection under a client still sending, which would never read the reply.
            if (unread && impl && method != "HEAD")
                lingerAfterReply(req);
        }
    } catch (const Poco::Exception& e) {
        // Malformed requests surface from Poco's parsers as exceptions (TECH-NOTES).
        if (!res.sent())
            render(res, Reply::error(Error::invalid("Yêu cầu không hợp lệ: " + e.message())));
    } catch (const std::exception& e) {
        // Broken infrastructure (a full disk, an I/O error, a bug): logged for the operator; the
        // client gets a plain reply, and is let finish a body the handler left unread, so that
        // the reply is not lost to a reset connection.
        Poco::Logger::get("kiemchung.http")
            .error("internal error on " + req.getMethod() + " " + req.getURI() + ": " + e.what());
        auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&req);
        if (!res.sent() && impl && method != "HEAD") {
            try {
                render(res, Reply::error(infrastructureError(e)), &impl->socket());
                if (hasBody)
                    lingerAfterReply(req);
            } catch (const Poco::Exception&) {
                // The client is gone: render() has closed the connection.
            }
        } else if (!res.sent()) {
            render(res, Reply::error(infrastructureError(e)));
        }
    }
}

}  // namespace kc::http
