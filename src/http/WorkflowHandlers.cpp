#include "http/CompletenessJson.h"
#include "http/Handlers.h"
#include "http/JsonFields.h"
#include "http/UnitAssessmentJson.h"
#include "services/AssessmentJson.h"

namespace kc::http::workflow {

namespace {

struct Target {
    int year = 0;
    std::string unit;
};

Result<Target> target(Request& r) {
    auto year = r.yearParam();
    if (!year.ok())
        return year.takeError();
    return Target{year.value(), r.param("code")};
}

Reply putScore(Services& s, Request& r, ScoreRound round) {
    auto t = target(r);
    if (!t.ok())
        return Reply::error(t.error());
    auto body = r.jsonBody();
    if (!body.ok())
        return Reply::error(body.error());
    auto in = json::parseScoreInput(**body, round == ScoreRound::Self ? "explanation" : "comment");
    if (!in.ok())
        return Reply::error(in.error());
    return replyOf(s.assessment.score(r.who(), t->year, t->unit, r.param("sub"), round, *in),
                   [](const AssessmentItem& a) { return json::of(a); });
}

Poco::JSON::Object::Ptr queueJson(const QueueItem& q) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("unit_code", q.unitCode);
    o->set("sub_code", q.subCode);
    o->set("area", q.area);
    o->set("status", std::string(itemStatusName(q.status)));
    o->set("since", formatIso(q.since));
    o->set("changed_since_seen", q.changedSinceSeen);
    o->set("new_files", q.newFiles);
    o->set("new_reply", q.newReply);
    return o;
}

Poco::Dynamic::Var points(const std::optional<Points>& p) {
    return p ? Poco::Dynamic::Var(p->toString()) : Poco::Dynamic::Var();
}

Poco::JSON::Object::Ptr differencesJson(const Differences& d) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("unit_code", d.unitCode);
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const DifferenceRow& r : d.rows) {
        Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
        row->set("sub_code", r.subCode);
        if (r.adjustment != Adjustment::None)
            row->set("adjustment", std::string(adjustmentName(r.adjustment)));
        row->set("self", points(r.self));
        row->set("step1", points(r.step1));
        row->set("step2", points(r.step2));
        row->set("self_minus_step1", points(r.selfMinusStep1));
        row->set("self_minus_step2", points(r.selfMinusStep2));
        rows->add(row);
    }
    o->set("rows", rows);
    Poco::JSON::Object::Ptr totals = new Poco::JSON::Object;
    totals->set("self", d.selfTotal.toString());
    totals->set("step1", d.step1Total.toString());
    totals->set("step2", d.step2Total.toString());
    totals->set("self_minus_step1", d.selfMinusStep1.toString());
    totals->set("self_minus_step2", d.selfMinusStep2.toString());
    totals->set("self_and_step1_items", d.selfAndStep1);
    totals->set("self_and_step2_items", d.selfAndStep2);
    o->set("totals", totals);
    return o;
}

}  // namespace

Reply unitAssessment(Services& s, Request& r) {
    auto t = target(r);
    if (!t.ok())
        return Reply::error(t.error());
    auto assessment = s.assessment.unitAssessment(r.who(), t->year, t->unit);
    if (!assessment.ok())
        return Reply::error(assessment.error());
    return Reply::text(unitAssessmentJsonText(*assessment));
}

Reply putSelf(Services& s, Request& r) {
    return putScore(s, r, ScoreRound::Self);
}
Reply putStep1(Services& s, Request& r) {
    return putScore(s, r, ScoreRound::Step1);
}
Reply putStep2(Services& s, Request& r) {
    return putScore(s, r, ScoreRound::Step2);
}

Reply requestSupplement(Services& s, Request& r) {
    auto t = target(r);
    if (!t.ok())
        return Reply::error(t.error());
    auto body = r.jsonBody();
    if (!body.ok())
        return Reply::error(body.error());
    JsonFields f(*body, {"missing", "reason", "due_date", "version"});
    RequestInput in;
    in.missing = f.requiredString("missing");
    in.reason = f.requiredString("reason");
    auto due = f.optionalTime("due_date");
    if (!due && f.ok())
        f.requiredString("due_date");
    in.version = f.optionalInt("version");
    if (!f.ok())
        return Reply::error(f.error());
    in.due = *due;
    return replyOf(
        s.assessment.requestSupplement(r.who(), t->year, t->unit, r.param("sub"), in),
        [](const AssessmentItem& a) { return json::of(a); }, 201);
}

