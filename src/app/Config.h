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
    int httpThreads = 16;
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

    // Loads path (a missing file is fine: defaults apply) and then env overrides.
    // InvalidInput naming every bad key (not a number, out of range, unknown key).
    static Result<Config> load(const std::string& path, const std::map<std::string, std::string>& env);

    // The process environment as a map (for load).
    static std::map<std::string, std::string> processEnvironment();
};

}  // namespace kc
