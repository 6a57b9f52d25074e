#include "services/JsonViews.h"

#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace kc::json {

namespace {

Poco::Dynamic::Var optTime(const std::optional<TimePoint>& t) {
    return t ? Poco::Dynamic::Var(formatIso(*t)) : Poco::Dynamic::Var();
}

template <typename T>
Poco::Dynamic::Var opt(const std::optional<T>& v) {
    return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}

}  // namespace

Poco::JSON::Object::Ptr of(const User& u) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("username", u.username);
    o->set("display_name", u.displayName);
    o->set("role", std::string(roleName(u.role)));
    o->set("unit_code", opt(u.unitCode));
    o->set("active", u.active);
    return o;
}

Poco::JSON::Object::Ptr of(const Unit& u) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("code", u.code);
    o->set("name", u.name);
    o->set("unit_type", u.unitTypeCode);
    o->set("active_from_year", u.activeFromYear);
    o->set("active_to_year", opt(u.activeToYear));
    o->set("merged_into", opt(u.mergedIntoCode));
    Poco::JSON::Array::Ptr names = new Poco::JSON::Array;
    for (const UnitName& n : u.names) {
        Poco::JSON::Object::Ptr e = new Poco::JSON::Object;
        e->set("from_year", n.fromYear);
        e->set("name", n.name);
        names->add(e);
    }
    o->set("names", names);
    return o;
}

Poco::JSON::Object::Ptr of(const UnitType& t) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("code", t.code);
    o->set("name", t.name);
    return o;
}

Poco::JSON::Object::Ptr of(const Period& p) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("year", p.year);
    o->set("name", p.name);
    o->set("self_assessment_opens", optTime(p.dates.selfAssessmentOpens));
    o->set("self_assessment_closes", optTime(p.dates.selfAssessmentCloses));
    o->set("step1_closes", optTime(p.dates.step1Closes));
    o->set("supplement_closes", optTime(p.dates.supplementCloses));
    o->set("step2_closes", optTime(p.dates.step2Closes));
    o->set("finalised", p.finalised);
    return o;
}

Poco::JSON::Object::Ptr of(const Assignment& a) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("year", a.year);
    o->set("username", a.username);
    o->set("area_code", a.areaCode);
    return o;
}

Poco::JSON::Object::Ptr of(const CriteriaSetInfo& i) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", i.id);
    o->set("year", i.year);
    o->set("unit_type", i.unitTypeCode);
    o->set("version", i.version);
    o->set("title", i.title);
    o->set("total_points", i.scale.totalPoints.toDouble());
    o->set("appraisal_points", i.scale.appraisalPoints.toDouble());
    o->set("survey_points", i.scale.surveyPoints.toDouble());
    o->set("source_sha256", i.sourceSha256);
    o->set("created_at", formatIso(i.createdAt));
    o->set("created_by", i.createdBy);
    return o;
}

Poco::JSON::Object::Ptr of(const AuditEntry& e) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", e.id);
    o->set("at", formatIso(e.at));
    o->set("actor", e.actor);
    o->set("action", e.action);
    o->set("entity", e.entity);
    o->set("entity_id", e.entityId);
    o->set("before", e.before);
    o->set("after", e.after);
    o->set("hash", e.hash);
    return o;
}

std::string stringify(const Poco::JSON::Object::Ptr& o) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(o, out);
    return out.str();
}

}  // namespace kc::json
