#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/StreamSocket.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "domain/Role.h"
#include "http/Request.h"
#include "services/AuthService.h"

namespace kc::http {

using Handler = std::function<Reply(Request&)>;

// Who may call a route. Public routes need no session; all others need one whose role is listed.
struct Access {
    bool isPublic = false;
    std::vector<Role> roles;

    static Access open() { return {true, {}}; }
    static Access roles_(std::initializer_list<Role> r) { return {false, r}; }
    static Access anyUser() { return {false, {Role::Admin, Role::Clerk, Role::Reviewer, Role::Unit}}; }
};

struct Route {
    std::string method;   // "GET", "POST", ...
    std::string pattern;  // "/api/v1/units/{code}": {name} matches one path segment; a final
                          // {*name} matches the rest, one segment or more ("/static/{*path}")
    Access access;
    Handler handler;
};

// Matches requests against the route table, authenticates (bearer token or session cookie),
// checks roles and CSRF, runs the handler and renders its Reply or error as JSON. Unknown paths
// get a 404 JSON error, known paths with another method 405. Thread-safe.
class Router final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Router(std::vector<Route> routes, AuthService& auth, HttpLimits limits);

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override;

    // Routing and rendering for one request; exposed for the handler wrapper. expectsContinue:
    // the client sent "Expect: 100-continue" and waits for Request::continueBody. Returns the
    // user name of the request's session ("" without one), for the access log.
    std::string dispatch(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res,
                         bool expectsContinue = false);

    static constexpr const char* kSessionCookie = "kc_session";

private:
    void dispatchAs(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res,
                    bool expectsContinue, std::string& user);

    std::vector<Route> _routes;
    std::vector<std::vector<std::string>> _patterns;  // per route: its pattern's segments
    AuthService& _auth;
    HttpLimits _limits;
};

// Writes reply as JSON with the standard security headers. With a socket (the request's own,
// for a reply with a body to a request other than HEAD), the body is written to it in one
// piece after the headers instead of through Poco's stream, whose 4 KiB buffer makes one send
// per 4 KiB (twelve for a unit's assessment); the bytes on the wire are the same.
void render(Poco::Net::HTTPServerResponse& res, const Reply& reply,
            Poco::Net::StreamSocket* socket = nullptr);

}  // namespace kc::http
