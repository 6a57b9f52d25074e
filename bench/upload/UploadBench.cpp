// bench/upload: uploads one 1 GiB file and 1,000 files of 1 MiB to an in-process server over
// loopback and compares with writing the same bytes to the same disk with fsync (for the 1 MiB
// files also with a like-for-like baseline that makes the same flushes as a durable upload).
// The 1 MiB files go one per request, then 10 per request, then one per request over 4
// connections at once, each after its own run of the plain baseline.
// Usage: kc_bench_upload [WORK_DIR] [--large N | --small] [--random-content]
//   WORK_DIR: default ./bench-work; must be on the disk to measure.
//   --large N: only the 1 GiB baseline and upload, N times over (for before/after runs).
//   --small: only the 1 MiB part.
//   --random-content: files of random bytes. By default each file starts as a PDF does
//     ("%PDF-1.7" and a binary comment line) and is random after that, like the scanned
//     documents units upload (compressed image streams); this only changes what libmagic sees:
//     ~0.1 ms on a PDF's first 64 KiB, ~0.3-0.6 ms on random bytes (bench/README).

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <random>
#include <thread>
#include <vector>

#include "BenchServer.h"

using namespace kc::bench;

namespace {

constexpr std::uint64_t kMiB = 1ULL << 20;
constexpr std::uint64_t kGiB = 1ULL << 30;

// Where each block carries its tag (which file, which MiB), so that nothing is deduplicated:
// after the PDF header.
constexpr std::size_t kTagAt = 16;
constexpr char kPdfHeader[kTagAt + 1] = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n\n";

void tag(std::string& block, std::uint64_t value) {
    std::memcpy(block.data() + kTagAt, &value, 8);
}

void row(const std::string& what, double secs, std::uint64_t bytes, double baseline) {
    double mbps = bytes / 1e6 / secs;
    std::cout << std::left << std::setw(44) << what << std::right << std::fixed
              << std::setprecision(2) << std::setw(8) << secs << " s " << std::setw(8)
              << std::setprecision(0) << mbps << " MB/s";
    if (baseline > 0)
        std::cout << "   " << std::setprecision(2) << (baseline / secs) << "x baseline";
    std::cout << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::string workArg = "bench-work";
    int largeOnly = 0;
    bool smallOnly = false, randomContent = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--large" && i + 1 < argc)
            largeOnly = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--small")
            smallOnly = true;
        else if (arg == "--random-content")
            randomContent = true;
        else
            workArg = arg;
    }
    const std::filesystem::path work = std::filesystem::absolute(workArg) / "upload";
    BenchServer s(work);
    const std::string path = "/api/v1/periods/2022/units/XA16/evidence/1.1.1";
    std::string block(kMiB, '\0');
    randomBytes(block, 1);
    if (!randomContent)
        std::memcpy(block.data(), kPdfHeader, kTagAt);
    // Every MiB differs (its offset in its tag), so nothing is deduplicated.
    std::uint64_t salt = 0;
    int largeRun = 0;
    auto fill = [&](std::string& b, std::uint64_t offset) { tag(b, offset ^ (salt << 40)); };
    const std::filesystem::path baselineDir = work / "baseline";
    std::filesystem::create_directories(baselineDir);

