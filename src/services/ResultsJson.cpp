#include "services/ResultsJson.h"

#include <Poco/JSON/Array.h>

#include <set>

#include "services/JsonFieldReader.h"

namespace kc::json {

namespace {

using Obj = Poco::JSON::Object::Ptr;
using Arr = Poco::JSON::Array::Ptr;

Poco::Dynamic::Var num(const std::optional<Points>& p) {
    return p ? Poco::Dynamic::Var(p->toDouble()) : Poco::Dynamic::Var();
}

Arr strings(const std::vector<std::string>& items) {
    Arr a = new Poco::JSON::Array;
    for (const std::string& s : items) a->add(s);
    return a;
}

Obj summaryOf(const TypeSummary& s, const std::vector<NodeTotal>& areas) {
    Obj o = new Poco::JSON::Object;
    o->set("units", s.units);
    o->set("average_total", s.averageTotal.toDouble());
    o->set("average_index_pct", s.averageIndexPct.toDouble());
    o->set("average_index_pct_text", s.averageIndexPct.toString());
    Arr grades = new Poco::JSON::Array;
    for (const GradeCount& g : s.grades) {
        Obj r = new Poco::JSON::Object;
        r->set("grade", g.grade);
        r->set("count", g.count);
        r->set("pct", g.tenthsPct / 10.0);
        r->set("pct_text", std::to_string(g.tenthsPct / 10) + "." + std::to_string(g.tenthsPct % 10));
        grades->add(r);
    }
    o->set("grades", grades);
    o->set("best", strings(s.best));
    o->set("worst", strings(s.worst));
    Arr averages = new Poco::JSON::Array;
    for (std::size_t i = 0; i < s.areaAverages.size() && i < areas.size(); ++i) {
        Obj a = new Poco::JSON::Object;
        a->set("code", areas[i].code);
        a->set("average", s.areaAverages[i].toDouble());
        averages->add(a);
    }
    o->set("area_averages", averages);
    return o;
}

Obj unitRow(const ResultTable& t, const UnitResult& u) {
    Obj o = new Poco::JSON::Object;
    o->set("unit_code", u.unitCode);
    o->set("unit_name", u.unitName);
    o->set("rank", u.rank);
    o->set("grade", u.grade);
    o->set("self_total", u.selfTotal.toDouble());
    o->set("step1_total", u.step1Total.toDouble());
    o->set("step2_total", u.step2Total.toDouble());
    o->set("appraised", u.appraised.toDouble());
    o->set("survey", u.survey.toDouble());
    o->set("total", u.total.toDouble());
    o->set("total_text", u.total.toString());
    o->set("max", u.max.toDouble());
    o->set("index_pct", u.indexPct.toDouble());
    o->set("index_pct_text", u.indexPct.toString());
    o->set("flagged_items", u.flaggedItems);
    Arr areas = new Poco::JSON::Array;
    for (const NodeTotal& a : u.areas) {
        Obj r = new Poco::JSON::Object;
        r->set("code", a.code);
        r->set("points", a.points.toDouble());
        r->set("max", a.max.toDouble());
        r->set("rank", a.rank);
        areas->add(r);
    }
    o->set("areas", areas);
    auto p = t.previous.find(u.unitCode);
    if (p == t.previous.end()) {
        o->set("previous", Poco::Dynamic::Var());
        return o;
    }
    Obj prev = new Poco::JSON::Object;
    prev->set("year", t.previousYear.value_or(0));
    prev->set("basis", strings(p->second.basis));
    prev->set("total", p->second.total.toDouble());
    prev->set("index_pct", p->second.indexPct.toDouble());
    prev->set("index_change", (u.indexPct - p->second.indexPct).toDouble());
    Obj prevAreas = new Poco::JSON::Object;
    for (const NodeTotal& a : u.areas)
        if (auto it = p->second.areas.find(a.code); it != p->second.areas.end()) {
            Obj r = new Poco::JSON::Object;
            const auto max = p->second.areaMax.find(a.code);
            const Points prevMax = max == p->second.areaMax.end() ? a.max : max->second;
            const AreaChange change = areaChange(a, it->second, prevMax);
            r->set("points", it->second.toDouble());
            r->set("max", prevMax.toDouble());
            r->set("scale_changed", prevMax != a.max);
            r->set("change", change.points ? Poco::Dynamic::Var(change.points->toDouble())
                                           : Poco::Dynamic::Var());
            r->set("pct_change",
                   change.pct ? Poco::Dynamic::Var(change.pct->toDouble()) : Poco::Dynamic::Var());
            prevAreas->set(a.code, r);
        }
    prev->set("areas", prevAreas);
    o->set("previous", prev);
    return o;
}

Obj sipasResult(const SipasResult& r) {
    Obj o = new Poco::JSON::Object;
    if (!r.unitCode.empty()) o->set("unit_code", r.unitCode);
    Arr factors = new Poco::JSON::Array;
    for (const SipasFactorResult& f : r.factors) {
        Obj x = new Poco::JSON::Object;
        x->set("code", f.code);
        x->set("valid", f.valid);
        x->set("satisfied", f.satisfied);
        x->set("pct", num(f.pct));
        factors->add(x);
    }
    o->set("factors", factors);
    o->set("overall_pct", num(r.overallPct));
    return o;
}

void rejectUnknown(const Poco::JSON::Object& o, const std::string& path,
                   const std::set<std::string>& known, JsonFieldReader& r) {
    for (const std::string& k : o.getNames())
        if (!known.count(k))
            r.add(path + "." + k, "Trường không được hỗ trợ");
}

}  // namespace

Obj of(const ResultSettings& s, bool configured) {
    Obj o = new Poco::JSON::Object;
    o->set("tie_rule", std::string(tieRuleName(s.tieRule)));
    o->set("survey_mode", std::string(surveyModeName(s.surveyMode)));
    Arr grades = new Poco::JSON::Array;
    for (const GradeRule& g : s.grades) {
        Obj r = new Poco::JSON::Object;
        r->set("grade", g.grade);
        r->set("min_pct", num(g.minPct));
        r->set("max_pct", num(g.maxPctExclusive));
        grades->add(r);
    }
    o->set("grades", grades);
    o->set("configured", configured);
    return o;
}

Obj of(const ResultTable& t) {
    Obj o = new Poco::JSON::Object;
    o->set("year", t.year);
    Obj type = new Poco::JSON::Object;
    type->set("code", t.unitType.code);
    type->set("name", t.unitType.name);
    o->set("unit_type", type);
    o->set("criteria_set_id", t.criteriaSetId);
    o->set("settings", of(t.settings, t.settingsConfigured));
    o->set("max", t.max.toDouble());
    Arr areas = new Poco::JSON::Array;
    for (const NodeTotal& a : t.areas) {
        Obj r = new Poco::JSON::Object;
        r->set("code", a.code);
        r->set("name", a.name);
        r->set("max", a.max.toDouble());
        areas->add(r);
    }
    o->set("areas", areas);
    Arr units = new Poco::JSON::Array;
    for (const UnitResult& u : t.units) units->add(unitRow(t, u));
    o->set("units", units);
    o->set("summary", summaryOf(t.summary, t.areas));
    o->set("previous_year", t.previousYear ? Poco::Dynamic::Var(*t.previousYear) : Poco::Dynamic::Var());
    o->set("previous_summary", t.previousSummary ? Poco::Dynamic::Var(summaryOf(*t.previousSummary, t.areas))
                                                 : Poco::Dynamic::Var());
    return o;
}

Obj explain(const ResultTable& t, const UnitResult& u) {
    Obj o = unitRow(t, u);
    o->set("year", t.year);
    o->set("unit_type", t.unitType.code);
    o->set("settings", of(t.settings, t.settingsConfigured));
    o->set("units_ranked", static_cast<int>(t.units.size()));
    Arr criteria = new Poco::JSON::Array;
    for (const NodeTotal& c : u.criteria) {
        Obj r = new Poco::JSON::Object;
        r->set("code", c.code);
        r->set("name", c.name);
        r->set("points", c.points.toDouble());
        r->set("max", c.max.toDouble());
        if (c.capped)
            r->set("capped", true);
        criteria->add(r);
    }
    o->set("criteria", criteria);
    Arr items = new Poco::JSON::Array;
    for (const SubResult& s : u.subs) {
        Obj r = new Poco::JSON::Object;
        r->set("code", s.code);
        r->set("name", s.name);
        r->set("max", s.max.toDouble());
        r->set("survey_item", s.survey);
        if (s.adjustment != Adjustment::None)
            r->set("adjustment", std::string(adjustmentName(s.adjustment)));
        r->set("self", num(s.self));
        r->set("step1", num(s.step1));
        r->set("step2", num(s.step2));
        r->set("survey", s.surveyValue ? Poco::Dynamic::Var(s.surveyValue->points.toDouble())
                                       : Poco::Dynamic::Var());
        r->set("survey_pct", num(s.surveyValue ? s.surveyValue->pct : std::nullopt));
        r->set("used", s.used.toDouble());
        r->set("source", std::string(valueSourceName(s.source)));
        r->set("flagged", s.flagged);
        r->set("why", s.why);
        items->add(r);
    }
    o->set("items", items);
    return o;
}

Obj of(const SurveyScore& s) {
    Obj o = new Poco::JSON::Object;
    o->set("unit_code", s.unitCode);
    o->set("sub_code", s.subCode);
    o->set("points", s.value.points.toDouble());
    o->set("pct", num(s.value.pct));
    o->set("source", s.value.source);
    return o;
}

Obj of(const SurveyImportReport& r) {
    Obj o = new Poco::JSON::Object;
    o->set("dry_run", r.dryRun);
    o->set("imported", r.dryRun ? 0 : static_cast<int>(r.rows.size()));
    Arr rows = new Poco::JSON::Array;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        Obj row = of(r.rows[i]);
        if (i < r.lines.size()) row->set("row", r.lines[i]);
        rows->add(row);
    }
    o->set("rows", rows);
    return o;
}

