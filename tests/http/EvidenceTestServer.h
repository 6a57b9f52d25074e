#pragma once

// Fixture for the evidence end-to-end tests: like TestServer (demo year, real server on port 0)
// but with configuration the test chooses (upload limits, socket timeout), the sample criteria
// set imported for unit type "xa" (the demo imports one only for "huyen"), and helpers to
// build multipart bodies and send them byte for byte.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "TempDir.h"
#include "TestServer.h"

namespace kc::test {

struct Part {
    std::string name;
    std::optional<std::string> fileName;  // set for file parts
    std::string content;
};

inline const std::string kBoundary = "----KcBoundary7MA4YWxkTrZu0gW";

// A multipart/form-data body with the closing boundary (unless closing is false).
inline std::string multipartBody(const std::vector<Part>& parts, bool closing = true,
                                 const std::string& boundary = kBoundary) {
    std::string body;
    for (const Part& p : parts) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
        if (p.fileName)
            body += "; filename=\"" + *p.fileName + "\"";
        body += "\r\n";
        if (p.fileName)
            body += "Content-Type: application/octet-stream\r\n";
        body += "\r\n" + p.content + "\r\n";
    }
    if (closing)
        body += "--" + boundary + "--\r\n";
    return body;
}

class EvidenceServer {
public:
    explicit EvidenceServer(const std::function<void(Config&)>& tweak = {})
        : clock(testStartTime()) {
        config.storageDir = dir.file("storage");
        config.databasePath = dir.file("storage/kiemchung.db");
        config.httpPort = 0;
        config.httpThreads = 4;
        config.httpTimeoutSeconds = 10;
        config.httpMaxJsonBytes = 256 * 1024;
        config.pbkdf2Iterations = 1000;
        if (tweak)
            tweak(config);
        std::filesystem::create_directories(config.storageDir);
        std::filesystem::copy_file(demoTemplateDatabase(), config.databasePath);
        kernel = std::make_unique<Kernel>(config, clock);
        server = kernel->makeServer();
        server->start();
        port = server->port();
    }
    ~EvidenceServer() { server->stop(); }

    HttpResult request(const std::string& method, const std::string& path, const std::string& token,
                       const std::string& body = "", const Headers& headers = {}) {
        RawConnection c(port);
        std::string head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (const auto& [name, value] : headers) head += name + ": " + value + "\r\n";
        if (!token.empty())
            head += "Authorization: Bearer " + token + "\r\n";
        if (method != "GET")
            head +=
                "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\n";
        c.send(head + "Connection: close\r\n\r\n" + body);
        return c.readResponse(method == "HEAD");
    }

    std::string login(const std::string& user, const std::string& password) {
        auto r = request("POST", "/api/v1/session", "",
                         R"({"username":")" + user + R"(","password":")" + password + R"("})");
        if (r.status != 200)
            throw std::runtime_error("login failed: " + r.dump());
        return r.str("token");
    }
    const std::string& unitUser() {
        if (_unit.empty())
            _unit = login("xaphuckhanh", kUnitPassword);
        return _unit;
    }
    const std::string& clerk() {
        if (_clerk.empty())
            _clerk = login("vanthu", kClerkPassword);
        return _clerk;
    }
    const std::string& reviewer() {
        if (_reviewer.empty())
            _reviewer = login("thamdinh", kReviewerPassword);
        return _reviewer;
    }

    // The request head of an upload; contentLength as the client claims it.
    std::string uploadHead(const std::string& path, const std::string& token,
                           std::size_t contentLength,
                           const std::string& contentType = "multipart/form-data; boundary=" +
                                                            kBoundary) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
               "\r\nContent-Type: " + contentType +
               "\r\nContent-Length: " + std::to_string(contentLength) + "\r\n\r\n";
    }

    // Sends a well-formed upload as the unit user and reads the reply.
    HttpResult upload(const std::string& sub, const std::vector<Part>& parts,
                      const std::string& unit = "XA16") {
        std::string body = multipartBody(parts);
        RawConnection c(port);
        c.send(uploadHead(evidencePath(unit) + "/" + sub, unitUser(), body.size()) + body);
        return c.readResponse();
    }

    static std::string evidencePath(const std::string& unit = "XA16") {
        return "/api/v1/periods/2022/units/" + unit + "/evidence";
    }

    // Evidence rows of XA16 as the clerk sees them (-1 if the reply is not a list).
    int storedCount() {
        auto a = request("GET", evidencePath(), clerk()).array();
        return a ? static_cast<int>(a->size()) : -1;
    }
    // Files under storage/<sub> ("tmp" or "blobs").
    int filesUnder(const std::string& sub) {
        int n = 0;
        std::filesystem::path root = std::filesystem::path(config.storageDir) / sub;
        if (!std::filesystem::exists(root))
            return 0;
        for (const auto& e : std::filesystem::recursive_directory_iterator(root))
            n += e.is_regular_file();
        return n;
    }

    TempDir dir;
    ManualClock clock;
    Config config;
    std::unique_ptr<Kernel> kernel;
    std::unique_ptr<http::Server> server;
    unsigned short port = 0;

private:
    std::string _unit, _clerk, _reviewer;
};

}  // namespace kc::test
