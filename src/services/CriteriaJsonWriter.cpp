#include "services/CriteriaJson.h"

#include <Poco/JSON/Array.h>

namespace kc {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Object::Ptr newObject() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

// A double made from hundredths prints as its shortest decimal form ("10.09"), so the number
// read back by Points::fromDouble is exact.
Var number(Points p) {
    return p.toDouble();
}

Var optionalNumber(const std::optional<Points>& p) {
    return p ? number(*p) : Var();
}

Object::Ptr scoringToJson(const Scoring& s) {
    Object::Ptr o = newObject();
    o->set("type", std::string(scoringTypeName(s.type)));
    switch (s.type) {
        case ScoringType::Levels: {
            Array::Ptr levels = new Array;
            for (const auto& l : s.levels) {
                Object::Ptr level = newObject();
                level->set("label", l.label);
                level->set("points", number(l.points));
                levels->add(level);
            }
            o->set("levels", levels);
            break;
        }
        case ScoringType::Bands: {
            Array::Ptr bands = new Array;
            for (const auto& b : s.bands) {
                Object::Ptr band = newObject();
                band->set("min_pct", number(b.minPct));
                band->set("max_pct_exclusive", optionalNumber(b.maxPctExclusive));
                band->set("points", number(b.points));
                bands->add(band);
            }
            o->set("bands", bands);
            break;
        }
        case ScoringType::Proportional:
            if (s.targetPct)
                o->set("target_pct", number(*s.targetPct));
            break;
        case ScoringType::Deduction:
            if (s.perViolation)
                o->set("per_violation", number(*s.perViolation));
            break;
        case ScoringType::Survey:
            break;
    }
    if (!s.metric.empty())
        o->set("metric", s.metric);
    if (!s.violation.empty())
        o->set("violation", s.violation);
    return o;
}

void subCriterionFields(const CriteriaNode& n, Object& o) {
    o.set("assessed_by", std::string(n.assessedBy == AssessedBy::Survey ? "survey" : "appraisal"));
    if (n.isAdjustment())
        o.set("adjustment", std::string(adjustmentName(n.adjustment)));
    o.set("scoring", scoringToJson(n.scoring));
    o.set("self_scored", n.selfScored);
    o.set("evidence_required", n.evidenceRequired);
    o.set("min_files", n.minFiles);
    Array::Ptr docs = new Array;
    for (const auto& d : n.expectedDocuments) docs->add(d);
    o.set("evidence_documents", docs);
    o.set("explanation_required_if_no_evidence", n.explanationRequiredIfNoEvidence);
    if (!n.note.empty())
        o.set("note", n.note);
}

Object::Ptr nodeToJson(const CriteriaNode& n) {
    Object::Ptr o = newObject();
    o->set("code", n.code);
    o->set("name", n.name);
    o->set("max_points", number(n.maxPoints));
    o->set("max_points_text", n.maxPoints.toString());
    if (n.level == NodeLevel::SubCriterion) {
        subCriterionFields(n, *o);
        return o;
    }
    Array::Ptr children = new Array;
    for (const auto& c : n.children) children->add(nodeToJson(c));
    o->set(n.level == NodeLevel::Area ? "criteria" : "sub_criteria", children);
    return o;
}

}  // namespace

Object::Ptr criteriaSetToJson(const CriteriaSet& set) {
    Object::Ptr o = newObject();
    o->set("schema_version", std::string("1.0"));
    if (set.id != 0)
        o->set("id", set.id);
    if (set.version != 0)
        o->set("version", set.version);
    o->set("year", set.year);
    if (!set.unitTypeCode.empty())
        o->set("unit_type_code", set.unitTypeCode);
    o->set("title", set.title);
    if (!set.sourceSha256.empty())
        o->set("source_sha256", set.sourceSha256);
    Object::Ptr scale = newObject();
    scale->set("total_points", number(set.scale.totalPoints));
    scale->set("appraisal_points", number(set.scale.appraisalPoints));
    scale->set("survey_points", number(set.scale.surveyPoints));
    o->set("scale", scale);
    Array::Ptr areas = new Array;
    for (const auto& a : set.areas) areas->add(nodeToJson(a));
    o->set("areas", areas);
    if (!set.grades.empty()) {
        Array::Ptr grades = new Array;
        for (const auto& g : set.grades) {
            Object::Ptr grade = newObject();
            grade->set("grade", g.grade);
            grade->set("min_pct", optionalNumber(g.minPct));
            grade->set("max_pct_exclusive", optionalNumber(g.maxPctExclusive));
            grades->add(grade);
        }
        Object::Ptr classification = newObject();
        classification->set("grades", grades);
        o->set("classification", classification);
    }
    return o;
}

}  // namespace kc
