#include "http/Handlers.h"
#include "http/JsonFields.h"
#include "services/JsonViews.h"

namespace kc::http::accounts {

namespace {

Poco::Dynamic::Var assignments(const std::vector<Assignment>& v) {
    return arrayOf(v, [](const Assignment& a) { return json::of(a); });
}

}  // namespace

Reply listUsers(Services& s, Request&) {
    return replyOf(s.accounts.listUsers(), [](const std::vector<User>& users) {
        return arrayOf(users, [](const User& u) { return json::of(u); });
    });
}

Reply createUser(Services& s, Request& r) {
    auto body = r.jsonBody();
    if (!body.ok()) return Reply::error(body.error());
    JsonFields f(body.value(), {"username", "display_name", "role", "unit_code", "password"});
    NewUser u;
    u.username = f.requiredString("username");
    u.displayName = f.requiredString("display_name");
    std::string role = f.requiredString("role");
    u.unitCode = f.optionalString("unit_code");
    u.password = f.requiredString("password");
    if (!f.ok()) return Reply::error(f.error());
    auto parsed = parseRole(role);
    if (!parsed)
        return Reply::error(Error::invalid("Vai trò không hợp lệ",
                                           {{"$.role", "Một trong: admin, clerk, reviewer, unit"}}));
    u.role = *parsed;
    return replyOf(s.accounts.createUser(r.who(), u), [](const User& x) { return json::of(x); }, 201);
}

Reply updateUser(Services& s, Request& r) {
    auto body = r.jsonBody();
    if (!body.ok()) return Reply::error(body.error());
    JsonFields f(body.value(), {"display_name", "active", "password"});
    UserPatch patch;
    patch.displayName = f.optionalString("display_name");
    patch.active = f.optionalBool("active");
    patch.password = f.optionalString("password");
    if (!f.ok()) return Reply::error(f.error());
    return replyOf(s.accounts.updateUser(r.who(), r.param("username"), patch),
                   [](const User& x) { return json::of(x); });
}

Reply listAssignments(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    return replyOf(s.accounts.listAssignments(r.who(), year.value()), assignments);
}

Reply assign(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    auto body = r.jsonBody();
    if (!body.ok()) return Reply::error(body.error());
    JsonFields f(body.value(), {"username", "area_codes"});
    std::string username = f.requiredString("username");
    auto areas = f.requiredStrings("area_codes");
    if (!f.ok()) return Reply::error(f.error());
    return replyOf(s.accounts.assign(r.who(), year.value(), username, areas), assignments, 201);
}

Reply unassign(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    Status st = s.accounts.unassign(r.who(), Assignment{year.value(), r.param("username"), r.param("area")});
    return st.ok() ? Reply::noContent() : Reply::error(st.error());
}

}  // namespace kc::http::accounts