Obj of(const SipasImportReport& r) {
    Obj o = new Poco::JSON::Object;
    o->set("dry_run", r.dryRun);
    o->set("records", r.records);
    Arr counts = new Poco::JSON::Array;
    for (const SipasCount& c : r.counts) {
        Obj x = new Poco::JSON::Object;
        x->set("unit_code", c.unitCode);
        x->set("factor", c.factorCode);
        x->set("valid", c.valid);
        x->set("satisfied", c.satisfied);
        counts->add(x);
    }
    o->set("counts", counts);
    return o;
}

Obj of(const SipasFactor& f) {
    Obj o = new Poco::JSON::Object;
    o->set("code", f.code);
    o->set("name", f.name);
    o->set("questions", strings(f.questions));
    return o;
}

Obj of(const SipasView& v) {
    Obj o = new Poco::JSON::Object;
    o->set("year", v.year);
    Arr factors = new Poco::JSON::Array;
    for (const SipasFactor& f : v.factors) factors->add(of(f));
    o->set("factors", factors);
    Arr units = new Poco::JSON::Array;
    for (const SipasResult& r : v.units) units->add(sipasResult(r));
    o->set("units", units);
    o->set("overall", v.overall ? Poco::Dynamic::Var(sipasResult(*v.overall)) : Poco::Dynamic::Var());
    return o;
}

