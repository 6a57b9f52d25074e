#pragma once

#include <functional>

#include "http/Request.h"
#include "services/AccountService.h"
#include "services/AuditService.h"
#include "services/AssessmentService.h"
#include "services/AuthService.h"
#include "services/CompletenessService.h"
#include "services/CriteriaService.h"
#include "services/DirectoryService.h"
#include "services/DocumentService.h"
#include "services/EvidenceService.h"
#include "services/EvidenceArchiveService.h"
#include "services/EvidenceExportService.h"
#include "services/ResultsService.h"
#include "services/SurveyService.h"
#include "domain/Spool.h"
#include "http/MultipartUpload.h"

namespace kc::http {

// The services the handlers call, built by the composition root.
struct Services {
    AuthService& auth;
    DirectoryService& directory;
    AccountService& accounts;
    CriteriaService& criteria;
    AuditService& audit;
    std::function<Reply()> health;  // GET /api/v1/health
    std::chrono::seconds sessionLifetime;
    EvidenceService& evidence;
    ContentStore& content;  // where uploads stream to
    UploadLimits upload;
    EvidenceArchiveService& archives;  // archive import
    EvidenceExportService& exports;    // zip export
    Spool& spool;                      // where uploaded archives wait while they are read
    AssessmentService& assessment;      // the workflow (WorkflowHandlers.cpp)
    CompletenessService& completeness;  // matrix, review queue, differences
    ResultsService& results;            // totals, ranks, grades, exports (ResultsHandlers.cpp)
    SurveyService& survey;              // survey points and SIPAS
    std::string tmpDir;                 // where spreadsheets are written before they are sent
    DocumentService& documents;         // official documents (DocumentHandlers.cpp)
    std::uint64_t verifyMaxBytes;       // largest PDF POST /api/v1/verify reads
    std::string pdfjsDir;               // Debian's pdf.js, served at /vendor/pdfjs/ (StaticFiles.h)
};

// Thin handlers: parse the request, call one service, render. Grouped by resource; the route
// table (Routes.cpp) says who may call each.
namespace session {
Reply login(Services& s, Request& r);
Reply logout(Services& s, Request& r);
Reply me(Services& s, Request& r);
}  // namespace session

namespace directory {
Reply listPeriods(Services& s, Request& r);
Reply getPeriod(Services& s, Request& r);
Reply createPeriod(Services& s, Request& r);
Reply updatePeriod(Services& s, Request& r);
Reply listUnitTypes(Services& s, Request& r);
Reply createUnitType(Services& s, Request& r);
Reply listUnits(Services& s, Request& r);
Reply getUnit(Services& s, Request& r);
Reply createUnit(Services& s, Request& r);
Reply updateUnit(Services& s, Request& r);
}  // namespace directory

namespace accounts {
Reply listUsers(Services& s, Request& r);
Reply createUser(Services& s, Request& r);
Reply updateUser(Services& s, Request& r);
Reply listAssignments(Services& s, Request& r);
Reply assign(Services& s, Request& r);
Reply unassign(Services& s, Request& r);
}  // namespace accounts

namespace criteria {
Reply importSet(Services& s, Request& r);
Reply copySet(Services& s, Request& r);
Reply listSets(Services& s, Request& r);
Reply getSet(Services& s, Request& r);
}  // namespace criteria

namespace audit {
Reply list(Services& s, Request& r);
Reply verify(Services& s, Request& r);
}  // namespace audit

// Evidence (EvidenceHandlers.cpp; the download in EvidenceDownload.cpp).
namespace evidence {
Reply upload(Services& s, Request& r);
Reply list(Services& s, Request& r);
Reply get(Services& s, Request& r);
Reply withdraw(Services& s, Request& r);
Reply restore(Services& s, Request& r);
// Streams the file: ETag, If-None-Match (304), one byte range (206/416), attachment name.
Reply content(Services& s, Request& r);
// EvidenceArchiveHandlers.cpp: one archive (multipart field "archive") imported whole or not
// at all, with a per-entry report; and the zip export, streamed with chunked encoding.
Reply importArchive(Services& s, Request& r);
Reply exportZip(Services& s, Request& r);
}  // namespace evidence

// The assessment workflow (WorkflowHandlers.cpp; docs/workflow.md).
namespace workflow {
Reply unitAssessment(Services& s, Request& r);
Reply putSelf(Services& s, Request& r);
Reply putStep1(Services& s, Request& r);
Reply putStep2(Services& s, Request& r);
Reply requestSupplement(Services& s, Request& r);
Reply reply(Services& s, Request& r);
// application/json {"rows": [...]} or text/csv; all rows or none.
Reply bulkSelf(Services& s, Request& r);
Reply extend(Services& s, Request& r);
Reply completeness(Services& s, Request& r);
Reply reviewQueue(Services& s, Request& r);
Reply differences(Services& s, Request& r);
}  // namespace workflow

namespace results {
Reply tables(Services& s, Request& r);
Reply exportTables(Services& s, Request& r);
Reply unitResult(Services& s, Request& r);
Reply getSettings(Services& s, Request& r);
Reply putSettings(Services& s, Request& r);
Reply importSurvey(Services& s, Request& r);
Reply listSurvey(Services& s, Request& r);
Reply putSipasFactors(Services& s, Request& r);
Reply importSipasAnswers(Services& s, Request& r);
Reply importSipasAggregates(Services& s, Request& r);
Reply sipas(Services& s, Request& r);
Reply applySipas(Services& s, Request& r);
}  // namespace results

// Official documents (DocumentHandlers.cpp; docs/documents.md).
namespace documents {
Reply generate(Services& s, Request& r);
Reply list(Services& s, Request& r);
Reply get(Services& s, Request& r);
Reply content(Services& s, Request& r);
Reply sign(Services& s, Request& r);
// The request body is the PDF itself (any content type), at most verifyMaxBytes.
Reply verify(Services& s, Request& r);
}  // namespace documents

}  // namespace kc::http
