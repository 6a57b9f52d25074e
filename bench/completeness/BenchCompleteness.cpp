// Measures the completeness endpoints over HTTP on a generated province-sized period.
// Prints figures only; see bench/README.md for how to run it and what the targets are.

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <random>
#include <thread>

#include <sys/resource.h>

#include "BenchData.h"

namespace {

using Clock = std::chrono::steady_clock;

double cpuSeconds(int who) {
    rusage u{};
    getrusage(who, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// CPU time of the process and of the client threads over a measured stretch; the server's
// share is the difference (its threads are the process's other threads).
struct CpuSplit {
    double process = 0, client = 0;
    double server() const { return process - client; }
};

struct Server {
    explicit Server(const kc::bench::BenchShape& shape)
        : clock(*kc::parseIso("2023-01-02T03:00:00Z")) {  // step 1: every status occurs
        std::random_device rd;
        dir = std::filesystem::path("/dev/shm") / ("kc-bench-" + std::to_string(rd()));
        if (!std::filesystem::is_directory("/dev/shm"))
            dir = std::filesystem::temp_directory_path() / dir.filename();
        config.storageDir = (dir / "storage").string();
        config.databasePath = (dir / "storage/kiemchung.db").string();
        config.httpPort = 0;
        config.httpThreads = 8;
        config.pbkdf2Iterations = 1000;
        kernel = std::make_unique<kc::Kernel>(config, clock);
        auto t0 = Clock::now();
        kc::bench::generate(*kernel, shape);
        std::cout << "generated " << shape.units << " units, "
                  << shape.units * shape.evidencePerUnit << " evidence items in "
                  << std::chrono::duration<double>(Clock::now() - t0).count() << " s\n";
        server = kernel->makeServer();
        server->start();
    }
    ~Server() {
        server->stop();
        server.reset();
        kernel.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::filesystem::path dir;
    kc::ManualClock clock;
    kc::Config config;
    std::unique_ptr<kc::Kernel> kernel;
    std::unique_ptr<kc::http::Server> server;
};

class Client {
public:
    explicit Client(unsigned short port) : _s("127.0.0.1", port) { _s.setKeepAlive(true); }
    // Returns the status; the body is read and dropped (or kept in *body).
    int call(const std::string& method, const std::string& path, const std::string& token,
             const std::string& payload = "", std::string* body = nullptr) {
        Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        req.setKeepAlive(true);
        if (!token.empty())
            req.set("Authorization", "Bearer " + token);
        if (!payload.empty()) {
            req.setContentType("application/json");
            req.setContentLength(static_cast<std::streamsize>(payload.size()));
        }
        _s.sendRequest(req) << payload;
        Poco::Net::HTTPResponse res;
        std::string text;
        Poco::StreamCopier::copyToString(_s.receiveResponse(res), text);
        if (body)
            *body = std::move(text);
        return res.getStatus();
    }
    std::string login(const std::string& user, const std::string& password) {
        std::string body;
        call("POST", "/api/v1/session", "",
             R"({"username":")" + user + R"(","password":")" + password + R"("})", &body);
        return Poco::JSON::Parser()
            .parse(body)
            .extract<Poco::JSON::Object::Ptr>()
            ->getValue<std::string>("token");
    }

private:
    Poco::Net::HTTPClientSession _s;
};

struct Stats {
    double p50, p99, mean;
    double serverCpuMs, clientCpuMs;  // per request
};

Stats timed(int n, const std::function<void()>& f) {
    std::vector<double> ms;
    const double p0 = cpuSeconds(RUSAGE_SELF), c0 = cpuSeconds(RUSAGE_THREAD);
    for (int i = 0; i < n; ++i) {
        auto t0 = Clock::now();
        f();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    CpuSplit cpu{cpuSeconds(RUSAGE_SELF) - p0, cpuSeconds(RUSAGE_THREAD) - c0};
    std::sort(ms.begin(), ms.end());
    double sum = 0;
    for (double v : ms) sum += v;
    auto at = [&](double q) {
        return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))];
    };
    return {at(0.50), at(0.99), sum / ms.size(), cpu.server() * 1e3 / n, cpu.client * 1e3 / n};
}

void print(const char* what, const Stats& s) {
    std::cout << std::fixed << std::setprecision(2) << what << ": p50 " << s.p50 << " ms, p99 "
              << s.p99 << " ms, mean " << s.mean << " ms; CPU per request: server " << s.serverCpuMs
              << " ms, client " << s.clientCpuMs << " ms\n";
}

void expectOk(int status, const char* what) {
    if (status != 200)
        throw std::runtime_error(std::string(what) + " returned " + std::to_string(status));
}

double matrixP50(int units) {
    Server srv(kc::bench::BenchShape{units, 250});
    Client c(srv.server->port());
    std::string token = c.login("vanthu", "vanthu@KiemChung2022");
    for (int i = 0; i < 3; ++i)
        expectOk(c.call("GET", "/api/v1/periods/2022/completeness", token), "matrix");
    Stats s = timed(units > 400 ? 10 : 30,
                    [&] { c.call("GET", "/api/v1/periods/2022/completeness", token); });
    std::cout << "  " << units << " units: ";
    print("matrix", s);
    return s.p50;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    bool scaling = mode.empty();
    Server srv(kc::bench::BenchShape{200, 250});
    const unsigned short port = srv.server->port();
    Client c(port);
    std::string clerk = c.login("vanthu", "vanthu@KiemChung2022");
    std::string body;
    expectOk(c.call("GET", "/api/v1/periods/2022/completeness", clerk, "", &body), "matrix");
    std::cout << "matrix body: " << body.size() / 1024 << " KiB\n";
    const std::string unitPath = "/api/v1/periods/2022/units/U0042/assessment";
    expectOk(c.call("GET", unitPath, clerk, "", &body), "unit");
    std::cout << "unit body: " << body.size() / 1024 << " KiB\n";

    if (mode == "--matrix-only") {  // for a profiler: nothing but matrix requests
        print("full matrix",
              timed(300, [&] { c.call("GET", "/api/v1/periods/2022/completeness", clerk); }));
        return 0;
    }
    if (mode != "--clients-only") {  // --clients-only: for a profiler, the 32 clients alone
        print("full matrix (200 units x 58 items)",
              timed(200, [&] { c.call("GET", "/api/v1/periods/2022/completeness", clerk); }));
        print("one unit's assessment", timed(1000, [&] { c.call("GET", unitPath, clerk); }));
    }

    // 32 concurrent keep-alive clients on the single-unit endpoint for a few seconds.
    std::atomic<long> done{0}, failed{0};
    std::atomic<bool> stop{false}, measuring{false};
    std::atomic<long> clientCpuUs{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 32; ++t)
        threads.emplace_back([&, t] {
            Client own(port);
            char code[16];
            std::snprintf(code, sizeof code, "U%04d", t * 6 + 1);
            std::string path = std::string("/api/v1/periods/2022/units/") + code + "/assessment";
            const double c0 = cpuSeconds(RUSAGE_THREAD);
            while (!stop) {
                try {
                    (own.call("GET", path, clerk) == 200 ? done : failed)++;
                } catch (const std::exception&) {
                    failed++;
                }
            }
            clientCpuUs += static_cast<long>((cpuSeconds(RUSAGE_THREAD) - c0) * 1e6);
        });
    const double p0 = cpuSeconds(RUSAGE_SELF) - cpuSeconds(RUSAGE_THREAD);
    auto t0 = Clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(5));
    stop = true;
    for (auto& th : threads) th.join();
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    CpuSplit cpu{cpuSeconds(RUSAGE_SELF) - cpuSeconds(RUSAGE_THREAD) - p0, clientCpuUs / 1e6};
    const double n = static_cast<double>(done + failed);
    std::cout << std::setprecision(3) << "32 clients, one unit each: "
              << static_cast<long>(done / secs) << " req/s (" << failed
              << " failed); CPU per request: server " << cpu.server() * 1e3 / n << " ms, client "
              << cpu.client * 1e3 / n << " ms; server alone on 2 cores: ~"
              << static_cast<long>(2 / (cpu.server() / n)) << " req/s\n";

    if (scaling) {
        std::cout << "matrix growth (250 evidence items per unit):\n";
        double m50 = matrixP50(50), m200 = matrixP50(200), m800 = matrixP50(800);
        std::cout << std::setprecision(2) << "ratio 200/50 = " << m200 / m50
                  << ", 800/200 = " << m800 / m200 << " (linear would be 4.00)\n";
    }
    return 0;
}
