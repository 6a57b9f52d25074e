// bench/upload: uploads one 1 GiB file and 1,000 files of 1 MiB to an in-process server over
// loopback and compares with writing the same bytes to the same disk with fsync.
// Usage: kc_bench_upload [WORK_DIR]   (default ./bench-work; must be on the disk to measure)

#include <cstring>
#include <iomanip>

#include "BenchServer.h"

using namespace kc::bench;

namespace {

constexpr std::uint64_t kMiB = 1ULL << 20;
constexpr std::uint64_t kGiB = 1ULL << 30;

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
    const std::filesystem::path work =
        std::filesystem::absolute(argc > 1 ? argv[1] : "bench-work") / "upload";
    BenchServer s(work);
    const std::string path = "/api/v1/periods/2022/units/XA16/evidence/1.1.1";
    std::string block(kMiB, '\0');
    randomBytes(block, 1);
    // Every MiB differs (its offset in the first 8 bytes), so nothing is deduplicated.
    std::uint64_t salt = 0;
    auto fill = [&](std::string& b, std::uint64_t offset) {
        std::uint64_t tag = offset ^ (salt << 40);
        std::memcpy(b.data(), &tag, 8);
    };
    const std::filesystem::path baselineDir = work / "baseline";
    std::filesystem::create_directories(baselineDir);

    std::cout << "bench/upload: storage " << s.config.storageDir << "\n";
    std::cout << "-- one file of 1 GiB\n";
    double base1 = writeWithFsync(baselineDir / "one.bin", kGiB, block, fill);
    std::filesystem::remove(baselineDir / "one.bin");
    row("baseline: write(2) + fsync, same disk", base1, kGiB, 0);

    salt = 1;
    long rssBefore = rssKiB();
    double cpuBefore = cpuSeconds(RUSAGE_SELF), clientBefore = cpuSeconds(RUSAGE_THREAD);
    RssSampler sampler;
    auto start = std::chrono::steady_clock::now();
    auto [status, body] = sendUpload(s.port, path, s.token, "file", "big.bin", kGiB, block, fill);
    double secs = seconds(start);
    long peak = sampler.stop();
    double serverCpu =
        (cpuSeconds(RUSAGE_SELF) - cpuBefore) - (cpuSeconds(RUSAGE_THREAD) - clientBefore);
    if (status != 201) {
        std::cerr << "upload failed: " << status << " " << body << "\n";
        return 1;
    }
    row("upload (multipart, loopback, 1 request)", secs, kGiB, base1);
    std::cout << "   server CPU " << std::setprecision(2) << serverCpu << " s/GiB; process RSS "
              << rssBefore / 1024 << " MB before, peak " << peak / 1024 << " MB during (+"
              << (peak - rssBefore) / 1024 << " MB)\n";

    std::cout << "-- 1,000 files of 1 MiB, one request each\n";
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < 1000; ++i) {
        salt = 1000 + i;
        writeWithFsync(baselineDir / ("f" + std::to_string(i)), kMiB, block, fill);
    }
    double base2 = seconds(start);
    std::filesystem::remove_all(baselineDir);
    row("baseline: 1,000 x (write + fsync file + dir)", base2, 1000 * kMiB, 0);

    cpuBefore = cpuSeconds(RUSAGE_SELF);
    clientBefore = cpuSeconds(RUSAGE_THREAD);
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < 1000; ++i) {
        salt = 5000 + i;
        auto [st, b] = sendUpload(s.port, path, s.token, "file", "f" + std::to_string(i) + ".bin",
                                  kMiB, block, fill);
        if (st != 201) {
            std::cerr << "upload " << i << " failed: " << st << " " << b << "\n";
            return 1;
        }
    }
    secs = seconds(start);
    serverCpu = (cpuSeconds(RUSAGE_SELF) - cpuBefore) - (cpuSeconds(RUSAGE_THREAD) - clientBefore);
    row("upload 1,000 requests", secs, 1000 * kMiB, base2);
    std::cout << "   server CPU " << std::setprecision(2) << serverCpu * kGiB / (1000.0 * kMiB)
              << " s/GiB\n";
    std::filesystem::remove_all(work);
    return 0;
}
