#include "app/Kernel.h"

#include <filesystem>
#include <fstream>

#include "core/Random.h"
#include "http/Routes.h"
#include "report/DocumentSigner.h"

namespace kc {

namespace {

std::unique_ptr<SqlStore> openStore(const Config& c) {
    std::filesystem::create_directories(c.storageDir);
    auto parent = std::filesystem::path(c.databasePath).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    return SqlStore::openSqlite(c.databasePath, c.httpThreads + 2);
}

// A key that cannot be loaded is not fatal: the server runs, and generating or signing a
// document answers with the reason.
DocumentSigners loadSigners(const Config& c) {
    DocumentSigners s;
    auto organisation =
        report::Pkcs12DocumentSigner::load(c.organisationKeyPath(), c.signingPassword);
    if (organisation.ok())
        s.organisation = std::move(organisation).value();
    else
        s.organisationProblem = organisation.error().message;
    auto approver = report::Pkcs12DocumentSigner::load(c.approverKeyPath(), c.approverPassword);
    if (approver.ok())
        s.approver = std::move(approver).value();
    else
        s.approverProblem = approver.error().message;
    return s;
}

AuthPolicy policyOf(const Config& c) {
    return AuthPolicy{c.sessionLifetime, c.maxFailedLogins, c.lockDuration};
}

}  // namespace

Kernel::Kernel(const Config& config, const Clock& clock)
    : _config(config),
      _clock(clock),
      _store(openStore(config)),
      _hasher(config.pbkdf2Iterations),
      _auth(*_store, clock, _hasher, policyOf(config)),
      _directory(*_store, clock),
      _accounts(*_store, clock, _hasher),
      _criteria(*_store, clock),
      _audit(*_store),
      _blobs(config.storageDir),
      _content(_blobs),
      _evidence(*_store, _content, clock),
      _spool(_blobs.root() / "tmp"),
      _archives(*_store, _content, clock,
                ArchiveLimits{config.archiveMaxEntries, config.archiveMaxExpandedBytes,
                              config.uploadMaxFileBytes}),
      _exports(*_store, _content),
      _criteriaCache(std::make_shared<CriteriaCache>()),
      _assessment(*_store, clock, _criteriaCache),
      _completeness(*_store, clock, _criteriaCache),
      _results(*_store, clock, _criteriaCache),
      _survey(*_store, clock, _criteriaCache),
      _signers(loadSigners(config)),
      _documents(*_store, _content, clock,
                 DocumentSettings{config.templatesDir, config.documentsUrl()}, _signers) {
    _services.reset(new http::Services{
        _auth,
        _directory,
        _accounts,
        _criteria,
        _audit,
        [this] { return health(); },
        config.sessionLifetime,
        _evidence,
        _content,
        http::UploadLimits{config.uploadMaxFileBytes, config.uploadMaxRequestBytes},
        _archives,
        _exports,
        _spool,
        _assessment,
        _completeness,
        _results,
        _survey,
        (_blobs.root() / "tmp").string(),
        _documents,
        config.verifyMaxBytes,
        config.pdfjsDir});
}

Kernel::~Kernel() = default;

std::string Kernel::missingStore(const Config& c) {
    std::error_code ec;
    if (!std::filesystem::is_directory(c.storageDir, ec))
        return "storage.dir " + c.storageDir +
               " is not a directory: check storage.dir (KC_STORAGE_DIR), or run `kiemchung "
               "init` to create a new store there";
    if (!std::filesystem::is_regular_file(c.databasePath, ec))
        return "no database at " + c.databasePath +
               ": check storage.dir and database.path (KC_STORAGE_DIR, KC_DATABASE_PATH), or run "
               "`kiemchung init` to create a new store there";
    return "";
}

std::vector<std::string> Kernel::signingKeyProblems() const {
    std::vector<std::string> problems;
    if (!_signers.organisation)
        problems.push_back("the organisation's signing key (signing.pkcs12, " +
                           _config.organisationKeyPath() +
                           ") cannot be loaded: " + _signers.organisationProblem);
    if (!_signers.approver)
        problems.push_back("the approver's signing key (signing.approverPkcs12, " +
                           _config.approverKeyPath() +
                           ") cannot be loaded: " + _signers.approverProblem);
    return problems;
}

std::unique_ptr<http::Server> Kernel::makeServer() {
    http::ServerOptions options{_config.httpBind, static_cast<unsigned short>(_config.httpPort),
                                _config.httpThreads, 64, _config.httpTimeoutSeconds};
    return std::make_unique<http::Server>(options, http::apiRoutes(*_services), _auth,
                                          http::HttpLimits{_config.httpMaxJsonBytes});
}

bool Kernel::storageWritable(const std::filesystem::path& storage) {
    // What every upload does: a file written into tmp/, flushed and closed, then renamed into
    // blobs/ (a probe of the storage root alone said "ok" with tmp/ or blobs/ unwritable).
    const std::string name = ".health-" + randomHex(8);
    const std::filesystem::path probe = storage / "tmp" / name;
    const std::filesystem::path placed = storage / "blobs" / name;
    bool written = false;
    {
        std::ofstream out(probe, std::ios::binary);
        out << "ok";
        // The bytes sit in the stream's buffer until it is flushed: a full disk fails the
        // close, never the <<.
        out.close();
        written = !out.fail();
    }
    std::error_code ec;
    if (written) {
        std::filesystem::rename(probe, placed, ec);
        written = !ec;
    }
    std::filesystem::remove(probe, ec);
    std::filesystem::remove(placed, ec);
    return written;
}

http::Reply Kernel::health() {
    bool database = _store->ping();
    // The storage directory must accept a write as every upload makes one.
    bool storage = storageWritable(_config.storageDir);
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("status", database && storage ? "ok" : "degraded");
    o->set("database", database ? "ok" : "unavailable");
    o->set("storage", storage ? "ok" : "unwritable");
    return http::Reply::json(o, database && storage ? 200 : 503);
}

}  // namespace kc
