#include "services/ExportManifest.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <iterator>
#include <sstream>

#include "services/CsvTable.h"

namespace kc {

namespace {

std::string orEmpty(const std::optional<std::string>& v) {
    return v ? *v : std::string();
}

Poco::Dynamic::Var orNull(const std::optional<std::string>& v) {
    return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}

}  // namespace

std::string manifestCsv(const ExportPlan& plan) {
    std::string out = "\xEF\xBB\xBF";
    out +=
        "path,sha256,size,uploaded_by,uploaded_at,round,doc_number,issue_date,issuer,page_ref,"
        "note,evidence_id,file_name\r\n";
    for (const ExportFile& f : plan.files) {
        const EvidenceItem& e = f.item;
        const EvidenceMetadata& m = e.metadata;
        const std::string fields[] = {
            csvCell(f.path, false),
            e.sha256,
            std::to_string(e.size),
            csvCell(e.uploadedBy, true),
            formatIso(e.uploadedAt),
            std::string(roundName(e.round)),
            csvCell(orEmpty(m.docNumber), true),
            csvCell(orEmpty(m.issueDate), true),
            csvCell(orEmpty(m.issuer), true),
            csvCell(orEmpty(m.pageRef), true),
            csvCell(orEmpty(m.note), true),
            std::to_string(e.id),
            csvCell(e.fileName, true),
        };
        for (std::size_t i = 0; i < std::size(fields); ++i) out += (i ? "," : "") + fields[i];
        out += "\r\n";
    }
    return out;
}

std::string manifestJson(const ExportPlan& plan) {
    Poco::JSON::Object::Ptr root = new Poco::JSON::Object;
    root->set("year", plan.request.year);
    root->set("unit", orNull(plan.request.unitCode));
    root->set("round", plan.request.round
                           ? Poco::Dynamic::Var(std::string(roundName(*plan.request.round)))
                           : Poco::Dynamic::Var());
    Poco::JSON::Array::Ptr files = new Poco::JSON::Array;
    for (const ExportFile& f : plan.files) {
        const EvidenceItem& e = f.item;
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("path", f.path);
        o->set("sha256", e.sha256);
        o->set("size", static_cast<Poco::UInt64>(e.size));
        o->set("uploaded_by", e.uploadedBy);
        o->set("uploaded_at", formatIso(e.uploadedAt));
        o->set("round", std::string(roundName(e.round)));
        o->set("doc_number", orNull(e.metadata.docNumber));
        o->set("issue_date", orNull(e.metadata.issueDate));
        o->set("issuer", orNull(e.metadata.issuer));
        o->set("page_ref", orNull(e.metadata.pageRef));
        o->set("note", orNull(e.metadata.note));
        o->set("file_name", e.fileName);
        o->set("evidence_id", e.id);
        files->add(o);
    }
    root->set("files", files);
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(root, out, 2);
    return out.str();
}

}  // namespace kc
