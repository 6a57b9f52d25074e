#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Clock.h"
#include "domain/Entities.h"

namespace kc {

// The official documents Kiểm Chứng produces (docs/documents.md).
enum class DocumentKind { AppraisalSheet, DecisionDraft, AnnualReport };

// "appraisal_sheet" / "decision_draft" / "annual_report".
std::string_view documentKindName(DocumentKind k);
std::optional<DocumentKind> parseDocumentKind(std::string_view name);

// One stored, signed PDF. Immutable like evidence: its bytes live in the content store under
// sha256 and the row is never changed. Signing on top of a document stores a new document
// whose previousId names the one it was signed over.
struct OfficialDocument {
    Id id = 0;
    int year = 0;
    DocumentKind kind = DocumentKind::AppraisalSheet;
    std::optional<std::string> unitCode;  // appraisal sheets: the unit
    std::string title;                    // the subject line
    std::optional<int> number;            // the document number, when given
    TimePoint documentDate{};             // the date printed under the header
    bool draft = true;
    std::string sha256;
    std::uint64_t size = 0;
    int signatureCount = 0;
    std::string signedBy;  // the newest signature's certificate common name
    std::optional<Id> previousId;
    std::string manifestSha256;  // of the embedded manifest.json; empty when none
    TimePoint createdAt{};
    std::string createdBy;
};

class DocumentRepository {
public:
    virtual ~DocumentRepository() = default;
    // Stores doc (id ignored) and returns its id. REQUIRES: its blob is recorded (ensureBlob).
    virtual Id insert(const OfficialDocument& doc) = 0;
    virtual std::optional<OfficialDocument> find(Id id) = 0;
    // The documents of a year, newest first.
    virtual std::vector<OfficialDocument> list(int year) = 0;
    // The documents stored with exactly these bytes (normally at most one).
    virtual std::vector<OfficialDocument> findBySha256(const std::string& sha256) = 0;
};

}  // namespace kc