Result<ResultSettings> parseResultSettings(const Poco::JSON::Object& o) {
    JsonFieldReader r;
    rejectUnknown(o, "$", {"tie_rule", "survey_mode", "grades"}, r);
    ResultSettings s;
    if (auto tie = r.text(o, "$", "tie_rule", false)) {
        if (auto t = parseTieRule(*tie)) s.tieRule = *t;
        else r.add("$.tie_rule", "Phải là competition (1, 1, 3) hoặc dense (1, 1, 2)");
    }
    if (auto mode = r.text(o, "$", "survey_mode", false)) {
        if (auto m = parseSurveyMode(*mode)) s.surveyMode = *m;
        else r.add("$.survey_mode", "Phải là import hoặc rescale");
    }
    if (Arr grades = r.array(o, "$", "grades", false))
        for (std::size_t i = 0; i < grades->size(); ++i) {
            std::string path = "$.grades[" + std::to_string(i) + "]";
            Obj g = r.asObject(grades->get(i), path);
            if (!g) continue;
            rejectUnknown(*g, path, {"grade", "min_pct", "max_pct"}, r);
            GradeRule rule;
            rule.grade = r.text(*g, path, "grade", true).value_or("");
            rule.minPct = r.points(*g, path, "min_pct", false);
            rule.maxPctExclusive = r.points(*g, path, "max_pct", false);
            s.grades.push_back(std::move(rule));
        }
    if (r.hasProblems())
        return Error::invalid("Cấu hình xếp hạng, xếp loại không hợp lệ", r.takeProblems());
    return s;
}

Result<std::vector<SipasFactor>> parseSipasFactors(const Poco::JSON::Object& o) {
    JsonFieldReader r;
    rejectUnknown(o, "$", {"factors"}, r);
    std::vector<SipasFactor> out;
    if (Arr factors = r.array(o, "$", "factors", true))
        for (std::size_t i = 0; i < factors->size(); ++i) {
            std::string path = "$.factors[" + std::to_string(i) + "]";
            Obj f = r.asObject(factors->get(i), path);
            if (!f) continue;
            rejectUnknown(*f, path, {"code", "name", "questions"}, r);
            SipasFactor factor;
            factor.code = r.text(*f, path, "code", true).value_or("");
            factor.name = r.text(*f, path, "name", true).value_or("");
            if (Arr qs = r.array(*f, path, "questions", true))
                for (std::size_t q = 0; q < qs->size(); ++q)
                    if (auto t = r.asText(qs->get(q), path + ".questions[" + std::to_string(q) + "]"))
                        factor.questions.push_back(*t);
            out.push_back(std::move(factor));
        }
    if (r.hasProblems())
        return Error::invalid("Bộ yếu tố SIPAS không hợp lệ", r.takeProblems());
    return out;
}

}  // namespace kc::json
