#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "core/Result.h"

namespace kc {

// Every setting of the server, typed. Read once at start-up from config/kiemchung.properties
// and the environment (KC_ + the key in capitals with dots as underscores, e.g. KC_HTTP_PORT
// for http.port); the environment wins. Keys and defaults: docs/configuration.md.
struct Config {
    std::string httpBind = "127.0.0.1";
    int httpPort = 8080;
    int httpThreads = 64;
    int httpTimeoutSeconds = 60;
    std::size_t httpMaxJsonBytes = 2 * 1024 * 1024;

    std::uint64_t uploadMaxFileBytes = 512ULL * 1024 * 1024;         // one evidence file
    std::uint64_t uploadMaxRequestBytes = 2ULL * 1024 * 1024 * 1024;  // one upload request
    std::uint64_t archiveMaxEntries = 10'000;                           // one imported archive
    std::uint64_t archiveMaxExpandedBytes = 2ULL * 1024 * 1024 * 1024;  // its entries together

    std::string storageDir = "storage";
    std::string databasePath;  // default: <storageDir>/kiemchung.db

    std::chrono::seconds sessionLifetime{std::chrono::hours(12)};
    int maxFailedLogins = 5;
    std::chrono::seconds lockDuration{std::chrono::minutes(15)};
    int pbkdf2Iterations = 600000;

    std::string logLevel = "information";
    // Where Debian's libjs-pdf keeps pdf.js, which the web interface draws PDF previews with.
    std::string pdfjsDir = "/usr/share/javascript/pdf/build";

    // Official documents (docs/documents.md). The organisation's PKCS#12 key signs every
    // generated document; the approver's signs on top (a second signature). Empty paths default
    // to <storageDir>/keys/organisation.p12 and <storageDir>/keys/approver.p12, which `init`
    // fills with self-signed demo keys when missing.
    std::string signingPkcs12;
    std::string signingPassword = "kiemchung-demo";
    std::string approverPkcs12;
    std::string approverPassword = "kiemchung-demo";
    std::string templatesDir = "templates";
    // The server's address as readers reach it, for the evidence links printed in documents;
    // empty: documentsUrl() makes one from http.bind and http.port.
    std::string publicUrl;
    std::uint64_t verifyMaxBytes = 256ULL * 1024 * 1024;  // largest PDF POST /api/v1/verify takes

    // publicUrl, or http://<http.bind>:<http.port> (127.0.0.1 for a bind to every address), so
    // that a server moved to another port links to itself without another setting.
    std::string documentsUrl() const;
    // Whether the server logs a line per request (log.requests; "kiemchung.access").
    bool logRequests = true;

    std::string organisationKeyPath() const {
        return signingPkcs12.empty() ? storageDir + "/keys/organisation.p12" : signingPkcs12;
    }
    std::string approverKeyPath() const {
        return approverPkcs12.empty() ? storageDir + "/keys/approver.p12" : approverPkcs12;
    }

    // Loads path and then env overrides. A missing file is fine (defaults apply) unless
    // mustExist: a file the operator named with --config must be there. InvalidInput when a
    // required file is missing or unreadable, and naming every bad key (not a number, out of
    // range, unknown key).
    static Result<Config> load(const std::string& path,
                               const std::map<std::string, std::string>& env,
                               bool mustExist = false);

    // The process environment as a map (for load).
    static std::map<std::string, std::string> processEnvironment();
};

}  // namespace kc
