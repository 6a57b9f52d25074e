#include "http/ErrorMapping.h"
#include "http/Handlers.h"
#include "http/UploadReplies.h"
#include "services/EvidenceJson.h"

namespace kc::http::evidence {

namespace {

// The text fields an upload may carry; MultipartUpload refuses any other.
const MultipartForm kUploadForm{"file", {"doc_number", "issue_date", "issuer", "page_ref", "note"}};

Result<EvidenceMetadata> metadataOf(const std::map<std::string, std::string>& fields) {
    EvidenceMetadata m;
    auto field = [&](const char* name) {
        auto it = fields.find(name);
        return it == fields.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    m.docNumber = field("doc_number");
    m.issueDate = field("issue_date");
    m.issuer = field("issuer");
    m.pageRef = field("page_ref");
    m.note = field("note");
    return cleanEvidenceMetadata(m);
}

Poco::Dynamic::Var viewJson(const EvidenceView& v) {
    return json::of(v);
}

Result<EvidenceQuery> queryOf(Request& r) {
    EvidenceQuery q;
    q.subCode = r.query("sub");
    if (auto round = r.query("round")) {
        q.asOfRound = parseRound(*round);
        if (!q.asOfRound)
            return Error::invalid("round phải là self hoặc supplement", {{"round", *round}});
    }
    return q;
}

}  // namespace

Reply upload(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok())
        return rejectUnread(r, year.error());
    const std::string& unit = r.param("code");
    const std::string& sub = r.param("sub");
    // Access, phase and sub-criterion are checked before a byte of the body is read.
    auto target = s.evidence.prepareUpload(r.who(), year.value(), unit, sub);
    if (!target.ok())
        return rejectUnread(r, target.error());

    MultipartUpload upload(r, s.content, s.upload, kUploadForm);
    auto parsed = upload.read();
    r.bodyRead = upload.bodyRead();
    if (!parsed.ok())
        return closingReply(r, parsed.error());
    auto metadata = metadataOf(parsed->fields);
    if (!metadata.ok())
        return Reply::error(metadata.error());
    for (const PendingFile& f : parsed->files)
        if (auto name = cleanFileName(f.fileName); !name.ok())
            return Reply::error(name.error());

    // Only now, with the whole body read and checked, do the files become blobs.
    auto stored = MultipartUpload::commitAll(s.content, parsed->files);
    if (!stored.ok())
        return Reply::error(stored.error());
    std::vector<UploadedFile> files;
    for (std::size_t i = 0; i < stored->size(); ++i)
        files.push_back(UploadedFile{stored->at(i), parsed->files[i].fileName});
    auto items = s.evidence.upload(r.who(), year.value(), unit, sub, files, metadata.value());
    return replyOf(
        items,
        [](const std::vector<EvidenceItem>& v) {
            return arrayOf(v, [](const EvidenceItem& e) { return json::of(e); });
        },
        201);
}

Reply list(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok())
        return Reply::error(year.error());
    auto query = queryOf(r);
    if (!query.ok())
        return Reply::error(query.error());
    return replyOf(s.evidence.list(r.who(), year.value(), r.param("code"), query.value()),
                   [](const std::vector<EvidenceView>& v) { return arrayOf(v, viewJson); });
}

Reply get(Services& s, Request& r) {
    auto id = r.intParam("id");
    if (!id.ok())
        return Reply::error(id.error());
    return replyOf(s.evidence.get(r.who(), id.value()), viewJson);
}

Reply withdraw(Services& s, Request& r) {
    auto id = r.intParam("id");
    if (!id.ok())
        return Reply::error(id.error());
    return replyOf(s.evidence.withdraw(r.who(), id.value()), viewJson);
}

Reply restore(Services& s, Request& r) {
    auto id = r.intParam("id");
    if (!id.ok())
        return Reply::error(id.error());
    return replyOf(s.evidence.restore(r.who(), id.value()), viewJson);
}

}  // namespace kc::http::evidence
