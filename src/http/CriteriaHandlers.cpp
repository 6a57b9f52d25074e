#include <Poco/JSON/Parser.h>

#include <algorithm>

#include "http/Handlers.h"
#include "services/JsonViews.h"

namespace kc::http::criteria {

namespace {

Poco::Dynamic::Var info(const CriteriaSetInfo& i) { return json::of(i); }

}  // namespace

Reply importSet(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    auto body = r.bodyText();
    if (!body.ok()) return Reply::error(body.error());
    CriteriaImport req;
    req.year = year.value();
    req.unitTypeCode = r.query("unit_type").value_or("");
    req.document = std::move(body).value();
    auto dry = r.boolQuery("dry_run");
    if (!dry.ok()) return Reply::error(dry.error());
    req.dryRun = dry.value();
    auto result = s.criteria.importSet(r.who(), req);
    if (!result.ok()) return Reply::error(result.error());
    Poco::JSON::Object::Ptr o = json::of(result.value());
    o->set("dry_run", req.dryRun);
    return Reply::json(o, req.dryRun ? 200 : 201);
}

Reply copySet(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok())
        return Reply::error(year.error());
    auto from = r.intQuery("from_year", -1);  // -1: not sent (0 is sent, and no period's year)
    if (!from.ok())
        return Reply::error(from.error());
    CriteriaCopy req;
    req.year = year.value();
    req.fromYear = static_cast<int>(std::min<std::int64_t>(from.value(), 100000));
    req.unitTypeCode = r.query("unit_type").value_or("");
    std::vector<ErrorDetail> missing;
    if (req.fromYear < 0)
        missing.push_back({"from_year", "Thiếu năm của bộ tiêu chí cần sao chép"});
    if (req.unitTypeCode.empty())
        missing.push_back({"unit_type", "Thiếu mã loại đơn vị"});
    if (!missing.empty())
        return Reply::error(
            Error::invalid("Chưa chọn năm hoặc loại đơn vị để sao chép", std::move(missing)));
    auto dry = r.boolQuery("dry_run");
    if (!dry.ok())
        return Reply::error(dry.error());
    req.dryRun = dry.value();
    auto result = s.criteria.copySet(r.who(), req);
    if (!result.ok())
        return Reply::error(result.error());
    Poco::JSON::Object::Ptr o = json::of(result.value());
    o->set("dry_run", req.dryRun);
    o->set("copied_from_year", req.fromYear);
    return Reply::json(o, req.dryRun ? 200 : 201);
}

Reply listSets(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    return replyOf(s.criteria.list(year.value()), [](const std::vector<CriteriaSetInfo>& v) {
        return arrayOf(v, info);
    });
}

Reply getSet(Services& s, Request& r) {
    auto id = r.intParam("id");
    if (!id.ok()) return Reply::error(id.error());
    auto stored = s.criteria.get(id.value());
    if (!stored.ok()) return Reply::error(stored.error());
    Poco::JSON::Object::Ptr o = json::of(stored->info);
    o->set("tree", Poco::JSON::Parser().parse(stored->treeJson));
    return Reply::json(o);
}

}  // namespace kc::http::criteria
