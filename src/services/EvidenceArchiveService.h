#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "archive/ArchiveReader.h"
#include "core/Result.h"
#include "domain/ContentStore.h"
#include "domain/Spool.h"
#include "domain/Store.h"
#include "services/AuditRecorder.h"

namespace kc {

// What happened to one member of an imported archive (docs/evidence.md, "Archive import").
enum class ArchiveEntryStatus {
    Imported,   // stored as evidence (in a dry run or a refused archive: would have been)
    Duplicate,  // the same SHA-256 already stands as evidence of this unit and sub-criterion
    Unmatched,  // skipped: no code, unknown code, survey item, system file or empty file
    Rejected,   // unsafe or unreadable: the whole archive is refused
};

// "imported", "duplicate", "unmatched", "rejected".
std::string_view entryStatusName(ArchiveEntryStatus s);

struct ArchiveImportEntry {
    std::string path;  // as decoded from the archive (NFC); for rejected entries possibly unsafe
    ArchiveEntryStatus status = ArchiveEntryStatus::Unmatched;
    // Why, for all but imported: a RejectReason code, or no_code / unknown_code / survey_item /
    // system_file / empty_file, or duplicate.
    std::string reason;
    std::string message;   // Vietnamese, for all but imported
    std::string subCode;   // when matched
    std::string fileName;  // the name stored (the last path component)
    // The bytes counted coming out of the archive: for imported, duplicate and unmatched
    // entries; 0 for rejected ones (not read) and for an unmatched one whose data is damaged.
    std::uint64_t size = 0;
    std::string sha256;  // when the content was read
    Id evidenceId = 0;   // when stored
};

struct ArchiveImportReport {
    std::string archiveName;  // as the client sent it
    std::string format;       // libarchive's name for it, e.g. "ZIP 2.0 (deflation)"
    bool dryRun = false;
    bool stored = false;  // rows and blobs were written
    // Set when the archive is refused as a whole: a rejected entry, a limit passed, a damaged
    // or unsupported archive. Nothing is stored then.
    std::optional<Error> failure;
    std::vector<ArchiveImportEntry> entries;

    std::size_t count(ArchiveEntryStatus s) const;
};

// Where an archive import goes, as checked before its body is read.
struct ArchiveImportTarget {
    int year = 0;
    std::string unitCode;
    std::string unitTypeCode;
    EvidenceRound round = EvidenceRound::Self;
};

// Imports a unit's archive of evidence files, each entry matched to a sub-criterion by the code
// its file name or a folder starts with (domain/ArchiveNaming.h). All or nothing: entries are
// streamed into uncommitted blobs; only if every entry was read safely are the blobs committed
// and every row written in one transaction, with one "evidence.upload" audit entry per item and
// one "evidence.archive_import" with the counts. Thread-safe.
class EvidenceArchiveService {
public:
    EvidenceArchiveService(Store& store, ContentStore& content, const Clock& clock,
                           ArchiveLimits limits)
        : _store(store), _content(content), _clock(clock), _audit(clock), _limits(limits) {}

    // What uploads check before the body is read, for a whole unit: the actor is that unit
    // (Forbidden), period and unit exist (NotFound), the unit is assessed in year (Conflict:
    // requireAssessedUnit), an evidence round is open (PhaseClosed).
    Result<ArchiveImportTarget> prepareImport(const Actor& actor, int year,
                                              const std::string& unitCode);

    // Reads the spooled archive (a finished SpoolFile, which this call owns and deletes as soon
    // as it has been read, so that its pages never need to reach the disk) and, unless dryRun,
    // stores its matched entries. Errors: those of prepareImport (re-checked). Everything about
    // the archive itself, including refusal, is in the report (failure set, nothing stored).
    Result<ArchiveImportReport> importArchive(const Actor& actor, int year,
                                              const std::string& unitCode,
                                              std::unique_ptr<SpoolFile> archive,
                                              const std::string& archiveName, bool dryRun);

private:
    Result<ArchiveImportTarget> checkTarget(Transaction& tx, const Actor& actor, int year,
                                            const std::string& unitCode);

    Store& _store;
    ContentStore& _content;
    const Clock& _clock;
    AuditRecorder _audit;
    ArchiveLimits _limits;
};

}  // namespace kc