Reply reply(Services& s, Request& r) {
    auto t = target(r);
    if (!t.ok())
        return Reply::error(t.error());
    auto body = r.jsonBody();
    if (!body.ok())
        return Reply::error(body.error());
    JsonFields f(*body, {"text", "version"});
    std::string text = f.requiredString("text");
    int version = f.requiredInt("version");
    if (!f.ok())
        return Reply::error(f.error());
    return replyOf(s.assessment.reply(r.who(), t->year, t->unit, r.param("sub"), text, version),
                   [](const AssessmentItem& a) { return json::of(a); });
}

Reply bulkSelf(Services& s, Request& r) {
    auto t = target(r);
    if (!t.ok())
        return Reply::error(t.error());
    std::string type = Poco::toLower(r.raw.getContentType());
    bool csv = type.rfind("text/csv", 0) == 0;
    if (!csv && type.rfind("application/json", 0) != 0)
        return Reply::error(
            {ErrorCode::UnsupportedMedia, "Chỉ nhận application/json hoặc text/csv", {}});
    auto body = csv ? r.bodyBytes() : r.bodyText();
    if (!body.ok())
        return Reply::error(body.error());
    auto rows = csv ? json::parseBulkCsv(*body) : json::parseBulkJson(*body);
    if (!rows.ok())
        return Reply::error(rows.error());
    auto stored = s.assessment.bulkSelf(r.who(), t->year, t->unit, *rows);
    if (!stored.ok())
        return Reply::error(stored.error());
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("stored", static_cast<int>(stored->size()));
    o->set("items", arrayOf(*stored, [](const AssessmentItem& a) { return json::of(a); }));
    return Reply::json(o);
}

Reply extend(Services& s, Request& r) {
    auto t = target(r);
    if (!t.ok())
        return Reply::error(t.error());
    auto body = r.jsonBody();
    if (!body.ok())
        return Reply::error(body.error());
    JsonFields f(*body, {"phase", "until", "reason"});
    std::string phaseText = f.requiredString("phase");
    auto until = f.optionalTime("until");
    std::string reason = f.requiredString("reason");
    auto phase = parseExtensionPhase(phaseText);
    if (!until && f.ok())
        f.requiredString("until");
    if (!f.ok())
        return Reply::error(f.error());
    if (!phase)
        return Reply::error(Error::invalid("phase phải là self_assessment hoặc supplement",
                                           {{"$.phase", phaseText}}));
    return replyOf(
        s.assessment.extend(r.who(), t->year, t->unit, *phase, *until, reason),
        [](const DeadlineExtension& e) { return json::of(e); }, 201);
}

Reply completeness(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok())
        return Reply::error(year.error());
    // "?area=" (a form's blank choice) filters nothing, as if left out.
    auto given = [&r](const char* name) {
        auto v = r.query(name);
        return v && v->empty() ? std::nullopt : v;
    };
    MatrixFilter filter{given("unit_type"), given("area"), std::nullopt};
    if (auto status = r.query("status")) {
        filter.status = parseItemStatus(*status);
        if (!filter.status || *filter.status == ItemStatus::Survey)
            return Reply::error(Error::invalid("Trạng thái không hợp lệ", {{"status", *status}}));
    }
    auto matrix = s.completeness.matrix(r.who(), year.value(), filter);
    if (!matrix.ok())
        return Reply::error(matrix.error());
    return Reply::text(matrixJsonText(*matrix));
}

Reply reviewQueue(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok())
        return Reply::error(year.error());
    return replyOf(s.completeness.reviewQueue(r.who(), year.value()),
                   [](const std::vector<QueueItem>& v) { return arrayOf(v, queueJson); });
}

Reply differences(Services& s, Request& r) {
    auto t = target(r);
    if (!t.ok())
        return Reply::error(t.error());
    return replyOf(s.completeness.differences(r.who(), t->year, t->unit), differencesJson);
}

}  // namespace kc::http::workflow
