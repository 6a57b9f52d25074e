// bench/upload: uploads one 1 GiB file and 1,000 files of 1 MiB to an in-process server over
// loopback and compares with writing the same bytes to the same disk with fsync (for the 1 MiB
// files also with a like-for-like baseline that makes the same flushes as a durable upload, and
// a bare server that only receives, hashes and writes them so). The 1 MiB files go one per
// request, then 10 per request, then one per request over 3 connections at once (as the web UI
// sends them), each client on a kept-alive connection as a browser's; each row's uploads take
// turns with its baselines, 100 files at a time. CPU is printed per thread group (getrusage)
// and for the whole machine, which adds the kernel threads' work.
// Usage: kc_bench_upload [WORK_DIR] [--large N | --small] [--random-content]
//   WORK_DIR: default ./bench-work; must be on the disk to measure.
//   --large N: only the 1 GiB baseline and upload, N times over (for before/after runs).
//   --small: only the 1 MiB part.
//   --random-content: files of random bytes. By default each file starts as a PDF does
//     ("%PDF-1.7" and a binary comment line) and is random after that, like the scanned
//     documents units upload (compressed image streams); this only changes what libmagic sees:
//     ~0.1 ms on a PDF's first 64 KiB, ~0.3-0.9 ms on random bytes (bench/README).

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iomanip>
#include <map>
#include <random>
#include <thread>
#include <vector>

#include "BenchServer.h"
#include "core/Sha256.h"

using namespace kc::bench;

