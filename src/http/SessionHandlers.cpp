#include "http/Handlers.h"
#include "http/JsonFields.h"
#include "http/Router.h"
#include "services/JsonViews.h"

namespace kc::http::session {

namespace {

// A login body is a user name and a password: a few hundred bytes. Anyone may send one, before
// any session, so it gets no more than this (not http.maxJsonBytes).
constexpr std::uint64_t kLoginBodyBytes = 16 * 1024;

std::string cookie(const std::string& value, long maxAge) {
    return std::string(Router::kSessionCookie) + "=" + value +
           "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(maxAge);
}

}  // namespace

Reply login(Services& s, Request& r) {
    // A page of another site, or of another host of this site (a sibling subdomain, which the
    // SameSite cookie does not tell apart), could log the browser in as someone else (login
    // CSRF). Browsers say where a request comes from; clients without the header (curl,
    // scripts, older browsers) are not refused.
    const std::string from = r.raw.get("Sec-Fetch-Site", "");  // a copy: get returns the default
    if (from == "cross-site" || from == "same-site")
        return Reply::error(Error::forbidden("Chỉ đăng nhập được từ trang của Kiểm Chứng"));
    auto body = r.jsonBody(kLoginBodyBytes);
    if (!body.ok()) return Reply::error(body.error());
    JsonFields f(body.value(), {"username", "password"});
    std::string username = f.requiredString("username");
    std::string password = f.requiredString("password");
    if (!f.ok()) return Reply::error(f.error());
    auto result = s.auth.login(username, password);
    if (!result.ok()) return Reply::error(result.error());
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("token", result->token);
    o->set("csrf_token", result->csrfToken);
    o->set("expires_at", formatIso(result->expiresAt));
    o->set("user", json::of(result->user));
    Reply reply = Reply::json(o);
    reply.headers.emplace_back("Set-Cookie", cookie(result->token, s.sessionLifetime.count()));
    return reply;
}

Reply logout(Services& s, Request& r) {
    Status st = s.auth.logout(r.sessionToken, r.who());
    if (!st.ok()) return Reply::error(st.error());
    Reply reply = Reply::noContent();
    reply.headers.emplace_back("Set-Cookie", cookie("", 0));
    return reply;
}

Reply me(Services& s, Request& r) {
    auto session = s.auth.authenticate(r.sessionToken);
    if (!session.ok()) return Reply::error(session.error());
    const Actor& a = session->actor;
    Poco::JSON::Object::Ptr user = new Poco::JSON::Object;
    user->set("username", a.username);
    user->set("role", std::string(roleName(a.role)));
    user->set("unit_code", a.unitCode ? Poco::Dynamic::Var(*a.unitCode) : Poco::Dynamic::Var());
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("user", user);
    o->set("csrf_token", session->csrfToken);
    o->set("expires_at", formatIso(session->expiresAt));
    return Reply::json(o);
}

}  // namespace kc::http::session