    std::cout << "bench/upload: storage " << s.config.storageDir << "; files "
              << (randomContent ? "of random bytes" : "starting as a PDF") << "\n";
    // One 1 GiB upload next to the baseline run just before it; false if the upload failed.
    auto large = [&]() {
        salt = 0;
        double base = writeWithFsync(baselineDir / "one.bin", kGiB, block, fill);
        std::filesystem::remove(baselineDir / "one.bin");
        row("baseline: write(2) + fsync, same disk", base, kGiB, 0);
        salt = 1 + static_cast<std::uint64_t>(++largeRun);
        long rssBefore = rssKiB();
        double cpuBefore = cpuSeconds(RUSAGE_SELF), clientBefore = cpuSeconds(RUSAGE_THREAD);
        RssSampler sampler;
        auto start = std::chrono::steady_clock::now();
        auto [status, body] =
            sendUpload(s.port, path, s.token, "file", "big.bin", kGiB, block, fill);
        double secs = seconds(start);
        long peak = sampler.stop();
        double clientCpu = cpuSeconds(RUSAGE_THREAD) - clientBefore;
        double serverCpu = (cpuSeconds(RUSAGE_SELF) - cpuBefore) - clientCpu;
        if (status != 201) {
            std::cerr << "upload failed: " << status << " " << body << "\n";
            return false;
        }
        row("upload (multipart, loopback, 1 request)", secs, kGiB, base);
        std::cout << "   server CPU " << std::setprecision(2) << serverCpu << " s/GiB; client CPU "
                  << clientCpu << " s/GiB; process RSS " << rssBefore / 1024 << " MB before, peak "
                  << peak / 1024 << " MB during (+" << (peak - rssBefore) / 1024 << " MB)\n";
        return true;
    };
    if (!smallOnly)
        std::cout << "-- one file of 1 GiB\n";
    if (largeOnly > 0) {  // --large N: only the 1 GiB pair, N times
        for (int i = 0; i < largeOnly; ++i)
            if (!large())
                return 1;
        std::filesystem::remove_all(work);
        return 0;
    }
    if (!smallOnly && !large())
        return 1;

