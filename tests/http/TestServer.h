#pragma once

// End-to-end fixture: a Kernel over a temporary directory with the demo year loaded, its HTTP
// server listening on 127.0.0.1 (any free port), and a keep-alive client to talk to it.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "HttpResult.h"
#include "app/DemoData.h"
#include "app/Kernel.h"
#include "app/SigningKeys.h"

namespace kc::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

// The demo accounts of app/DemoData.cpp.
inline constexpr const char* kAdminPassword = "admin@KiemChung2022";
inline constexpr const char* kClerkPassword = "vanthu@KiemChung2022";
inline constexpr const char* kReviewerPassword = "thamdinh@KiemChung2022";
inline constexpr const char* kUnitPassword = "xaphuckhanh@KiemChung2022";

inline std::string demoCriteriaPath() {
    return std::string(KC_SOURCE_DIR) + "/config/demo/criteria-2022-huyen.json";
}

// text with the first occurrence of from replaced by to; throws if from is absent.
inline std::string replaceOnce(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    if (at == std::string::npos)
        throw std::runtime_error("text lacks " + from);
    return text.replace(at, from.size(), to);
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// 2022-12-01 08:00 UTC: inside the demo period's self-assessment window.
inline TimePoint testStartTime() {
    return *parseIso("2022-12-01T08:00:00Z");
}

// Where test databases live: tmpfs when there is one, as SQLite syncs every commit to disk
// (synchronous = FULL) and on a disk the syncs would cost more than the tests themselves.
inline std::filesystem::path scratchRoot() {
    std::error_code ec;
    if (std::filesystem::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0)
        return "/dev/shm";
    return std::filesystem::temp_directory_path();
}

// A fresh directory under scratchRoot(), removed with everything in it at scope exit.
class ScratchDir {
public:
    ScratchDir() {
        std::random_device rd;
        _path = scratchRoot() / ("kc-http-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(_path);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(_path, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::filesystem::path& path() const { return _path; }
    std::string file(const std::string& name) const { return (_path / name).string(); }

private:
    std::filesystem::path _path;
};

// Builds a database with the demo year loaded at testStartTime() and copies it to target.
inline void buildDemoDatabase(const std::filesystem::path& target) {
    ScratchDir dir;
    Config c;
    c.storageDir = dir.file("storage");
    c.databasePath = dir.file("storage/kiemchung.db");
    c.pbkdf2Iterations = 1000;
    ManualClock clock(testStartTime());
    {
        Kernel k(c, clock);
        std::ostringstream out;
        if (!loadDemoData(k, demoCriteriaPath(), out))
            throw std::runtime_error("demo data failed: " + out.str());
    }  // closing the last connection folds the WAL into the file
    std::filesystem::copy_file(c.databasePath, target);
}

// The demo database that every server starts from (as a copy). Loading the demo costs some
// fifty transactions, and ctest runs each test in a process of its own, so the database is
// built once per build and kept beside the test binary, named after the binary's and the demo
// criteria's modification times; older builds' copies are removed.
inline const std::string& demoTemplateDatabase() {
    static ScratchDir privateDir;  // when the binary cannot be found
    static const std::string path = [] {
        namespace fs = std::filesystem;
        std::error_code ec;
        const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
        const auto exeTime = fs::last_write_time(exe, ec);
        const auto criteriaTime = fs::last_write_time(demoCriteriaPath(), ec);
        if (ec || access(exe.parent_path().c_str(), W_OK) != 0) {
            buildDemoDatabase(privateDir.path() / "demo.db");
            return (privateDir.path() / "demo.db").string();
        }
        const std::string prefix = exe.filename().string() + "-demo-";
        const fs::path cached =
            exe.parent_path() / (prefix + std::to_string(exeTime.time_since_epoch().count()) + "-" +
                                 std::to_string(criteriaTime.time_since_epoch().count()) + ".db");
        if (fs::exists(cached, ec))
            return cached.string();
        for (const auto& entry : fs::directory_iterator(exe.parent_path(), ec)) {
            std::string name = entry.path().filename().string();
            if (name.rfind(prefix, 0) == 0 && name.ends_with(".db"))
                fs::remove(entry.path(), ec);
        }
        // Written under a private name, then renamed: other processes see all of it or none.
        fs::path partial = cached;
        partial += ".partial-" + std::to_string(::getpid());
        buildDemoDatabase(partial);
        fs::rename(partial, cached);
        return cached.string();
    }();
    return path;
}

struct TestServerOptions {
    std::size_t maxJsonBytes = 256 * 1024;  // the demo criteria set is ~90 KB
    bool demo = true;
    bool signingKeys = false;  // create the demo signing keys (as `init` does) before starting
    std::string pdfjsDir = {};  // web.pdfjsDir; empty: the default (Debian's libjs-pdf)
};

class TestServer {
public:
    explicit TestServer(TestServerOptions options = {}) : clock(testStartTime()) {
        config.storageDir = dir.file("storage");
        config.databasePath = dir.file("storage/kiemchung.db");
        config.httpBind = "127.0.0.1";
        config.httpPort = 0;
        config.httpThreads = 4;
        config.httpTimeoutSeconds = 10;
        config.httpMaxJsonBytes = options.maxJsonBytes;
        config.pbkdf2Iterations = 1000;
        if (!options.pdfjsDir.empty())
            config.pdfjsDir = options.pdfjsDir;
        if (options.demo) {
            std::filesystem::create_directories(config.storageDir);
            std::filesystem::copy_file(demoTemplateDatabase(), config.databasePath);
        }
        if (options.signingKeys) {
            std::ostringstream ignored;
            if (!ensureDemoKeys(config, ignored).ok())
                throw std::runtime_error("demo signing keys failed");
        }
        kernel = std::make_unique<Kernel>(config, clock);
        server = kernel->makeServer();
        server->start();
        port = server->port();
        _session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", port);
        _session->setKeepAlive(true);
        _session->setTimeout(Poco::Timespan(10, 0));
    }

    ~TestServer() {
        _session.reset();
        // Poco's acceptor notices a stop only when its 250 ms poll() ends or a connection
        // arrives; knock until the stop is through so that each test ends promptly.
        std::atomic<bool> stopped{false};
        std::thread knocker([&] {
            while (!stopped) {
                try {
                    Poco::Net::StreamSocket knock;
                    knock.connect(Poco::Net::SocketAddress("127.0.0.1", port),
                                  Poco::Timespan(0, 100000));
                } catch (const Poco::Exception&) {
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        });
        server->stop();
        stopped = true;
        knocker.join();
    }

    HttpResult request(const std::string& method, const std::string& path,
                       const std::string& token = "", const std::string& body = "",
                       const Headers& extraHeaders = {}) {
        Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        req.setKeepAlive(true);
        if (!token.empty())
            req.set("Authorization", "Bearer " + token);
        bool sendsBody = !body.empty() || method == "POST" || method == "PATCH" || method == "PUT";
        if (sendsBody) {
            req.setContentType("application/json; charset=utf-8");
            req.setContentLength(static_cast<std::streamsize>(body.size()));
        }
        for (const auto& [name, value] : extraHeaders) req.set(name, value);
        HttpResult r;
        try {
            std::ostream& out = _session->sendRequest(req);
            if (sendsBody)
                out << body;
            Poco::Net::HTTPResponse res;
            std::istream& in = _session->receiveResponse(res);
            Poco::StreamCopier::copyToString(in, r.body);
            r.status = res.getStatus();
            for (const auto& [name, value] : res) r.headers.add(name, value);
        } catch (const Poco::Exception& e) {
            _session->reset();
            throw std::runtime_error(method + " " + path + ": " + e.displayText());
        }
        if (!r.body.empty()) {
            try {
                r.json = Poco::JSON::Parser().parse(r.body);
            } catch (const Poco::Exception&) {
            }
        }
        return r;
    }

    HttpResult get(const std::string& path, const std::string& token) {
        return request("GET", path, token);
    }
    HttpResult post(const std::string& path, const std::string& token, const std::string& body) {
        return request("POST", path, token, body);
    }
    HttpResult patch(const std::string& path, const std::string& token, const std::string& body) {
        return request("PATCH", path, token, body);
    }

    HttpResult loginResult(const std::string& username, const std::string& password) {
        return request("POST", "/api/v1/session", "",
                       R"({"username":")" + username + R"(","password":")" + password + R"("})");
    }

    // The bearer token of a successful login; throws (failing the test) otherwise.
    std::string login(const std::string& username, const std::string& password) {
        HttpResult r = loginResult(username, password);
        if (r.status != 200 || r.str("token").empty())
            throw std::runtime_error("login " + username + " failed: " + r.dump());
        return r.str("token");
    }

    // Demo accounts, logged in on first use.
    const std::string& admin() { return cached(_admin, "admin", kAdminPassword); }
    const std::string& clerk() { return cached(_clerk, "vanthu", kClerkPassword); }
    const std::string& reviewer() { return cached(_reviewer, "thamdinh", kReviewerPassword); }
    const std::string& unitUser() { return cached(_unit, "xaphuckhanh", kUnitPassword); }

    // Size of a JSON array returned by GET path (-1 when the reply is not an array).
    int count(const std::string& path, const std::string& token) {
        auto a = get(path, token).array();
        return a ? static_cast<int>(a->size()) : -1;
    }
    int auditCount() { return count("/api/v1/audit?limit=1000", admin()); }

    RawConnection raw() { return RawConnection(port); }

    ScratchDir dir;
    ManualClock clock;
    Config config;
    std::unique_ptr<Kernel> kernel;
    std::unique_ptr<http::Server> server;
    unsigned short port = 0;

private:
    const std::string& cached(std::string& slot, const char* user, const char* password) {
        if (slot.empty())
            slot = login(user, password);
        return slot;
    }

    std::unique_ptr<Poco::Net::HTTPClientSession> _session;
    std::string _admin, _clerk, _reviewer, _unit;
};

// gtest fixture: a fresh server with the demo year for every test.
class HttpTest : public ::testing::Test {
protected:
    TestServer s;
};

}  // namespace kc::test