namespace {

constexpr std::uint64_t kMiB = 1ULL << 20;
constexpr std::uint64_t kGiB = 1ULL << 30;

// prefix + n, built so that GCC 12 at -O2 does not warn (its -Wrestrict misfires on
// "literal" + std::to_string(n)).
std::string numbered(const char* prefix, std::uint64_t n) {
    std::string s = prefix;
    s += std::to_string(n);
    return s;
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
        const double busyBefore = machineBusySeconds();
        RssSampler sampler;
        auto start = std::chrono::steady_clock::now();
        auto [status, body] =
            sendUpload(s.port, path, s.token, "file", "big.bin", kGiB, block, fill);
        double secs = seconds(start);
        long peak = sampler.stop();
        double clientCpu = cpuSeconds(RUSAGE_THREAD) - clientBefore;
        double serverCpu = (cpuSeconds(RUSAGE_SELF) - cpuBefore) - clientCpu;
        double machineCpu = machineBusySeconds() - busyBefore - clientCpu;
        if (status != 201) {
            std::cerr << "upload failed: " << status << " " << body << "\n";
            return false;
        }
        row("upload (multipart, loopback, 1 request)", secs, kGiB, base);
        std::cout << "   server CPU " << std::setprecision(2) << serverCpu
                  << " s/GiB, with kernel threads " << machineCpu << "; client CPU " << clientCpu
                  << " s/GiB; process RSS " << rssBefore / 1024 << " MB before, peak "
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

    std::cout << "-- 1,000 files of 1 MiB (rounds of 100, uploads and their baselines in turn)\n";
    // Each row's baselines and uploads take turns, 100 files at a time, in the order A B B A
    // (odd rounds reversed), and their times are summed per kind. This disk's speed drifts
    // within a run: it takes the first few GB fast, then writes at a fraction of that until it
    // has been idle for a while. A baseline run once, before its upload row, met a faster disk
    // than the upload did (the next row's baseline, run right after, was 3x slower).
    // Baseline files are kept until the bench ends: this machine's ext4 has no journal, and
    // without one ext4 skips inodes freed in the last seconds (minutes while their inode-table
    // block is dirty) on every file or directory it creates, so deleting 1,000 files just
    // before an upload row made the server pay ~0.5 ms per file for the bench's own deletions.
    constexpr int kRounds = 10, kPerRound = 100;
    auto rounds = [&](const std::vector<std::function<double(int, int)>>& steps) {
        std::vector<double> secs(steps.size());
        for (int r = 0; r < kRounds; ++r)
            for (std::size_t k = 0; k < steps.size(); ++k) {
                const std::size_t i = r % 2 == 0 ? k : steps.size() - 1 - k;
                secs[i] += steps[i](r * kPerRound, (r + 1) * kPerRound);
            }
        return secs;
    };
    // The plain baseline: files [from, to) of baseline run `run`, write + fsync file + dir;
    // threads > 1 splits them over that many writers. baselineCpu[run] sums their CPU, and the
    // whole machine's while they ran.
    std::map<int, std::pair<double, double>> baselineCpu;
    auto baseline = [&](int run, int from, int to, int threads) {
        const std::uint64_t saltBase = 100000ULL * static_cast<std::uint64_t>(run);
        const double busyBefore = machineBusySeconds();
        auto start = std::chrono::steady_clock::now();
        std::vector<std::thread> writers;
        std::vector<double> cpu(static_cast<std::size_t>(threads));
        for (int t = 0; t < threads; ++t)
            writers.emplace_back([&, t] {
                const double cpuBefore = cpuSeconds(RUSAGE_THREAD);
                std::string own = block;
                for (int i = from + t; i < to; i += threads)
                    writeWithFsync(baselineDir / (numbered("r", run) + numbered("-f", i)), kMiB,
                                   own, [&](std::string& b, std::uint64_t offset) {
                                       tag(b, offset ^ ((saltBase + i) << 40));
                                   });
                cpu[static_cast<std::size_t>(t)] = cpuSeconds(RUSAGE_THREAD) - cpuBefore;
            });
        for (auto& w : writers) w.join();
        const double secs = seconds(start);
        for (double c : cpu) baselineCpu[run].first += c;
        baselineCpu[run].second += machineBusySeconds() - busyBefore;
        return secs;
    };
    // Like-for-like baseline (not the target, printed for reading the ratio): what our
    // design writes and flushes per durable upload, with no server work at all — the file and
    // its blobs/ab/cd directory, the ab/ directory when cd/ is new (random names, like SHA-256
    // shards; the 256 ab/ directories exist beforehand, as the blob store makes them at
    // start), and one fdatasync of an append-only log standing for the SQLite WAL commit.
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
    // One like-for-like durable file: `name`, content from fill(content, offset).
    auto durable = [&](const std::string& name, std::string& content, auto&& fill) {
        const std::filesystem::path shard = blobsDir / hex2(shardRng());
        const std::filesystem::path leaf = shard / hex2(shardRng());
        const bool newLeaf = std::filesystem::create_directory(leaf);
        writeWithFsync(leaf / name, kMiB, content, fill);
        if (newLeaf)
            fsyncDir(shard);
        if (::write(log, record.data(), record.size()) < 0 || ::fdatasync(log) != 0)
            throw std::runtime_error("log");
    };
    auto likeForLike = [&](int from, int to) {
        auto start = std::chrono::steady_clock::now();
        for (int i = from; i < to; ++i) {
            salt = 3000 + static_cast<std::uint64_t>(i);
            durable(numbered("f", i), block, fill);
        }
        return seconds(start);
    };
    // The floor for one request at a time (not the target either): a bare server thread
    // that does only what any durable, content-addressed upload must. It receives the file over
    // loopback TCP, hashing it with SHA-256 as it arrives, writes it like-for-like, and only
    // then replies; the client sends the next file after the reply. No HTTP, no database, no
    // type detection, no temporary file or rename. What this row loses against the plain
    // baseline, no server can win back while a client waits for each reply before sending on.
    // The bare server thread's CPU, and the whole machine's less its client's, over its rounds.
    double bareCpu = 0, bareMachineCpu = 0;
    auto bareServer = [&](int from, int to) {
        Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
        Poco::Net::StreamSocket client;
        client.connect(listener.address());
        Poco::Net::StreamSocket server = listener.acceptConnection();
        client.setNoDelay(true);
        server.setNoDelay(true);
        std::thread receiver([&] {
            const double cpuBefore = cpuSeconds(RUSAGE_THREAD);
            std::string received(kMiB, '\0');
            for (int i = from; i < to; ++i) {
                kc::Sha256 hash;
                for (std::size_t at = 0; at < kMiB;) {
                    int n = server.receiveBytes(received.data() + at, static_cast<int>(kMiB - at));
                    if (n <= 0)
                        throw std::runtime_error("bare server: connection closed");
                    hash.update(received.data() + at, static_cast<std::size_t>(n));
                    at += static_cast<std::size_t>(n);
                }
                hash.hexDigest();
                durable(numbered("b", i), received, [](std::string&, std::uint64_t) {});
                server.sendBytes("k", 1);
            }
            bareCpu += cpuSeconds(RUSAGE_THREAD) - cpuBefore;
        });
        std::string buffer = block;
        const double busyBefore = machineBusySeconds(), clientBefore = cpuSeconds(RUSAGE_THREAD);
        auto start = std::chrono::steady_clock::now();
        for (int i = from; i < to; ++i) {
            tag(buffer, 4000000 + static_cast<std::uint64_t>(i));
            sendAll(client, buffer.data(), kMiB);
            char reply;
            if (client.receiveBytes(&reply, 1) != 1)
                throw std::runtime_error("bare server: no reply");
        }
        const double secs = seconds(start);
        receiver.join();
        bareMachineCpu +=
            machineBusySeconds() - busyBefore - (cpuSeconds(RUSAGE_THREAD) - clientBefore);
        return secs;
    };

    // Uploads files [from, to) of an upload row, perRequest files in each request, over
    // `connections` client threads at once; returns the seconds, adds the CPU to the row's totals.
    struct UploadTotals {
        double serverCpu = 0, serverUser = 0, clientCpu = 0, machineCpu = 0;
    };
    auto uploads = [&](UploadTotals& totals, std::uint64_t saltBase, int perRequest,
                       int connections, int from, int to) {
        std::atomic<bool> failed{false};
        std::vector<double> clientCpu(static_cast<std::size_t>(connections));
        std::vector<double> clientUser(static_cast<std::size_t>(connections));
        double cpuBefore = cpuSeconds(RUSAGE_SELF), userBefore = userCpuSeconds(RUSAGE_SELF);
        const double busyBefore = machineBusySeconds();
        auto start = std::chrono::steady_clock::now();
        std::vector<std::thread> clients;
        for (int c = 0; c < connections; ++c)
            clients.emplace_back([&, c] {
                double own = cpuSeconds(RUSAGE_THREAD), ownUser = userCpuSeconds(RUSAGE_THREAD);
                std::string buffer = block;
                std::unique_ptr<Poco::Net::StreamSocket> connection;
                for (int r = from / perRequest + c; r < to / perRequest && !failed;
                     r += connections) {
                    std::vector<std::string> names;
                    for (int f = 0; f < perRequest; ++f)
                        names.push_back(numbered("f", r * perRequest + f) + ".bin");
                    auto [st, b] = sendFiles(
                        s.port, path, s.token, "file", names, kMiB, buffer,
                        [&](std::string& buf, std::size_t file, std::uint64_t offset) {
                            tag(buf, offset ^ ((saltBase + r * perRequest + file) << 40));
                        },
                        &connection);
                    if (st != 201) {
                        std::cerr << "request " << r << " failed: " << st << " " << b << "\n";
                        failed = true;
                    }
                }
                clientCpu[static_cast<std::size_t>(c)] = cpuSeconds(RUSAGE_THREAD) - own;
                clientUser[static_cast<std::size_t>(c)] = userCpuSeconds(RUSAGE_THREAD) - ownUser;
            });
        for (auto& c : clients) c.join();
        const double secs = seconds(start);
        if (failed)
            std::exit(1);
        double client = 0, clientUserCpu = 0;
        for (double c : clientCpu) client += c;
        for (double c : clientUser) clientUserCpu += c;
        totals.clientCpu += client;
        totals.serverCpu += cpuSeconds(RUSAGE_SELF) - cpuBefore - client;
        totals.machineCpu += machineBusySeconds() - busyBefore - client;
        totals.serverUser += userCpuSeconds(RUSAGE_SELF) - userBefore - clientUserCpu;
        return secs;
    };
    // The client shares the 2 cores with the server; its CPU is printed so a reader can tell
    // whether the client, not the server, limits the figure. The server's CPU is given twice:
    // its threads' (getrusage), and the whole machine's less the client's, which adds what
    // kernel threads did for it (the writeback that a batch commit's syncfs waits for).
    auto printCpu = [&](const UploadTotals& t) {
        const double perGiB = kGiB / (1000.0 * kMiB);
        std::cout << "   server CPU " << std::setprecision(2) << t.serverCpu * perGiB
                  << " s/GiB (user space " << t.serverUser * perGiB << "), with kernel threads "
                  << t.machineCpu * perGiB << "; client CPU " << t.clientCpu * perGiB << " s/GiB\n";
    };
    const std::uint64_t total = 1000 * kMiB;

    UploadTotals one;
    auto s1 = rounds({[&](int a, int b) { return baseline(1, a, b, 1); }, likeForLike, bareServer,
                      [&](int a, int b) { return uploads(one, 1000000, 1, 1, a, b); }});
    ::close(log);
    row("baseline: 1,000 x (write + fsync file + dir)", s1[0], total, 0);
    std::cout << "   baseline CPU " << std::setprecision(2) << baselineCpu[1].first * kGiB / total
              << " s/GiB, with kernel threads " << baselineCpu[1].second * kGiB / total << "\n";
    row("like-for-like: + shard dirs + log fdatasync", s1[1], total, s1[0]);
    row("bare server: + loopback, SHA-256, reply", s1[2], total, s1[0]);
    std::cout << "   bare server CPU " << std::setprecision(2) << bareCpu * kGiB / total
              << " s/GiB, with kernel threads " << bareMachineCpu * kGiB / total << "\n";
    row("upload: 1,000 requests of 1 file", s1[3], total, s1[0]);
    printCpu(one);
    std::cout << "   " << std::setprecision(2) << (s1[1] / s1[3])
              << "x the like-for-like baseline, " << (s1[2] / s1[3]) << "x the bare server\n";

    // What real clients also do: several files per request (a form with many files, a script),
    // or several requests at once (the web UI keeps 3 in flight).
    UploadTotals ten;
    auto s2 = rounds({[&](int a, int b) { return baseline(2, a, b, 1); },
                      [&](int a, int b) { return uploads(ten, 2000000, 10, 1, a, b); }});
    row("baseline: 1,000 x (write + fsync file + dir)", s2[0], total, 0);
    row("upload: 100 requests of 10 files", s2[1], total, s2[0]);
    printCpu(ten);

    UploadTotals three;
    auto s3 = rounds({[&](int a, int b) { return baseline(3, a, b, 1); },
                      [&](int a, int b) { return baseline(4, a, b, 3); },
                      [&](int a, int b) { return uploads(three, 3000000, 1, 3, a, b); }});
    row("baseline: 1,000 x (write + fsync file + dir)", s3[0], total, 0);
    row("baseline: the same from 3 threads", s3[1], total, s3[0]);
    row("upload: 1,000 requests, 3 at a time (web UI)", s3[2], total, s3[0]);
    printCpu(three);
    std::cout << "   " << std::setprecision(2) << (s3[1] / s3[2]) << "x the 3-thread baseline\n";
    std::filesystem::remove_all(work);
    return 0;
}
