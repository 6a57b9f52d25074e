#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/Config.h"
#include "core/Clock.h"
#include "http/Handlers.h"
#include "http/Server.h"
#include "storage/BlobContentStore.h"
#include "storage/SqlStore.h"
#include "storage/TempSpool.h"

namespace kc {

// The composition root: builds the concrete store, clock, hasher and services from a Config,
// and the HTTP server on top. Nothing else constructs them. Creating a Kernel creates the
// storage directory and applies database migrations (throws std::runtime_error when it can't).
class Kernel {
public:
    Kernel(const Config& config, const Clock& clock);
    ~Kernel();

    // Why config names no existing store ("" when storage.dir is a directory and the database
    // file exists). Every command but `init` checks it before it builds a Kernel, so a
    // mistyped storage.dir is refused instead of becoming a new, empty store. Creates nothing.
    static std::string missingStore(const Config& config);

    const Config& config() const { return _config; }
    Store& store() { return *_store; }
    SqlStore& database() { return *_store; }
    const Clock& clock() const { return _clock; }
    http::Services& services() { return *_services; }
    AuthService& auth() { return _auth; }
    DirectoryService& directory() { return _directory; }
    AccountService& accounts() { return _accounts; }
    CriteriaService& criteria() { return _criteria; }
    AuditService& audit() { return _audit; }
    EvidenceService& evidence() { return _evidence; }
    AssessmentService& assessment() { return _assessment; }
    CompletenessService& completeness() { return _completeness; }
    ResultsService& results() { return _results; }
    SurveyService& survey() { return _survey; }
    EvidenceArchiveService& archives() { return _archives; }
    EvidenceExportService& exports() { return _exports; }
    DocumentService& documents() { return _documents; }
    ContentStore& content() { return _content; }
    const BlobStore& blobs() const { return _blobs; }

    // A server on the configured address and port (port 0: any free port); not yet started.
    std::unique_ptr<http::Server> makeServer();

    // Whether a small file can be written into <storage>/tmp/, flushed, closed and renamed into
    // <storage>/blobs/ (then removed), as an upload does: what GET /api/v1/health reports as
    // storage "ok" or "unwritable".
    static bool storageWritable(const std::filesystem::path& storage);

    // One line for each signing key that could not be loaded (the key's setting, its file and
    // the reason), for `serve` to log at start-up; empty when both keys loaded.
    std::vector<std::string> signingKeyProblems() const;

    // The actor for command-line actions.
    static Actor systemActor() { return Actor{0, "system", Role::Admin, std::nullopt}; }

private:
    http::Reply health();

    Config _config;
    const Clock& _clock;
    std::unique_ptr<SqlStore> _store;
    PasswordHasher _hasher;
    AuthService _auth;
    DirectoryService _directory;
    AccountService _accounts;
    CriteriaService _criteria;
    AuditService _audit;
    BlobStore _blobs;
    BlobContentStore _content;
    EvidenceService _evidence;
    TempSpool _spool;
    EvidenceArchiveService _archives;
    EvidenceExportService _exports;
    std::shared_ptr<CriteriaCache> _criteriaCache;
    AssessmentService _assessment;
    CompletenessService _completeness;
    ResultsService _results;
    SurveyService _survey;
    DocumentSigners _signers;
    DocumentService _documents;
    std::unique_ptr<http::Services> _services;
};

}  // namespace kc