    std::cout << "-- 1,000 files of 1 MiB\n";
    // The plain baseline, run again before each upload row so that each ratio compares with
    // the disk as it was that minute; threads > 1 splits the files over that many writers.
    // Baseline files are kept until the bench ends: this machine's ext4 has no journal, and
    // without one ext4 skips inodes freed in the last seconds (minutes while their inode-table
    // block is dirty) on every file or directory it creates, so deleting 1,000 files just
    // before an upload row made the server pay ~0.5 ms per file for the bench's own deletions.
    int baselineRun = 0;
    auto baseline = [&](int threads) {
        const int run = ++baselineRun;
        const std::uint64_t saltBase = 100000ULL * static_cast<std::uint64_t>(run);
        auto start = std::chrono::steady_clock::now();
        std::vector<std::thread> writers;
        for (int t = 0; t < threads; ++t)
            writers.emplace_back([&, t] {
                std::string own = block;
                for (int i = t; i < 1000; i += threads)
                    writeWithFsync(
                        baselineDir / ("r" + std::to_string(run) + "-f" + std::to_string(i)), kMiB,
                        own, [&](std::string& b, std::uint64_t offset) {
                            tag(b, offset ^ ((saltBase + i) << 40));
                        });
            });
        for (auto& w : writers) w.join();
        return seconds(start);
    };
    double base2 = baseline(1);
    row("baseline: 1,000 x (write + fsync file + dir)", base2, 1000 * kMiB, 0);
    // Like-for-like baseline (not the target, printed for reading the ratio): the
    // flushes our design needs per durable upload, with no server work at all — the file and
    // its blobs/ab/cd directory, the ab/ directory when cd/ is new (random names, like SHA-256
    // shards; the 256 ab/ directories exist beforehand, as the blob store makes them at
    // start), and one fdatasync of an append-only log standing for the SQLite WAL commit.
    // ~4 flushes per file against the plain baseline's 2.
    auto fsyncDir = [](const std::filesystem::path& d) {
        int fd = ::open(d.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        ::fsync(fd);
        ::close(fd);
    };
    const std::filesystem::path blobsDir = baselineDir / "blobs";
    std::filesystem::create_directories(blobsDir);
    fsyncDir(baselineDir);
    int log =
        ::open((baselineDir / "log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    const std::string record(256, 'r');
    std::mt19937 shardRng(42);
    auto hex2 = [](unsigned v) {
        const char* d = "0123456789abcdef";
        return std::string{d[(v >> 4) & 15], d[v & 15]};
    };
    for (unsigned i = 0; i < 256; ++i) std::filesystem::create_directory(blobsDir / hex2(i));
    fsyncDir(blobsDir);
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 1000; ++i) {
        salt = 3000 + i;
        const std::filesystem::path shard = blobsDir / hex2(shardRng());
        const std::filesystem::path leaf = shard / hex2(shardRng());
        const bool newLeaf = std::filesystem::create_directory(leaf);
        writeWithFsync(leaf / ("f" + std::to_string(i)), kMiB, block, fill);
        if (newLeaf)
            fsyncDir(shard);
        if (::write(log, record.data(), record.size()) < 0 || ::fdatasync(log) != 0)
            throw std::runtime_error("log");
    }
    double base3 = seconds(start);
    ::close(log);
    row("like-for-like: + shard dirs + log fdatasync", base3, 1000 * kMiB, base2);

    // Uploads 1,000 files of 1 MiB, perRequest files in each request, over `connections`
    // client threads at once; prints the row against baselineSecs and the CPU figures.
    std::uint64_t uploadRun = 0;
    auto uploads = [&](const std::string& what, int perRequest, int connections,
                       double baselineSecs) {
        const std::uint64_t saltBase = 1000000ULL * ++uploadRun;
        const int requests = 1000 / perRequest;
        std::atomic<int> failed{0};
        std::vector<double> clientCpu(static_cast<std::size_t>(connections));
        std::vector<double> clientUser(static_cast<std::size_t>(connections));
        double cpuBefore = cpuSeconds(RUSAGE_SELF), userBefore = userCpuSeconds(RUSAGE_SELF);
        auto start = std::chrono::steady_clock::now();
        std::vector<std::thread> clients;
        for (int c = 0; c < connections; ++c)
            clients.emplace_back([&, c] {
                double own = cpuSeconds(RUSAGE_THREAD), ownUser = userCpuSeconds(RUSAGE_THREAD);
                std::string buffer = block;
                for (int r = c; r < requests && !failed; r += connections) {
                    std::vector<std::string> names;
                    for (int f = 0; f < perRequest; ++f)
                        names.push_back("f" + std::to_string(r * perRequest + f) + ".bin");
                    auto [st, b] = sendFiles(
                        s.port, path, s.token, "file", names, kMiB, buffer,
                        [&](std::string& buf, std::size_t file, std::uint64_t offset) {
                            tag(buf, offset ^ ((saltBase + r * perRequest + file) << 40));
                        });
                    if (st != 201) {
                        std::cerr << what << ": request " << r << " failed: " << st << " " << b
                                  << "\n";
                        failed = 1;
                    }
                }
                clientCpu[static_cast<std::size_t>(c)] = cpuSeconds(RUSAGE_THREAD) - own;
                clientUser[static_cast<std::size_t>(c)] = userCpuSeconds(RUSAGE_THREAD) - ownUser;
            });
        for (auto& c : clients) c.join();
        double secs = seconds(start);
        double client = 0, clientUserCpu = 0;
        for (double c : clientCpu) client += c;
        for (double c : clientUser) clientUserCpu += c;
        double serverCpu = cpuSeconds(RUSAGE_SELF) - cpuBefore - client;
        double serverUser = userCpuSeconds(RUSAGE_SELF) - userBefore - clientUserCpu;
        if (failed)
            std::exit(1);
        row(what, secs, 1000 * kMiB, baselineSecs);
        // The client shares the 2 cores with the server; its CPU is printed so a reader can
        // tell whether the client, not the server, limits the figure.
        const double perGiB = kGiB / (1000.0 * kMiB);
        std::cout << "   server CPU " << std::setprecision(2) << serverCpu * perGiB
                  << " s/GiB (user space " << serverUser * perGiB << "); client CPU "
                  << client * perGiB << " s/GiB\n";
        return secs;
    };
    double secs = uploads("upload: 1,000 requests of 1 file", 1, 1, base2);
    std::cout << "   " << std::setprecision(2) << (base3 / secs)
              << "x the like-for-like baseline\n";
    // What real clients also do: several files per request (a form with many files, a script),
    // or several requests at once. Each row has its own plain baseline run just before it.
    double base4 = baseline(1);
    row("baseline: 1,000 x (write + fsync file + dir)", base4, 1000 * kMiB, 0);
    uploads("upload: 100 requests of 10 files", 10, 1, base4);
    double base5 = baseline(1);
    row("baseline: 1,000 x (write + fsync file + dir)", base5, 1000 * kMiB, 0);
    double base6 = baseline(4);
    row("baseline: the same from 4 threads", base6, 1000 * kMiB, base5);
    secs = uploads("upload: 1,000 requests, 4 connections", 1, 4, base5);
    std::cout << "   " << std::setprecision(2) << (base6 / secs) << "x the 4-thread baseline\n";
    std::filesystem::remove_all(work);
    return 0;
}
