#include "http/Handlers.h"
#include "services/JsonViews.h"

namespace kc::http::audit {

Reply list(Services& s, Request& r) {
    auto after = r.intQuery("after_id", 0);
    if (!after.ok()) return Reply::error(after.error());
    auto limit = r.intQuery("limit", 100);
    if (!limit.ok()) return Reply::error(limit.error());
    return replyOf(s.audit.list(after.value(), static_cast<int>(std::min<std::int64_t>(limit.value(), 1000))),
                   [](const std::vector<AuditEntry>& v) {
                       return arrayOf(v, [](const AuditEntry& e) { return json::of(e); });
                   });
}

Reply verify(Services& s, Request&) {
    auto v = s.audit.verify();
    if (!v.ok()) return Reply::error(v.error());
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("entries", static_cast<Poco::UInt64>(v->entries));
    o->set("intact", v->problems.empty());
    Poco::JSON::Array::Ptr problems = new Poco::JSON::Array;
    for (const auto& p : v->problems) {
        Poco::JSON::Object::Ptr d = new Poco::JSON::Object;
        d->set("path", p.path);
        d->set("message", p.message);
        problems->add(d);
    }
    o->set("problems", problems);
    return Reply::json(o);
}

}  // namespace kc::http::audit
