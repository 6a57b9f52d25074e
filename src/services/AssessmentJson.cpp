#include "services/AssessmentJson.h"

#include <Poco/JSON/Parser.h>

#include "core/Text.h"
#include "domain/Workflow.h"
#include "services/JsonViews.h"

namespace kc::json {

namespace {

Poco::Dynamic::Var num(const std::optional<Points>& p) {
    return p ? Poco::Dynamic::Var(p->toDouble()) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var obj(const std::optional<RoundScore>& s) {
    return s ? Poco::Dynamic::Var(of(*s)) : Poco::Dynamic::Var();
}

}  // namespace

Poco::JSON::Object::Ptr of(const RoundScore& s) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("score", s.score.toDouble());
    o->set("score_text", s.score.toString());
    o->set("text", s.text);
    o->set("metric_pct", num(s.metricPct));
    o->set("violations", s.violations ? Poco::Dynamic::Var(*s.violations) : Poco::Dynamic::Var());
    o->set("suggested", num(s.suggested));
    o->set("override_reason", s.overrideReason);
    o->set("by", s.by);
    o->set("at", formatIso(s.at));
    return o;
}

Poco::JSON::Object::Ptr of(const AssessmentItem& a) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("year", a.year);
    o->set("unit_code", a.unitCode);
    o->set("sub_code", a.subCode);
    o->set("version", a.version);
    o->set("self", obj(a.self));
    o->set("step1", obj(a.step1));
    o->set("step2", obj(a.step2));
    if (a.request) {
        const SupplementRequest& q = *a.request;
        Poco::JSON::Object::Ptr r = new Poco::JSON::Object;
        r->set("missing", q.missing);
        r->set("reason", q.reason);
        r->set("due_date", formatIso(q.due));
        r->set("by", q.by);
        r->set("at", formatIso(q.at));
        r->set("reply", q.reply ? Poco::Dynamic::Var(*q.reply) : Poco::Dynamic::Var());
        r->set("replied_by", q.reply ? Poco::Dynamic::Var(q.repliedBy) : Poco::Dynamic::Var());
        r->set("replied_at",
               q.repliedAt ? Poco::Dynamic::Var(formatIso(*q.repliedAt)) : Poco::Dynamic::Var());
        o->set("request", r);
    } else {
        o->set("request", Poco::Dynamic::Var());
    }
    return o;
}

Poco::JSON::Object::Ptr of(const DeadlineExtension& e) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", e.id);
    o->set("year", e.year);
    o->set("unit_code", e.unitCode);
    o->set("phase", std::string(extensionPhaseName(e.phase)));
    o->set("until", formatIso(e.until));
    o->set("reason", e.reason);
    o->set("by", e.by);
    o->set("at", formatIso(e.at));
    return o;
}

Poco::JSON::Object::Ptr of(const StatusSummary& s) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    Poco::JSON::Object::Ptr counts = new Poco::JSON::Object;
    Poco::JSON::Object::Ptr pct = new Poco::JSON::Object;
    for (std::size_t i = 0; i < kItemStatusCount; ++i) {
        auto st = static_cast<ItemStatus>(i);
        if (st == ItemStatus::Survey)
            continue;
        counts->set(std::string(itemStatusName(st)), s.count(st));
        pct->set(std::string(itemStatusName(st)), s.pct(st).toDouble());
    }
    o->set("total", s.total);
    o->set("done", s.done());
    o->set("done_pct", s.donePct().toDouble());
    o->set("counts", counts);
    o->set("pct", pct);
    return o;
}

Poco::JSON::Object::Ptr of(const UnitAssessment& u) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("year", u.year);
    o->set("unit", json::of(u.unit));
    o->set("phase", std::string(phaseName(u.phase)));
    o->set("period", json::of(u.effective));
    Poco::JSON::Array::Ptr ext = new Poco::JSON::Array;
    for (const DeadlineExtension& e : u.extensions) ext->add(of(e));
    o->set("extensions", ext);
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const ItemView& v : u.items) {
        Poco::JSON::Object::Ptr i = of(v.item);
        i->set("name", v.node.name);
        i->set("area", v.areaCode);
        i->set("max_points", v.node.maxPoints.toDouble());
        if (v.node.isAdjustment())
            i->set("adjustment", std::string(adjustmentName(v.node.adjustment)));
        i->set("scoring_type", std::string(scoringTypeName(v.node.scoring.type)));
        i->set("survey", v.status == ItemStatus::Survey);
        i->set("evidence_files", v.files);
        i->set("supplement_files", v.supplementFiles);
        i->set("status", std::string(itemStatusName(v.status)));
        items->add(i);
    }
    o->set("items", items);
    Poco::JSON::Object::Ptr summary = of(u.summary);
    summary->set("self_total_text", u.roundTotals[0].toString());
    summary->set("step1_total_text", u.roundTotals[1].toString());
    summary->set("step2_total_text", u.roundTotals[2].toString());
    o->set("summary", summary);
    return o;
}

std::optional<Points> pointsField(const Poco::JSON::Object& o, const std::string& path,
                                  const std::string& key, ProblemList& problems) {
    if (!o.has(key) || o.isNull(key))
        return std::nullopt;
    Poco::Dynamic::Var v = o.get(key);
    Result<Points> p = Error::invalid("");
    if (v.isString())
        p = Points::parse(text::trim(v.extract<std::string>()));
    else if (v.isNumeric() && !v.isBoolean())
        p = Points::fromDouble(v.convert<double>());
    else {
        problems.push_back({path + "." + key, "Phải là số"});
        return std::nullopt;
    }
    if (!p.ok()) {
        problems.push_back({path + "." + key, "Số không hợp lệ (tối đa hai chữ số thập phân)"});
        return std::nullopt;
    }
    return p.value();
}

}  // namespace kc::json
