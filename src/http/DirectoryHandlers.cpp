#include "http/Handlers.h"
#include "http/JsonFields.h"
#include "services/JsonViews.h"

namespace kc::http::directory {

namespace {

template <typename T>
Poco::Dynamic::Var one(const T& v) { return json::of(v); }

template <typename T>
Poco::Dynamic::Var many(const std::vector<T>& v) {
    return arrayOf(v, [](const T& x) { return json::of(x); });
}

PhaseDates readDates(JsonFields& f) {
    PhaseDates d;
    d.selfAssessmentOpens = f.optionalTime("self_assessment_opens");
    d.selfAssessmentCloses = f.optionalTime("self_assessment_closes");
    d.step1Closes = f.optionalTime("step1_closes");
    d.supplementCloses = f.optionalTime("supplement_closes");
    d.step2Closes = f.optionalTime("step2_closes");
    return d;
}

}  // namespace

Reply listPeriods(Services& s, Request&) { return replyOf(s.directory.listPeriods(), many<Period>); }

Reply getPeriod(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    return replyOf(s.directory.getPeriod(year.value()), one<Period>);
}

Reply createPeriod(Services& s, Request& r) {
    auto body = r.jsonBody();
    if (!body.ok()) return Reply::error(body.error());
    JsonFields f(body.value(), {"year", "name", "self_assessment_opens", "self_assessment_closes",
                                "step1_closes", "supplement_closes", "step2_closes"});
    Period p;
    p.year = f.requiredInt("year");
    p.name = f.requiredString("name");
    p.dates = readDates(f);
    if (!f.ok()) return Reply::error(f.error());
    return replyOf(s.directory.createPeriod(r.who(), p), one<Period>, 201);
}

Reply updatePeriod(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    auto body = r.jsonBody();
    if (!body.ok()) return Reply::error(body.error());
    JsonFields f(body.value(), {"name", "self_assessment_opens", "self_assessment_closes",
                                "step1_closes", "supplement_closes", "step2_closes", "finalised"});
    PeriodPatch patch;
    patch.name = f.optionalString("name");
    patch.dates = readDates(f);
    patch.finalised = f.optionalBool("finalised");
    if (!f.ok()) return Reply::error(f.error());
    return replyOf(s.directory.updatePeriod(r.who(), year.value(), patch), one<Period>);
}

Reply listUnitTypes(Services& s, Request&) {
    return replyOf(s.directory.listUnitTypes(), many<UnitType>);
}

Reply createUnitType(Services& s, Request& r) {
    auto body = r.jsonBody();
    if (!body.ok()) return Reply::error(body.error());
    JsonFields f(body.value(), {"code", "name"});
    UnitType t;
    t.code = f.requiredString("code");
    t.name = f.requiredString("name");
    if (!f.ok()) return Reply::error(f.error());
    return replyOf(s.directory.createUnitType(r.who(), t), one<UnitType>, 201);
}

Reply listUnits(Services& s, Request& r) {
    return replyOf(s.directory.listUnits(r.who()), many<Unit>);
}

Reply getUnit(Services& s, Request& r) {
    return replyOf(s.directory.getUnit(r.who(), r.param("code")), one<Unit>);
}

Reply createUnit(Services& s, Request& r) {
    auto body = r.jsonBody();
    if (!body.ok()) return Reply::error(body.error());
    JsonFields f(body.value(), {"code", "name", "unit_type", "active_from_year", "active_to_year",
                                "merged_into"});
    Unit u;
    u.code = f.requiredString("code");
    u.name = f.requiredString("name");
    u.unitTypeCode = f.requiredString("unit_type");
    u.activeFromYear = f.requiredInt("active_from_year");
    u.activeToYear = f.optionalInt("active_to_year");
    u.mergedIntoCode = f.optionalString("merged_into");
    if (!f.ok()) return Reply::error(f.error());
    return replyOf(s.directory.createUnit(r.who(), u), one<Unit>, 201);
}

Reply updateUnit(Services& s, Request& r) {
    auto body = r.jsonBody();
    if (!body.ok()) return Reply::error(body.error());
    JsonFields f(body.value(),
                 {"name", "name_from_year", "active_from_year", "active_to_year", "merged_into"});
    UnitPatch patch;
    patch.name = f.optionalString("name");
    patch.nameFromYear = f.optionalInt("name_from_year");
    patch.activeFromYear = f.optionalInt("active_from_year");
    patch.activeToYear = f.optionalInt("active_to_year");
    patch.clearActiveToYear = f.isNull("active_to_year");
    patch.mergedIntoCode = f.optionalString("merged_into");
    patch.clearMergedInto = f.isNull("merged_into");
    if (!f.ok()) return Reply::error(f.error());
    return replyOf(s.directory.updateUnit(r.who(), r.param("code"), patch), one<Unit>);
}

}  // namespace kc::http::directory
