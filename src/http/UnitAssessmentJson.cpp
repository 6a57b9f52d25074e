#include "http/UnitAssessmentJson.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>

#include "http/JsonText.h"
#include "services/AssessmentJson.h"
#include "services/JsonViews.h"

namespace kc::http {

namespace {

// Integers as Poco writes them (plain decimal); Points as Poco writes their double value.
void appendNumber(std::string& out, int v) {
    out += std::to_string(v);
}

void appendNumber(std::string& out, Points p) {
    appendHundredths(out, p.hundredths());
}

void appendPoints(std::string& out, const std::optional<Points>& p) {
    if (p)
        appendNumber(out, *p);
    else
        out += "null";
}

void appendRound(std::string& out, const std::optional<RoundScore>& s) {
    if (!s) {
        out += "null";
        return;
    }
    out += R"({"at":)";  // keys in Poco's (sorted) order
    appendJsonString(out, formatIso(s->at));
    out += R"(,"by":)";
    appendJsonString(out, s->by);
    out += R"(,"metric_pct":)";
    appendPoints(out, s->metricPct);
    out += R"(,"override_reason":)";
    appendJsonString(out, s->overrideReason);
    out += R"(,"score":)";
    appendNumber(out, s->score);
    out += R"(,"score_text":)";
    appendJsonString(out, s->score.toString());
    out += R"(,"suggested":)";
    appendPoints(out, s->suggested);
    out += R"(,"text":)";
    appendJsonString(out, s->text);
    out += R"(,"violations":)";
    if (s->violations)
        appendNumber(out, *s->violations);
    else
        out += "null";
    out += '}';
}

void appendRequest(std::string& out, const std::optional<SupplementRequest>& r) {
    if (!r) {
        out += "null";
        return;
    }
    out += R"({"at":)";
    appendJsonString(out, formatIso(r->at));
    out += R"(,"by":)";
    appendJsonString(out, r->by);
    out += R"(,"due_date":)";
    appendJsonString(out, formatIso(r->due));
    out += R"(,"missing":)";
    appendJsonString(out, r->missing);
    out += R"(,"reason":)";
    appendJsonString(out, r->reason);
    out += R"(,"replied_at":)";
    if (r->repliedAt)
        appendJsonString(out, formatIso(*r->repliedAt));
    else
        out += "null";
    out += R"(,"replied_by":)";
    if (r->reply)
        appendJsonString(out, r->repliedBy);
    else
        out += "null";
    out += R"(,"reply":)";
    if (r->reply)
        appendJsonString(out, *r->reply);
    else
        out += "null";
    out += '}';
}

void appendItem(std::string& out, const ItemView& v) {
    const AssessmentItem& a = v.item;
    out += '{';
    if (v.node.isAdjustment()) {
        out += R"("adjustment":)";
        appendJsonString(out, adjustmentName(v.node.adjustment));
        out += ',';
    }
    out += R"("area":)";
    appendJsonString(out, v.areaCode);
    out += R"(,"evidence_files":)";
    appendNumber(out, v.files);
    out += R"(,"max_points":)";
    appendNumber(out, v.node.maxPoints);
    out += R"(,"name":)";
    appendJsonString(out, v.node.name);
    out += R"(,"request":)";
    appendRequest(out, a.request);
    out += R"(,"scoring_type":)";
    appendJsonString(out, scoringTypeName(v.node.scoring.type));
    out += R"(,"self":)";
    appendRound(out, a.self);
    out += R"(,"status":)";
    appendJsonString(out, itemStatusName(v.status));
    out += R"(,"step1":)";
    appendRound(out, a.step1);
    out += R"(,"step2":)";
    appendRound(out, a.step2);
    out += R"(,"sub_code":)";
    appendJsonString(out, a.subCode);
    out += R"(,"supplement_files":)";
    appendNumber(out, v.supplementFiles);
    out += R"(,"survey":)";
    out += v.status == ItemStatus::Survey ? "true" : "false";
    out += R"(,"unit_code":)";
    appendJsonString(out, a.unitCode);
    out += R"(,"version":)";
    appendNumber(out, a.version);
    out += R"(,"year":)";
    appendNumber(out, a.year);
    out += '}';
}

}  // namespace

std::string unitAssessmentJsonText(const UnitAssessment& u) {
    std::string out;
    out.reserve(1024 + u.items.size() * 700);
    Poco::JSON::Array::Ptr extensions = new Poco::JSON::Array;
    for (const DeadlineExtension& e : u.extensions) extensions->add(json::of(e));
    out += R"({"extensions":)";
    appendJsonValue(out, extensions);
    out += R"(,"items":)";
    out += '[';
    for (std::size_t i = 0; i < u.items.size(); ++i) {
        if (i)
            out += ',';
        appendItem(out, u.items[i]);
    }
    out += ']';
    out += R"(,"period":)";
    appendJsonValue(out, json::of(u.effective));
    out += R"(,"phase":)";
    appendJsonString(out, phaseName(u.phase));
    Poco::JSON::Object::Ptr summary = json::of(u.summary);
    summary->set("self_total_text", u.roundTotals[0].toString());
    summary->set("step1_total_text", u.roundTotals[1].toString());
    summary->set("step2_total_text", u.roundTotals[2].toString());
    out += R"(,"summary":)";
    appendJsonValue(out, summary);
    out += R"(,"unit":)";
    Poco::JSON::Object::Ptr unit = json::of(u.unit);
    unit->set("name", u.unit.nameIn(u.year));  // the name the unit had that year
    appendJsonValue(out, unit);
    out += R"(,"year":)";
    appendNumber(out, u.year);
    out += '}';
    return out;
}

}  // namespace kc::http
