#pragma once

#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.h"
#include "domain/ContentStore.h"
#include "domain/Document.h"
#include "domain/Store.h"
#include "report/DocumentSigner.h"
#include "report/PdfInspection.h"
#include "services/AuditRecorder.h"

namespace kc {

// What a clerk asks for (POST /api/v1/periods/{year}/documents).
struct DocumentRequest {
    DocumentKind kind = DocumentKind::AppraisalSheet;
    std::optional<std::string> unitCode;  // appraisal sheets: required
    std::optional<int> number;            // 1..99999; absent: left blank
    std::optional<TimePoint> date;        // absent: today
    bool draft = true;
    std::string assessmentText;  // annual report section IV (clerk's text)
    std::string directionsText;  // annual report section V
};

// Where documents come from: the templates directory (re-read on every generation, so an edit
// applies at once), the server address for evidence links, and the keys.
struct DocumentSettings {
    std::string templatesDir = "templates";
    std::string publicUrl = "http://127.0.0.1:8080";
};

// The keys; either may be missing (its use then fails with NotFound naming the problem).
struct DocumentSigners {
    std::shared_ptr<const report::DocumentSigner> organisation;
    std::shared_ptr<const report::DocumentSigner> approver;
    std::string organisationProblem;  // why organisation is null
    std::string approverProblem;
};

struct DocumentContent {
    OfficialDocument document;
    std::unique_ptr<std::istream> stream;
};

// How the evidence files a manifest cites compare with what is stored now.
struct ManifestCheck {
    bool matches = false;  // every checked file exists, unchanged and not withdrawn
    int units = 0;
    int files = 0;
    int notChecked = 0;  // files a unit's check left out: those cited for other units
    std::vector<ErrorDetail> problems;  // path "MC12" / message, one per mismatch
};

// POST /api/v1/verify: the signatures, the manifest, and whether these exact bytes are a
// document this server stored.
struct PdfVerification {
    std::vector<report::SignatureCheck> signatures;
    std::optional<ManifestCheck> manifest;  // absent when the PDF embeds none
    std::optional<OfficialDocument> stored;
};

// Generates, signs, stores and verifies the official documents (docs/documents.md). Documents
// are stored like evidence (content-addressed, never changed) and audited in the transaction
// that records them. Only clerks and admins generate and sign (Forbidden otherwise); reviewers
// read every document, units only the appraisal sheets of their own unit. Thread-safe.
class DocumentService {
public:
    DocumentService(Store& store, ContentStore& content, const Clock& clock,
                    DocumentSettings settings, DocumentSigners signers)
        : _store(store),
          _content(content),
          _clock(clock),
          _audit(clock),
          _settings(std::move(settings)),
          _signers(std::move(signers)) {}

    // Builds the document from the current data, signs it with the organisation's key (visible
    // block at the top right of page 1), stores it and audits "document.generate".
    // Errors: NotFound (period, unit, criteria set, templates, organisation key); InvalidInput
    // (missing unit for a sheet, templates invalid, number out of range).
    Result<OfficialDocument> generate(const Actor& actor, int year, const DocumentRequest& req);

    // The approver's signature on top of document id (an incremental update: the earlier
    // signature stays valid), stored as a new document with previousId = id; audited
    // "document.sign". A document is approved once: Conflict, nothing stored or audited, when
    // id is itself an approved copy (it has a previousId) or another document has it as its
    // previousId. Checked again in the transaction that stores the new document, so of
    // simultaneous requests for one id only one is stored. NotFound (document, approver key).
    Result<OfficialDocument> signOnTop(const Actor& actor, Id id);

    Result<std::vector<OfficialDocument>> list(const Actor& actor, int year);
    Result<OfficialDocument> get(const Actor& actor, Id id);
    Result<DocumentContent> content(const Actor& actor, Id id);

    // Checks a PDF: every signature, and each file its manifest cites against the evidence
    // stored now. A unit sees only its own evidence, so for a unit actor the files cited for
    // other units are not checked (counted in notChecked), and a file cited for the unit that
    // is not its own evidence is one problem that says no more (not whether it exists, whose
    // it is, or its name). InvalidInput when the bytes are not a readable PDF.
    Result<PdfVerification> verify(const Actor& actor, std::string_view pdf);

private:
    Result<std::string> render(const Actor& actor, int year, const DocumentRequest& req,
                               OfficialDocument& doc, std::string& manifest);
    // Stores bytes and records doc, unless check (run in the recording transaction, before
    // the insert) fails: then its error, and nothing recorded.
    Result<OfficialDocument> store(const Actor& actor, const std::string& action,
                                   OfficialDocument doc, const std::string& bytes,
                                   const std::function<Status(Transaction&)>& check = {});
    Status mayRead(const Actor& actor, const OfficialDocument& doc) const;

    Store& _store;
    ContentStore& _content;
    const Clock& _clock;
    AuditRecorder _audit;
    DocumentSettings _settings;
    DocumentSigners _signers;
};

}  // namespace kc
