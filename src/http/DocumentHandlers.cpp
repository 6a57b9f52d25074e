#include "http/DownloadHeaders.h"
#include "http/Handlers.h"
#include "http/JsonFields.h"
#include "http/UploadReplies.h"
#include "services/DocumentJson.h"

namespace kc::http::documents {

namespace {

Result<DocumentRequest> requestOf(Request& r) {
    auto body = r.jsonBody();
    if (!body.ok())
        return body.takeError();
    JsonFields f(body.value(), {"kind", "unit", "number", "date", "draft", "assessment_text",
                                "directions_text"});
    DocumentRequest req;
    const std::string kind = f.requiredString("kind");
    req.unitCode = f.optionalString("unit");
    req.number = f.optionalInt("number");
    req.date = f.optionalTime("date");
    req.draft = f.optionalBool("draft").value_or(true);
    req.assessmentText = f.optionalString("assessment_text").value_or("");
    req.directionsText = f.optionalString("directions_text").value_or("");
    if (!f.ok())
        return f.error();
    auto parsed = parseDocumentKind(kind);
    if (!parsed)
        return Error::invalid("Loại văn bản không hợp lệ",
                              {{"$.kind", "Phải là appraisal_sheet, decision_draft hoặc annual_report"}});
    req.kind = *parsed;
    return req;
}

Poco::Dynamic::Var one(const OfficialDocument& d) {
    return json::of(d);
}

}  // namespace

Reply generate(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok())
        return rejectUnread(r, year.error());
    auto req = requestOf(r);
    if (!req.ok())
        return Reply::error(req.error());
    return replyOf(s.documents.generate(r.who(), year.value(), req.value()), one, 201);
}

Reply list(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok())
        return Reply::error(year.error());
    return replyOf(s.documents.list(r.who(), year.value()), [](const auto& docs) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("documents", arrayOf(docs, one));
        return o;
    });
}

Reply get(Services& s, Request& r) {
    auto id = r.intParam("id");
    if (!id.ok())
        return Reply::error(id.error());
    return replyOf(s.documents.get(r.who(), id.value()), one);
}

Reply sign(Services& s, Request& r) {
    auto id = r.intParam("id");
    if (!id.ok())
        return rejectUnread(r, id.error());
    return replyOf(s.documents.signOnTop(r.who(), id.value()), one, 201);
}

Reply content(Services& s, Request& r) {
    auto id = r.intParam("id");
    if (!id.ok())
        return Reply::error(id.error());
    auto shownInline = r.boolQuery("inline");
    if (!shownInline.ok())
        return Reply::error(shownInline.error());
    auto found = s.documents.content(r.who(), id.value());
    if (!found.ok())
        return Reply::error(found.error());
    const OfficialDocument& d = found->document;
    auto& res = r.response;
    res.set("ETag", "\"" + d.sha256 + "\"");
    res.set("Cache-Control", "private, no-cache");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Content-Security-Policy", storedFilePolicy(shownInline.value()));
    res.setContentType("application/pdf");
    const std::string name = std::string(documentKindName(d.kind)) + "-" + std::to_string(d.year) +
                             (d.unitCode ? "-" + *d.unitCode : "") + "-" + std::to_string(d.id) +
                             ".pdf";
    res.set("Content-Disposition",
            shownInline.value() ? inlineDisposition(name) : attachmentDisposition(name));
    res.setContentLength64(static_cast<Poco::Int64>(d.size));
    if (r.isHead()) {
        res.send();
        return Reply::sent();
    }
    std::ostream& out = res.send();
    out << found->stream->rdbuf();
    if (!out)
        r.cutConnection();  // the client left or stopped reading: do not keep the connection
    return Reply::sent();
}

Reply verify(Services& s, Request& r) {
    auto body = r.bodyBytes(s.verifyMaxBytes);
    if (!body.ok())
        return closingReply(r, body.error());
    if (body->empty())
        return Reply::error(Error::invalid("Cần gửi tệp PDF trong nội dung yêu cầu"));
    return replyOf(s.documents.verify(r.who(), body.value()),
                   [](const PdfVerification& v) { return json::of(v); });
}

}  // namespace kc::http::documents
