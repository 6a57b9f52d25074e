#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Result.h"
#include "domain/ContentStore.h"
#include "domain/Evidence.h"
#include "domain/Store.h"
#include "services/AuditRecorder.h"

namespace kc {

// Where an upload goes, as checked before its body is read.
struct UploadTarget {
    int year = 0;
    std::string unitCode;
    SubCriterionRef subCriterion;
    EvidenceRound round = EvidenceRound::Self;
};

// A file already committed to the ContentStore, with the name the client gave it.
struct UploadedFile {
    StoredContent content;
    std::string fileName;  // as sent; cleaned by the service (cleanFileName)
};

// Which evidence to list: every sub-criterion or one; the current state or the state at the end
// of a round.
struct EvidenceQuery {
    std::optional<std::string> subCode;
    std::optional<EvidenceRound> asOfRound;
};

// An item with the facts a reader needs beside the stored row.
struct EvidenceView {
    EvidenceItem item;
    bool withdrawn = false;      // in the state listed (current, or at the end of the round)
    bool newSinceStep1 = false;  // uploaded after self-assessment closed (supplement round)
};

// A stored blob's content for download, with the item it belongs to.
struct EvidenceContent {
    EvidenceItem item;
    std::unique_ptr<std::istream> stream;
};

// Evidence documents per unit and sub-criterion. Items are never changed or deleted: a
// withdrawal is an event a restore reverses. Access: a unit user only its own unit (Forbidden
// otherwise); reviewers, clerks and admins read everything; only the owning unit uploads,
// withdraws and restores, and only while the item's round is open (PhaseClosed otherwise) and
// the unit is assessed in the item's year (Conflict otherwise: requireAssessedUnit).
// Thread-safe.
class EvidenceService {
public:
    EvidenceService(Store& store, ContentStore& content, const Clock& clock)
        : _store(store), _content(content), _clock(clock), _audit(clock) {}

    // Checks everything an upload needs before its body is read: the actor is the unit
    // (Forbidden), the period and unit exist (NotFound), the sub-criterion exists in the latest
    // criteria set for the unit's type and year (NotFound) and is not a survey item
    // (InvalidInput), and an evidence round is open (PhaseClosed).
    Result<UploadTarget> prepareUpload(const Actor& actor, int year, const std::string& unitCode,
                                       const std::string& subCode);

    // Records files (committed to the ContentStore already) as evidence in one transaction,
    // audited "evidence.upload" per item. Re-checks everything prepareUpload checks; also
    // InvalidInput for no files, a bad file name or bad metadata (issue_date must be
    // YYYY-MM-DD; texts at most 1000 bytes). Returns the new items in order.
    Result<std::vector<EvidenceItem>> upload(const Actor& actor, int year,
                                             const std::string& unitCode,
                                             const std::string& subCode,
                                             const std::vector<UploadedFile>& files,
                                             const EvidenceMetadata& metadata);

    // Items of (year, unit): with query.asOfRound unset, every item with its current state
    // (withdrawn ones included and flagged); with it set, only those standing at the end of that
    // round (InvalidInput if the round has no end date). NotFound for an unknown period or unit.
    Result<std::vector<EvidenceView>> list(const Actor& actor, int year,
                                           const std::string& unitCode, const EvidenceQuery& query);

    // One item with its full history (events). NotFound, Forbidden.
    Result<EvidenceView> get(const Actor& actor, Id id);

    // The item and a stream over its content. NotFound, Forbidden.
    Result<EvidenceContent> content(const Actor& actor, Id id);

    // Withdraw / restore: Conflict when already in that state; audited.
    Result<EvidenceView> withdraw(const Actor& actor, Id id);
    Result<EvidenceView> restore(const Actor& actor, Id id);

    // Every blob SHA-256 the database records (for verify).
    Result<std::vector<std::string>> blobShas();

private:
    Result<UploadTarget> checkTarget(Transaction& tx, const Actor& actor, int year,
                                     const std::string& unitCode, const std::string& subCode);
    Result<EvidenceView> change(const Actor& actor, Id id, EvidenceAction action);
    // item as listed; period: its unit's effective period (extensions counted), so that a file
    // uploaded during an extension of self-assessment is not marked new since step 1.
    EvidenceView view(const EvidenceItem& item, const Period& period) const;

    Store& _store;
    ContentStore& _content;
    const Clock& _clock;
    AuditRecorder _audit;
};

}  // namespace kc
