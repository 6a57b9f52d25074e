// bench/upload, slow uploads: many uploads trickling in at once, as from slow district
// connections near a deadline. Each holds one request thread for as long as it lasts. Meanwhile,
// once a second, another client asks for /health and for the unit's evidence list. Prints how
// long those took (next to the same requests with no upload running, measured first in the same
// run), the uploads' statuses, and the process's RSS before and at its peak (server and clients:
// the clients add ~0.1 MB each).
// Usage: kc_bench_slow_uploads [WORK_DIR] [--threads T] [--uploads N] [--rate KB/s] [--mib M]
//                              [--random-content]
//   defaults: http.threads as the server's default, 40 uploads of 8 MiB at 200 KB/s each.
//   --random-content: files of random bytes; by default they start as a PDF does. This changes
//     how much of its database libmagic reads: on random bytes it walks every rule.

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "BenchServer.h"

using namespace kc::bench;

namespace {

// Seconds one GET took (status 200 required).
double timedGet(unsigned short port, const std::string& path, const std::string& token) {
    auto start = std::chrono::steady_clock::now();
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(600, 0));
    Poco::Net::HTTPRequest req("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
    req.set("Authorization", "Bearer " + token);
    session.sendRequest(req);
    Poco::Net::HTTPResponse res;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(res), body);
    if (res.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
        throw std::runtime_error(path + ": " + std::to_string(res.getStatus()) + " " + body);
    return seconds(start);
}

struct Probes {
    std::vector<double> health, list;
    void add(unsigned short port, const std::string& token) {
        health.push_back(timedGet(port, "/api/v1/health", token));
        list.push_back(timedGet(port, "/api/v1/periods/2022/units/XA16/evidence", token));
    }
};

std::string summary(std::vector<double> v) {
    if (v.empty())
        return "none";
    std::sort(v.begin(), v.end());
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << "median " << v[v.size() / 2] * 1e3 << " ms, max "
        << v.back() * 1e3 << " ms (" << v.size() << ")";
    return out.str();
}

}  // namespace

int main(int argc, char** argv) {
    std::string workArg = "bench-work";
    int threads = kc::Config{}.httpThreads, uploads = 40, rateKB = 200, mib = 8;
    bool randomContent = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&] { return i + 1 < argc ? std::max(1, std::atoi(argv[++i])) : 1; };
        if (arg == "--threads")
            threads = next();
        else if (arg == "--uploads")
            uploads = next();
        else if (arg == "--rate")
            rateKB = next();
        else if (arg == "--mib")
            mib = next();
        else if (arg == "--random-content")
            randomContent = true;
        else
            workArg = arg;
    }
    const std::filesystem::path work = std::filesystem::absolute(workArg) / "slow-uploads";
    BenchServer s(work, [&](kc::Config& c) { c.httpThreads = threads; });
    const std::uint64_t size = static_cast<std::uint64_t>(mib) << 20;
    const double rate = rateKB * 1000.0;  // bytes per second per upload
    std::cout << "slow uploads: http.threads " << threads << ", " << uploads << " uploads of "
              << mib << " MiB at " << rateKB << " KB/s each (~" << std::fixed
              << std::setprecision(0) << size / rate << " s), "
              << (randomContent ? "random bytes" : "PDF-like") << "\n";

    std::string base(64 * 1024, '\0');
    randomBytes(base, 7);
    if (!randomContent)
        std::memcpy(base.data(), kPdfHeader, kTagAt);

    Probes idle;
    for (int i = 0; i < 5; ++i) idle.add(s.port, s.token);
    const long rssBefore = rssKiB();

    RssSampler rss;
    std::atomic<int> running{uploads};
    std::mutex statusMutex;
    std::map<int, int> statuses;
    std::vector<std::thread> clients;
    for (int u = 0; u < uploads; ++u) {
        clients.emplace_back([&, u] {
            std::string buffer = base;
            const auto start = std::chrono::steady_clock::now();
            auto fill = [&](std::string& b, std::uint64_t offset) {
                tag(b, (static_cast<std::uint64_t>(u) << 40) | offset);
                std::this_thread::sleep_until(
                    start + std::chrono::microseconds(static_cast<long>(offset / rate * 1e6)));
            };
            int status = 0;
            try {
                status =
                    sendUpload(s.port, "/api/v1/periods/2022/units/XA16/evidence/1.1.1", s.token,
                               "file", "Tệp " + std::to_string(u) + ".pdf", size, buffer, fill)
                        .first;
            } catch (const std::exception&) {
                status = -1;
            }
            std::lock_guard lock(statusMutex);
            ++statuses[status];
            --running;
        });
    }
    Probes busy;
    std::this_thread::sleep_for(std::chrono::seconds(2));  // every upload under way
    while (running > uploads / 2) {                        // half still running
        busy.add(s.port, s.token);
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    for (auto& c : clients) c.join();
    const long rssPeak = rss.stop();

    std::cout << "no upload running:   /health " << summary(idle.health) << "; evidence list "
              << summary(idle.list) << "\n";
    std::cout << "uploads running:     /health " << summary(busy.health) << "; evidence list "
              << summary(busy.list) << "\n";
    std::cout << "upload statuses:    ";
    for (const auto& [status, n] : statuses) std::cout << " " << n << " x " << status;
    std::cout << "\nprocess RSS: " << rssBefore / 1024 << " MB before, peak " << rssPeak / 1024
              << " MB (+" << (rssPeak - rssBefore) / 1024 << " MB)\n";
    return 0;
}
