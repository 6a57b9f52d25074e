#include "services/DocumentJson.h"

#include "report/VietnameseFormat.h"

namespace kc::json {

namespace {

template <typename T>
Poco::Dynamic::Var orNull(const std::optional<T>& v) {
    return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}

}  // namespace

Poco::JSON::Object::Ptr of(const OfficialDocument& d) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", d.id);
    o->set("year", d.year);
    o->set("kind", std::string(documentKindName(d.kind)));
    o->set("unit", orNull(d.unitCode));
    o->set("title", d.title);
    o->set("number", orNull(d.number));
    // The calendar date the PDF prints (Vietnam time), not the UTC one: they differ before 07:00.
    o->set("document_date", report::isoVietnam(d.documentDate).substr(0, 10));
    o->set("draft", d.draft);
    o->set("sha256", d.sha256);
    o->set("size", d.size);
    o->set("signatures", d.signatureCount);
    o->set("signed_by", d.signedBy);
    o->set("previous_id", orNull(d.previousId));
    o->set("manifest_sha256", d.manifestSha256.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(d.manifestSha256));
    o->set("created_at", formatIso(d.createdAt));
    o->set("created_by", d.createdBy);
    o->set("content_url", "/api/v1/documents/" + std::to_string(d.id) + "/content");
    return o;
}

Poco::JSON::Object::Ptr of(const PdfVerification& v) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    Poco::JSON::Array::Ptr signatures = new Poco::JSON::Array;
    bool allValid = !v.signatures.empty();
    for (const report::SignatureCheck& c : v.signatures) {
        Poco::JSON::Object::Ptr s = new Poco::JSON::Object;
        s->set("field", c.fieldName);
        s->set("sub_filter", c.subFilter);
        s->set("valid", c.valid);
        s->set("covers_whole_document", c.coversWholeDocument);
        s->set("signing_certificate_bound", c.signingCertificateBound);
        s->set("signer", c.signerSubject);
        s->set("signer_name", c.signerCommonName);
        s->set("signing_time",
               c.signingTime ? Poco::Dynamic::Var(report::isoVietnam(*c.signingTime))
                             : Poco::Dynamic::Var());
        s->set("chain_trusted", false);
        s->set("problem", c.problem.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(c.problem));
        signatures->add(s);
        allValid = allValid && c.valid;
    }
    o->set("signatures", signatures);
    o->set("all_signatures_valid", allValid);
    if (v.manifest) {
        Poco::JSON::Object::Ptr m = new Poco::JSON::Object;
        m->set("matches", v.manifest->matches);
        m->set("units", v.manifest->units);
        m->set("files", v.manifest->files);
        m->set("files_not_checked", v.manifest->notChecked);
        Poco::JSON::Array::Ptr problems = new Poco::JSON::Array;
        for (const ErrorDetail& d : v.manifest->problems) {
            Poco::JSON::Object::Ptr p = new Poco::JSON::Object;
            p->set("path", d.path);
            p->set("message", d.message);
            problems->add(p);
        }
        m->set("problems", problems);
        o->set("manifest", m);
    } else {
        o->set("manifest", Poco::Dynamic::Var());
    }
    o->set("stored_document", v.stored ? Poco::Dynamic::Var(of(*v.stored)) : Poco::Dynamic::Var());
    return o;
}

}  // namespace kc::json
