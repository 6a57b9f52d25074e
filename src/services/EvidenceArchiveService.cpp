#include "services/EvidenceArchiveService.h"

#include <map>
#include <set>

#include "core/Sha256.h"
#include "domain/ArchiveNaming.h"
#include "domain/Workflow.h"
#include "services/EvidenceJson.h"
#include "services/YearGuard.h"

namespace kc {

namespace {

// An entry whose content waits, uncommitted, for the whole archive to be read.
struct Pending {
    std::size_t entry;
    std::unique_ptr<ContentWriter> writer;
};

using Standing = std::set<std::pair<std::string, std::string>>;  // (sub code, sha256)

// The evidence that currently stands (not withdrawn) for the unit, by sub-criterion and content.
Standing standing(Transaction& tx, int year, const std::string& unitCode) {
    Standing out;
    for (const EvidenceItem& item : tx.evidence().list(year, unitCode, std::nullopt))
        if (!item.withdrawn())
            out.emplace(item.subCode, item.sha256);
    return out;
}

// Marks imported entries whose content already stands for their sub-criterion (or came earlier
// in the same archive) as duplicates.
void markDuplicates(ArchiveImportReport& report, Standing existing) {
    for (ArchiveImportEntry& e : report.entries) {
        if (e.status != ArchiveEntryStatus::Imported || e.sha256.empty())
            continue;
        if (existing.emplace(e.subCode, e.sha256).second)
            continue;
        e.status = ArchiveEntryStatus::Duplicate;
        e.reason = "duplicate";
        e.message =
            "Tài liệu giống hệt (cùng mã SHA-256) đã có trong tiêu chí " + e.subCode + "; bỏ qua";
    }
}

void skip(ArchiveImportEntry& e, const char* reason, std::string message) {
    e.status = ArchiveEntryStatus::Unmatched;
    e.reason = reason;
    e.message = std::move(message);
}

void reject(ArchiveImportEntry& e, std::string reason, std::string message) {
    e.status = ArchiveEntryStatus::Rejected;
    e.reason = std::move(reason);
    e.message = std::move(message);
}

Error refusal(const ArchiveImportReport& report) {
    std::vector<ErrorDetail> details;
    for (const ArchiveImportEntry& e : report.entries)
        if (e.status == ArchiveEntryStatus::Rejected)
            details.push_back({e.path, e.message});
    std::string message = "Tệp nén có " + std::to_string(details.size()) +
                          " mục không an toàn hoặc không đọc được; không lưu tệp nào";
    return Error::invalid(std::move(message), std::move(details));
}

Poco::JSON::Object::Ptr summary(const ArchiveImportReport& r) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("archive", r.archiveName);
    o->set("format", r.format);
    o->set("entries", static_cast<Poco::UInt64>(r.entries.size()));
    for (auto s : {ArchiveEntryStatus::Imported, ArchiveEntryStatus::Duplicate,
                   ArchiveEntryStatus::Unmatched})
        o->set(std::string(entryStatusName(s)), static_cast<Poco::UInt64>(r.count(s)));
    return o;
}

}  // namespace

std::string_view entryStatusName(ArchiveEntryStatus s) {
    switch (s) {
        case ArchiveEntryStatus::Imported:
            return "imported";
        case ArchiveEntryStatus::Duplicate:
            return "duplicate";
        case ArchiveEntryStatus::Unmatched:
            return "unmatched";
        case ArchiveEntryStatus::Rejected:
            return "rejected";
    }
    return "unmatched";
}

std::size_t ArchiveImportReport::count(ArchiveEntryStatus s) const {
    std::size_t n = 0;
    for (const auto& e : entries) n += e.status == s;
    return n;
}

Result<ArchiveImportTarget> EvidenceArchiveService::checkTarget(Transaction& tx, const Actor& actor,
                                                                int year,
                                                                const std::string& unitCode) {
    if (actor.role != Role::Unit || actor.unitCode != unitCode)
        return Error::forbidden("Chỉ đơn vị " + unitCode + " được nộp tài liệu của đơn vị mình");
    auto unit = requireAssessedUnit(tx, year, unitCode);
    if (!unit.ok())
        return unit.takeError();
    auto period = tx.directory().findPeriod(year);
    // The unit's own dates: a deadline extension opens its archive imports as its uploads.
    const Period dates =
        effectivePeriod(*period, unitCode, tx.assessment().extensions(year, unitCode));
    auto round = openEvidenceRound(dates, _clock.now());
    if (!round.ok())
        return round.takeError();
    return ArchiveImportTarget{year, unitCode, unit->unitTypeCode, round.value()};
}

