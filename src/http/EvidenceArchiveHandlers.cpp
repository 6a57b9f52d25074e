#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>
#include <Poco/Net/StreamSocket.h>

#include <stdexcept>

#include "core/Text.h"
#include "http/DownloadHeaders.h"
#include "http/ErrorMapping.h"
#include "http/Handlers.h"
#include "http/UploadReplies.h"

namespace kc::http::evidence {

namespace {

// MultipartUpload writes file parts into a ContentStore; this one puts them in spool files and
// remembers them, so that the handler can hand the archive's path to the service.
class SpoolContentStore final : public ContentStore {
public:
    explicit SpoolContentStore(Spool& spool) : _spool(spool) {}
    std::unique_ptr<ContentWriter> begin(std::uint64_t maxBytes) override {
        auto file = _spool.create(maxBytes);
        _files.push_back(file.get());
        return file;
    }
    Result<std::unique_ptr<std::istream>> open(const std::string&) override {
        return Error::notFound("Không có tệp tạm");
    }
    // The spool file behind a writer this store created (nullptr for any other writer).
    SpoolFile* spoolOf(const ContentWriter* writer) const {
        for (SpoolFile* f : _files)
            if (f == writer)
                return f;
        return nullptr;
    }

private:
    Spool& _spool;
    std::vector<SpoolFile*> _files;
};


Poco::JSON::Object::Ptr reportJson(const ArchiveImportReport& report) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("archive", report.archiveName);
    o->set("format", report.format);
    o->set("dry_run", report.dryRun);
    o->set("stored", report.stored);
    Poco::JSON::Object::Ptr counts = new Poco::JSON::Object;
    counts->set("entries", static_cast<Poco::UInt64>(report.entries.size()));
    for (auto s : {ArchiveEntryStatus::Imported, ArchiveEntryStatus::Duplicate,
                   ArchiveEntryStatus::Unmatched, ArchiveEntryStatus::Rejected})
        counts->set(std::string(entryStatusName(s)), static_cast<Poco::UInt64>(report.count(s)));
    o->set("counts", counts);
    Poco::JSON::Array::Ptr entries = new Poco::JSON::Array;
    for (const ArchiveImportEntry& e : report.entries) {
        Poco::JSON::Object::Ptr j = new Poco::JSON::Object;
        auto orNull = [](const std::string& s) {
            return s.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(s);
        };
        j->set("path", e.path);
        j->set("status", std::string(entryStatusName(e.status)));
        j->set("reason", orNull(e.reason));
        j->set("message", orNull(e.message));
        j->set("sub_code", orNull(e.subCode));
        j->set("file_name", orNull(e.fileName));
        j->set("size", static_cast<Poco::UInt64>(e.size));
        j->set("sha256", orNull(e.sha256));
        j->set("evidence_id",
               e.evidenceId ? Poco::Dynamic::Var(e.evidenceId) : Poco::Dynamic::Var());
        entries->add(j);
    }
    o->set("entries", entries);
    if (report.failure) {
        Poco::JSON::Object::Ptr body = errorBody(*report.failure);
        o->set("error", body->get("error"));
    }
    return o;
}

}  // namespace

Reply importArchive(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok())
        return rejectUnread(r, year.error());
    auto dryRun = r.boolQuery("dry_run");
    if (!dryRun.ok())
        return rejectUnread(r, dryRun.error());
    const std::string& unit = r.param("code");
    // Access and phase are checked before a byte of the body is read.
    auto target = s.archives.prepareImport(r.who(), year.value(), unit);
    if (!target.ok())
        return rejectUnread(r, target.error());

    SpoolContentStore spool(s.spool);
    const UploadLimits limits{s.upload.maxRequestBytes, s.upload.maxRequestBytes};
    MultipartUpload upload(r, spool, limits, MultipartForm{"archive", {}});  // no text fields
    auto parsed = upload.read();
    r.bodyRead = upload.bodyRead();
    if (!parsed.ok())
        return closingReply(r, parsed.error());
    if (parsed->files.size() != 1)
        return Reply::error(
            Error::invalid("Mỗi lần chỉ gửi một tệp nén", {{"archive", "Một tệp"}}));
    PendingFile& file = parsed->files.front();
    auto finished = file.writer->commit();
    if (!finished.ok())
        return Reply::error(finished.error());
    // The writer is the spool file the store created: hand it, and its deletion, to the service.
    std::unique_ptr<SpoolFile> archive(spool.spoolOf(file.writer.get()));
    if (!archive)
        throw std::logic_error("archive part not written to a spool file");
    static_cast<void>(file.writer.release());  // the unique_ptr lets go; archive owns it
    // The archive's name is only a label in the report and the audit: one that is not UTF-8
    // (raw Windows-1258 bytes from a script) is kept readable, its bad bytes as U+FFFD.
    auto name = cleanFileName(text::toValidUtf8(file.fileName));
    auto report =
        s.archives.importArchive(r.who(), year.value(), unit, std::move(archive),
                                 name.ok() ? name.value() : std::string(), dryRun.value());
    if (!report.ok())
        return Reply::error(report.error());
    const bool created = report->stored && report->count(ArchiveEntryStatus::Imported) > 0;
    int status = report->failure ? 400 : created ? 201 : 200;
    return Reply::json(reportJson(report.value()), status);
}

Reply exportZip(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok())
        return Reply::error(year.error());
    ExportRequest request;
    request.year = year.value();
    request.unitCode = r.query("unit");
    if (auto round = r.query("round")) {
        request.round = parseRound(*round);
        if (!request.round)
            return Reply::error(
                Error::invalid("round phải là self hoặc supplement", {{"round", *round}}));
    }
    auto plan = s.exports.plan(r.who(), request);
    if (!plan.ok())
        return Reply::error(plan.error());

    auto& res = r.response;
    res.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
    res.setContentType("application/zip");
    res.set("Content-Disposition", attachmentDisposition(plan->fileName));
    res.set("Cache-Control", "private, no-store");
    res.set("X-Content-Type-Options", "nosniff");
    res.setChunkedTransferEncoding(true);
    if (r.isHead()) {
        res.send();
        return Reply::sent();
    }
    std::ostream& out = res.send();
    Status written =
        s.exports.write(plan.value(), [&out](const char* data, std::size_t n) -> Status {
            out.write(data, static_cast<std::streamsize>(n));
            if (!out)
                return Error{ErrorCode::Internal, "Máy khách đã ngắt kết nối", {}};
            return Ok{};
        });
    if (!written.ok()) {
        // The 200 and part of the zip are gone: the client sees a cut transfer, the operator
        // this line.
        Poco::Logger::get("kiemchung.http")
            .error("evidence export " + plan->fileName + " stopped: " + written.error().message);
        r.cutConnection();
    }
    return Reply::sent();
}

}  // namespace kc::http::evidence
