#include "app/Config.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/URI.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <arpa/inet.h>

#include <algorithm>
#include <functional>
#include <optional>

extern char** environ;

namespace kc {

namespace {

std::string envName(const std::string& key) {
    std::string out = "KC_";
    for (char c : key) out += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::string Config::documentsUrl() const {
    if (!publicUrl.empty())
        return publicUrl;
    std::string host = httpBind;
    if (host.empty() || host == "0.0.0.0" || host == "::")
        host = "127.0.0.1";
    else if (host.find(':') != std::string::npos)
        host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(httpPort);
}

std::map<std::string, std::string> Config::processEnvironment() {
    std::map<std::string, std::string> env;
    for (char** e = environ; e && *e; ++e) {
        std::string kv(*e);
        auto eq = kv.find('=');
        if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    return env;
}

Result<Config> Config::load(const std::string& path, const std::map<std::string, std::string>& env,
                            bool mustExist) {
    std::map<std::string, std::string> values;
    std::vector<ErrorDetail> problems;
    if (mustExist && (path.empty() || !Poco::File(path).exists()))
        return Error::invalid("Configuration file " + path + " does not exist");
    if (!path.empty() && Poco::File(path).exists()) {
        try {
            Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> file(
                new Poco::Util::PropertyFileConfiguration(path));
            std::function<void(const std::string&)> walk = [&](const std::string& prefix) {
                Poco::Util::AbstractConfiguration::Keys keys;
                file->keys(prefix, keys);
                for (const auto& k : keys) {
                    std::string full = prefix.empty() ? k : prefix + "." + k;
                    if (file->hasProperty(full)) values[full] = file->getString(full);
                    walk(full);
                }
            };
            walk("");
        } catch (const Poco::Exception& e) {
            return Error::invalid("Cannot read configuration " + path + ": " + e.displayText());
        }
    }

    Config c;
    // Each key's rule: a setter that refuses a bad value, and what it expects (for the message).
    struct Rule {
        std::function<bool(const std::string&)> set;
        std::string expected;
    };
    // A whole number written with digits only (no sign, space or exponent) in [lo, hi].
    auto wholeNumber = [](const std::string& v, long long lo,
                          long long hi) -> std::optional<long long> {
        if (v.empty() || v.size() > 18 ||
            !std::all_of(v.begin(), v.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
            return std::nullopt;
        long long n = std::stoll(v);
        if (n < lo || n > hi)
            return std::nullopt;
        return n;
    };
    auto range = [](long long lo, long long hi) {
        return "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
    };
    auto integer = [&](auto& target, long long lo, long long hi) -> Rule {
        return {[&target, lo, hi, wholeNumber](const std::string& v) {
                    auto n = wholeNumber(v, lo, hi);
                    if (n)
                        target = static_cast<std::remove_reference_t<decltype(target)>>(*n);
                    return n.has_value();
                },
                range(lo, hi)};
    };
    auto seconds = [&](std::chrono::seconds& target, long long unit, long long lo,
                       long long hi) -> Rule {
        return {[&target, unit, lo, hi, wholeNumber](const std::string& v) {
                    auto n = wholeNumber(v, lo, hi);
                    if (n)
                        target = std::chrono::seconds(*n * unit);
                    return n.has_value();
                },
                range(lo, hi)};
    };
    auto text = [](std::string& target) -> Rule {
        return {[&target](const std::string& v) {
                    target = v;
                    return true;
                },
                "text"};
    };
    auto nonEmptyPath = [](std::string& target) -> Rule {
        return {[&target](const std::string& v) {
                    if (v.empty())
                        return false;
                    target = v;
                    return true;
                },
                "a path, not empty"};
    };
    const std::map<std::string, Rule> setters = {
        {"http.bind",
         {[&c](const std::string& v) {
              unsigned char address[sizeof(in6_addr)];
              if (v != "localhost" && inet_pton(AF_INET, v.c_str(), address) != 1 &&
                  inet_pton(AF_INET6, v.c_str(), address) != 1)
                  return false;
              c.httpBind = v;
              return true;
          },
          "an IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::1 (or localhost)"}},
        {"http.port", integer(c.httpPort, 0, 65535)},
        {"http.threads", integer(c.httpThreads, 1, 1024)},
        {"http.timeoutSeconds", integer(c.httpTimeoutSeconds, 1, 3600)},
        {"http.maxJsonBytes", integer(c.httpMaxJsonBytes, 1024, 1LL << 30)},
        {"upload.maxFileBytes", integer(c.uploadMaxFileBytes, 1, 1LL << 40)},
        {"upload.maxRequestBytes", integer(c.uploadMaxRequestBytes, 1024, 1LL << 42)},
        {"upload.archiveMaxEntries", integer(c.archiveMaxEntries, 1, 1000000)},
        {"upload.archiveMaxExpandedBytes", integer(c.archiveMaxExpandedBytes, 1, 1LL << 42)},
        {"storage.dir", nonEmptyPath(c.storageDir)},
        {"database.path", text(c.databasePath)},  // empty: <storage.dir>/kiemchung.db
        {"auth.sessionHours", seconds(c.sessionLifetime, 3600, 1, 24 * 30)},
        {"auth.maxFailedLogins", integer(c.maxFailedLogins, 1, 1000)},
        {"auth.lockMinutes", seconds(c.lockDuration, 60, 1, 24 * 60)},
        {"auth.pbkdf2Iterations", integer(c.pbkdf2Iterations, 1, 100000000)},
        {"signing.pkcs12", text(c.signingPkcs12)},
        {"signing.password", text(c.signingPassword)},
        {"signing.approverPkcs12", text(c.approverPkcs12)},
        {"signing.approverPassword", text(c.approverPassword)},
        {"documents.templatesDir", nonEmptyPath(c.templatesDir)},
        {"documents.publicUrl",
         {[&c](const std::string& v) {
              if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
                  return false;
              try {
                  Poco::URI uri(v);
                  if (uri.getHost().empty() || v.find_first_of(" \t") != std::string::npos)
                      return false;
              } catch (const Poco::Exception&) {
                  return false;
              }
              c.publicUrl = v.back() == '/' ? v.substr(0, v.size() - 1) : v;
              return true;
          },
          "an http:// or https:// address with a host, such as https://cchc.example.gov.vn"}},
        {"documents.verifyMaxBytes", integer(c.verifyMaxBytes, 1024, 1LL << 34)},
        {"web.pdfjsDir", nonEmptyPath(c.pdfjsDir)},
        {"log.requests",
         {[&c](const std::string& v) {
              if (v != "true" && v != "false")
                  return false;
              c.logRequests = v == "true";
              return true;
          },
          "true or false"}},
        {"log.level",
         {[&c](const std::string& v) {
              try {
                  Poco::Logger::parseLevel(v);  // throws for an unknown level name
              } catch (const Poco::Exception&) {
                  return false;
              }
              c.logLevel = v;
              return true;
          },
          "none, fatal, critical, error, warning, notice, information, debug or trace"}},
    };
    for (const auto& [key, setter] : setters)
        if (auto it = env.find(envName(key)); it != env.end()) values[key] = it->second;
    for (const auto& [key, value] : values) {
        auto it = setters.find(key);
        if (it == setters.end())
            problems.push_back({key, "unknown configuration key"});
        else if (!it->second.set(value))
            problems.push_back(
                {key, "invalid value '" + value + "': expected " + it->second.expected});
    }
    if (!problems.empty()) return Error::invalid("Invalid configuration", problems);
    if (c.databasePath.empty()) c.databasePath = c.storageDir + "/kiemchung.db";
    return c;
}

}  // namespace kc