Result<ArchiveImportTarget> EvidenceArchiveService::prepareImport(const Actor& actor, int year,
                                                                  const std::string& unitCode) {
    return _store.read([&](Transaction& tx) { return checkTarget(tx, actor, year, unitCode); });
}

Result<ArchiveImportReport> EvidenceArchiveService::importArchive(
    const Actor& actor, int year, const std::string& unitCode, std::unique_ptr<SpoolFile> archive,
    const std::string& archiveName, bool dryRun) {
    auto target = prepareImport(actor, year, unitCode);
    if (!target.ok())
        return target.takeError();
    ArchiveImportReport report;
    report.archiveName = archiveName;
    report.dryRun = dryRun;

    // Sub-criteria looked up once per code: (found, survey) for the unit type's latest set.
    std::map<std::string, std::optional<SubCriterionRef>> subs;
    auto findSub = [&](const std::string& code) -> const std::optional<SubCriterionRef>& {
        auto it = subs.find(code);
        if (it == subs.end()) {
            auto sub = _store.read([&](Transaction& tx) -> Result<std::optional<SubCriterionRef>> {
                return tx.evidence().findSubCriterion(year, target->unitTypeCode, code);
            });
            it = subs.emplace(code, std::move(sub).value()).first;
        }
        return it->second;
    };
    auto match = [&](ArchiveImportEntry& e) {
        if (isSystemFile(e.path))
            return skip(e, "system_file", "Tệp do hệ điều hành tự tạo; bỏ qua");
        std::vector<std::string> codes = candidateCodes(e.path);
        if (codes.empty())
            return skip(e, "no_code",
                        "Tên tệp và thư mục không bắt đầu bằng mã tiêu chí thành phần (ví dụ "
                        "\"1.1.2 Kế hoạch/KH 97.pdf\" hoặc \"1.1.2_KH 97.pdf\")");
        for (const std::string& code : codes) {
            const auto& sub = findSub(code);
            if (!sub)
                continue;
            if (sub->survey)
                return skip(e, "survey_item",
                            "Tiêu chí " + code +
                                " chấm bằng điều tra xã hội học; không nộp tài liệu kiểm chứng");
            e.subCode = sub->code;
            e.status = ArchiveEntryStatus::Imported;
            return;
        }
        skip(e, "unknown_code",
             "Mã " + codes.front() + " không có trong bộ tiêu chí năm " + std::to_string(year) +
                 " của đơn vị");
    };

    auto opened = ArchiveReader::open(archive->path(), _limits);
    if (!opened.ok()) {
        report.failure = opened.takeError();
        return report;
    }
    std::unique_ptr<ArchiveReader> readerOwner = std::move(opened).value();
    ArchiveReader& reader = *readerOwner;
    std::vector<Pending> pending;
    bool refused = false;
    for (;;) {
        auto next = reader.next();
        if (!next.ok()) {
            report.failure = next.takeError();
            break;
        }
        if (!next->has_value())
            break;
        const ArchiveEntry& entry = **next;
        ArchiveImportEntry out;
        out.path = entry.path;
        if (!entry.accepted()) {
            reject(out, std::string(rejectReasonCode(*entry.rejection)),
                   std::string(rejectReasonMessage(*entry.rejection)));
            report.entries.push_back(std::move(out));
            refused = true;
            pending.clear();  // nothing will be stored: free the temporary files now
            continue;
        }
        auto name = cleanFileName(baseName(entry.path));
        if (!name.ok()) {
            reject(out, "bad_name", name.error().message);
            report.entries.push_back(std::move(out));
            refused = true;
            pending.clear();
            continue;
        }
        out.fileName = std::move(name).value();
        match(out);
        if (out.status != ArchiveEntryStatus::Imported) {
            // Read past now rather than by the next header, to report the entry's real size.
            auto skipped = reader.skipData();
            if (skipped.ok())
                out.size = skipped->value_or(0);
            report.entries.push_back(std::move(out));
            if (!skipped.ok()) {
                report.failure = skipped.takeError();
                break;
            }
            continue;
        }
        // Stored runs stream into a blob writer (which hashes); dry runs only hash. After a
        // refusal, content is not read at all.
        std::unique_ptr<ContentWriter> writer;
        if (!dryRun && !refused)
            writer = _content.begin(_limits.maxEntryBytes);
        Sha256 hash;
        auto read = reader.readData([&](const char* data, std::size_t n) -> Status {
            if (writer)
                return writer->write(data, n);
            if (dryRun)
                hash.update(data, n);
            return Ok{};
        });
        if (!read.ok()) {
            Error error = read.takeError();
            reject(out, error.code == ErrorCode::TooLarge ? "too_large" : "damaged", error.message);
            report.entries.push_back(std::move(out));
            report.failure = std::move(error);
            break;
        }
        out.size = read.value();
        if (out.size == 0) {
            skip(out, "empty_file", "Tệp rỗng; bỏ qua");
        } else if (writer) {
            writer->release();
            pending.push_back(Pending{report.entries.size(), std::move(writer)});
        } else if (dryRun) {
            out.sha256 = hash.hexDigest();
        }
        report.entries.push_back(std::move(out));
    }
    report.format = reader.formatName();
    readerOwner.reset();
    archive.reset();  // deleted before the blobs are flushed: the flush need not write it
    if (refused && !report.failure)
        report.failure = refusal(report);
    if (report.failure)
        return report;  // pending writers are dropped: their temporary files go with them
    if (dryRun) {
        Status marked = _store.read([&](Transaction& tx) -> Status {
            markDuplicates(report, standing(tx, year, unitCode));
            return Ok{};
        });
        if (!marked.ok())
            return marked.takeError();
        return report;
    }

    // The whole archive was read safely: only now do the entries become blobs.
    std::vector<ContentWriter*> writers;
    for (Pending& p : pending) writers.push_back(p.writer.get());
    std::vector<Result<StoredContent>> stored = _content.commitAll(writers);
    std::map<std::size_t, std::string> mediaTypes;
    for (std::size_t i = 0; i < pending.size(); ++i) {
        if (!stored[i].ok())
            return stored[i].takeError();
        report.entries[pending[i].entry].sha256 = stored[i]->sha256;
        mediaTypes[pending[i].entry] = stored[i]->mediaType;
    }
    pending.clear();

    auto written = _store.write([&](Transaction& tx) -> Status {
        auto checked = checkTarget(tx, actor, year, unitCode);
        if (!checked.ok())
            return checked.takeError();
        markDuplicates(report, standing(tx, year, unitCode));
        TimePoint now = _clock.now();
        for (std::size_t i = 0; i < report.entries.size(); ++i) {
            ArchiveImportEntry& entry = report.entries[i];
            if (entry.status != ArchiveEntryStatus::Imported)
                continue;
            auto sub = tx.evidence().findSubCriterion(year, checked->unitTypeCode, entry.subCode);
            if (!sub || sub->survey)
                return Error::conflict(
                    "Bộ tiêu chí đã thay đổi trong lúc nhập tệp nén; hãy thử lại");
            tx.evidence().ensureBlob(BlobRecord{entry.sha256, entry.size, mediaTypes[i], now});
            EvidenceItem e;
            e.year = year;
            e.unitCode = unitCode;
            e.criteriaSetId = sub->criteriaSetId;
            e.subCode = sub->code;
            e.round = checked->round;
            e.sha256 = entry.sha256;
            e.size = entry.size;
            e.mediaType = mediaTypes[i];
            e.fileName = entry.fileName;
            e.uploadedBy = actor.username;
            e.uploadedAt = now;
            e.id = tx.evidence().insert(e);
            entry.evidenceId = e.id;
            _audit.record(tx, actor.username, "evidence.upload", "evidence", std::to_string(e.id),
                          nullptr, json::of(e));
        }
        _audit.record(tx, actor.username, "evidence.archive_import", "unit",
                      std::to_string(year) + "/" + unitCode, nullptr, summary(report));
        return Ok{};
    });
    if (!written.ok())
        return written.takeError();
    report.stored = true;
    return report;
}

}  // namespace kc
