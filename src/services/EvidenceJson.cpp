#include "services/EvidenceJson.h"

#include <Poco/JSON/Array.h>

namespace kc::json {

namespace {

Poco::Dynamic::Var opt(const std::optional<std::string>& v) {
    return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}

}  // namespace

Poco::JSON::Object::Ptr of(const EvidenceItem& e) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", e.id);
    o->set("year", e.year);
    o->set("unit_code", e.unitCode);
    o->set("sub_code", e.subCode);
    o->set("criteria_set_id", e.criteriaSetId);
    o->set("round", std::string(roundName(e.round)));
    o->set("file_name", e.fileName);
    o->set("sha256", e.sha256);
    o->set("size", static_cast<Poco::UInt64>(e.size));
    o->set("media_type", e.mediaType);
    o->set("uploaded_by", e.uploadedBy);
    o->set("uploaded_at", formatIso(e.uploadedAt));
    o->set("doc_number", opt(e.metadata.docNumber));
    o->set("issue_date", opt(e.metadata.issueDate));
    o->set("issuer", opt(e.metadata.issuer));
    o->set("page_ref", opt(e.metadata.pageRef));
    o->set("note", opt(e.metadata.note));
    return o;
}

Poco::JSON::Object::Ptr of(const EvidenceView& v) {
    Poco::JSON::Object::Ptr o = of(v.item);
    o->set("withdrawn", v.withdrawn);
    o->set("new_since_step1", v.newSinceStep1);
    Poco::JSON::Array::Ptr history = new Poco::JSON::Array;
    Poco::JSON::Object::Ptr uploaded = new Poco::JSON::Object;
    uploaded->set("action", "upload");
    uploaded->set("at", formatIso(v.item.uploadedAt));
    uploaded->set("by", v.item.uploadedBy);
    history->add(uploaded);
    for (const EvidenceEvent& e : v.item.events) {
        Poco::JSON::Object::Ptr h = new Poco::JSON::Object;
        h->set("action", std::string(actionName(e.action)));
        h->set("at", formatIso(e.at));
        h->set("by", e.by);
        history->add(h);
    }
    o->set("history", history);
    return o;
}

}  // namespace kc::json
