#pragma once

// Shared by the benchmarks: a Kiểm Chứng server running in this process on its own threads (the
// demo year 2022, whose sample criteria cover unit type "xa", and a clock inside the
// self-assessment window), its storage in a directory on the disk being measured; and small
// helpers to talk to it, time things and read this process's CPU and memory.

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <clocale>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/DemoData.h"
#include "app/Kernel.h"

namespace kc::bench {

inline double seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

inline double cpuSeconds(int who) {
    rusage u{};
    getrusage(who, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec +
           u.ru_stime.tv_usec / 1e6;
}

// The user-space part of cpuSeconds(who).
inline double userCpuSeconds(int who) {
    rusage u{};
    getrusage(who, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6;
}

// CPU seconds the whole machine has spent busy since boot (user, nice, system, irq and softirq
// of every core, from /proc/stat; not idle, I/O wait or steal). Unlike getrusage it includes
// work kernel threads do for a process, such as the flusher threads' writeback that syncfs
// waits for. Resolution 1/100 s; this machine runs nothing else of note while a bench runs.
inline double machineBusySeconds() {
    std::ifstream in("/proc/stat");
    std::string cpu;
    unsigned long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0;
    in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq;
    return static_cast<double>(user + nice + system + irq + softirq) /
           static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// Resident set size of this process now, in KiB (from /proc/self/status).
inline long rssKiB() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return 0;
}

// Samples rssKiB() every 5 ms on a thread of its own and keeps the peak.
class RssSampler {
public:
    RssSampler()
        : _thread([this] {
              while (!_stop) {
                  _peak = std::max(_peak.load(), rssKiB());
                  std::this_thread::sleep_for(std::chrono::milliseconds(5));
              }
          }) {}
    ~RssSampler() { stop(); }
    long stop() {
        if (!_stop.exchange(true))
            _thread.join();
        return _peak;
    }

private:
    std::atomic<bool> _stop{false};
    std::atomic<long> _peak{0};
    std::thread _thread;
};

// Fills buffer with incompressible bytes (a fast PRNG; a different stream per seed).
inline void randomBytes(std::string& buffer, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    for (std::size_t i = 0; i + 8 <= buffer.size(); i += 8) {
        std::uint64_t v = rng();
        std::memcpy(buffer.data() + i, &v, 8);
    }
}

// Uploaded blocks start as a scanned PDF does (what libmagic sees; random bytes after it) and
// carry a tag right after that header (which file, which offset), so that no two blocks are
// alike and nothing is deduplicated.
inline constexpr std::size_t kTagAt = 16;
inline constexpr char kPdfHeader[kTagAt + 1] = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n\n";

inline void tag(std::string& block, std::uint64_t value) {
    std::memcpy(block.data() + kTagAt, &value, sizeof value);
}

class BenchServer {
public:
    // tweak, if given, changes the configuration before the server is built.
    explicit BenchServer(const std::filesystem::path& dir,
                         const std::function<void(Config&)>& tweak = {})
        : clock(*parseIso("2022-12-01T08:00:00Z")) {
        std::setlocale(LC_ALL, "C.UTF-8");
        std::filesystem::remove_all(dir);
        config.storageDir = (dir / "storage").string();
        config.databasePath = (dir / "storage/kiemchung.db").string();
        config.httpPort = 0;
        config.httpThreads = 4;
        config.pbkdf2Iterations = 1000;
        config.uploadMaxFileBytes = 2ULL << 30;
        config.uploadMaxRequestBytes = 4ULL << 30;
        if (tweak)
            tweak(config);
        kernel = std::make_unique<Kernel>(config, clock);
        const std::string criteria =
            std::string(KC_SOURCE_DIR) + "/config/demo/criteria-2022-huyen.json";
        std::ostringstream log;
        if (!loadDemoData(*kernel, criteria, log))
            throw std::runtime_error("demo: " + log.str());
        server = kernel->makeServer();
        server->start();
        port = server->port();
        token = login("xaphuckhanh", "xaphuckhanh@KiemChung2022");
    }
    ~BenchServer() { server->stop(); }

    std::string login(const std::string& user, const std::string& password) {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        Poco::Net::HTTPRequest req("POST", "/api/v1/session", Poco::Net::HTTPMessage::HTTP_1_1);
        std::string body = R"({"username":")" + user + R"(","password":")" + password + R"("})";
        req.setContentType("application/json");
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(req) << body;
        Poco::Net::HTTPResponse res;
        std::string reply;
        Poco::StreamCopier::copyToString(session.receiveResponse(res), reply);
        auto o = Poco::JSON::Parser().parse(reply).extract<Poco::JSON::Object::Ptr>();
        return o->getValue<std::string>("token");
    }

    ManualClock clock;
    Config config;
    std::unique_ptr<Kernel> kernel;
    std::unique_ptr<http::Server> server;
    unsigned short port = 0;
    std::string token;
};

// Sends all n bytes on socket (sendBytes may send fewer); throws if the connection fails.
inline void sendAll(Poco::Net::StreamSocket& socket, const char* data, std::size_t n) {
    while (n > 0) {
        int sent = socket.sendBytes(data, static_cast<int>(std::min<std::size_t>(n, 1 << 30)));
        if (sent <= 0)
            throw std::runtime_error("send failed");
        data += sent;
        n -= static_cast<std::size_t>(sent);
    }
}

inline const std::string kBoundary = "----KcBenchBoundary0123456789";

// Sends one multipart upload with a file part named field for each of fileNames, each of size
// bytes whose content comes from fill(buffer, file, offset) in blocks of buffer.size(), and
// returns the HTTP status and body. Without `kept`, one connection per request (Connection:
// close); with it, the request goes on that socket (connected first if it is not), which stays
// open for the next request as a browser's would, unless the server closes it. On a kept
// connection the reply must carry Content-Length (the server's do); without one it is read until
// the server closes the connection.
template <typename Fill>
std::pair<int, std::string> sendFiles(unsigned short port, const std::string& path,
                                      const std::string& token, const std::string& field,
                                      const std::vector<std::string>& fileNames, std::uint64_t size,
                                      std::string& buffer, Fill&& fill,
                                      std::unique_ptr<Poco::Net::StreamSocket>* kept = nullptr) {
    auto partHead = [&](const std::string& fileName) {
        return "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + field +
               "\"; filename=\"" + fileName +
               "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    };
    const std::string tail = "\r\n--" + kBoundary + "--\r\n";
    std::uint64_t length = tail.size() + (fileNames.size() - 1) * 2;  // "\r\n" between parts
    for (const std::string& name : fileNames) length += partHead(name).size() + size;
    std::unique_ptr<Poco::Net::StreamSocket> own;
    std::unique_ptr<Poco::Net::StreamSocket>& held = kept ? *kept : own;
    if (!held) {
        held = std::make_unique<Poco::Net::StreamSocket>();
        held->connect(Poco::Net::SocketAddress("127.0.0.1", port));
        held->setReceiveTimeout(Poco::Timespan(600, 0));
    }
    Poco::Net::StreamSocket& socket = *held;
    auto sendAll = [&](const char* data, std::size_t n) { kc::bench::sendAll(socket, data, n); };
    const std::string head = "POST " + path +
                             " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
                             "\r\nContent-Type: multipart/form-data; boundary=" + kBoundary +
                             "\r\nContent-Length: " + std::to_string(length) +
                             "\r\nConnection: " + (kept ? "keep-alive" : "close") + "\r\n\r\n";
    sendAll(head.data(), head.size());
    for (std::size_t file = 0; file < fileNames.size(); ++file) {
        const std::string part = (file > 0 ? "\r\n" : "") + partHead(fileNames[file]);
        sendAll(part.data(), part.size());
        for (std::uint64_t offset = 0; offset < size;) {
            std::size_t n =
                static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), size - offset));
            fill(buffer, file, offset);
            sendAll(buffer.data(), n);
            offset += n;
        }
    }
    sendAll(tail.data(), tail.size());
    // Read to the end of the reply: its Content-Length on a kept connection, else until closed.
    std::string reply;
    char chunk[65536];
    std::size_t bodyAt = std::string::npos, replyEnd = std::string::npos;
    while (replyEnd == std::string::npos || reply.size() < replyEnd) {
        int n = socket.receiveBytes(chunk, sizeof chunk);
        if (n <= 0)
            break;
        reply.append(chunk, static_cast<std::size_t>(n));
        if (bodyAt == std::string::npos && (bodyAt = reply.find("\r\n\r\n")) != std::string::npos) {
            bodyAt += 4;
            const std::string head = reply.substr(0, bodyAt);
            const auto length = head.find("Content-Length: ");
            // Poco writes "Connection: Close".
            if (kept && length != std::string::npos &&
                Poco::toLower(head).find("connection: close") == std::string::npos)
                replyEnd = bodyAt + std::stoul(head.substr(length + 16));
        }
    }
    if (replyEnd == std::string::npos)
        held.reset();  // closed by the server (or not kept): the next request connects anew
    int status = 0;
    if (reply.size() > 12)
        status = std::stoi(reply.substr(9, 3));
    return {status, bodyAt == std::string::npos ? reply : reply.substr(bodyAt)};
}

// Sends one multipart upload of a single file part named field whose content comes from
// fill(buffer, offset) in blocks of buffer.size(), and returns the HTTP status and body.
template <typename Fill>
std::pair<int, std::string> sendUpload(unsigned short port, const std::string& path,
                                       const std::string& token, const std::string& field,
                                       const std::string& fileName, std::uint64_t size,
                                       std::string& buffer, Fill&& fill) {
    return sendFiles(port, path, token, field, {fileName}, size, buffer,
                     [&](std::string& b, std::size_t, std::uint64_t offset) { fill(b, offset); });
}

// The baseline: writes size bytes from fill() to a new file at path with write(2), fsyncs it
// and its directory; returns the seconds taken.
template <typename Fill>
double writeWithFsync(const std::filesystem::path& path, std::uint64_t size, std::string& buffer,
                      Fill&& fill) {
    auto start = std::chrono::steady_clock::now();
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        throw std::runtime_error("open " + path.string());
    for (std::uint64_t offset = 0; offset < size;) {
        std::size_t n =
            static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), size - offset));
        fill(buffer, offset);
        if (::write(fd, buffer.data(), n) != static_cast<ssize_t>(n))
            throw std::runtime_error("write " + path.string());
        offset += n;
    }
    ::fsync(fd);
    ::close(fd);
    int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
    ::fsync(dir);
    ::close(dir);
    return seconds(start);
}

}  // namespace kc::bench
