// bench/archive: builds a ~500 MB zip of 2,000 incompressible files (stored), imports it through
// POST /evidence-archive on an in-process server, and compares with `bsdtar -xf` + `sha256sum`
// of the same archive on the same disk, in the same run. Then exports the same files back as one
// zip (GET /evidence-export, streamed to a client that discards it) next to `bsdtar` writing a
// stored zip of the blob directory to /dev/null.
// Usage: kc_bench_archive [WORK_DIR]   (default ./bench-work; needs bsdtar: libarchive-tools)

#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <iomanip>

#include "BenchServer.h"

using namespace kc::bench;

namespace {

constexpr int kFiles = 2000;
constexpr std::size_t kFileBytes = 256 * 1024;
const char* const kCodes[] = {"1.1.1", "1.1.2", "1.1.3", "1.2.1", "1.2.2",
                              "1.3.1", "1.3.2", "1.3.3", "1.4.1", "1.4.2"};

void put16(std::string& s, unsigned v) {
    s += static_cast<char>(v & 0xFF);
    s += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& s, std::uint32_t v) {
    put16(s, v & 0xFFFF);
    put16(s, v >> 16);
}

// A zip with every entry stored (random data does not compress), UTF-8 names flagged.
std::uint64_t writeStoredZip(const std::filesystem::path& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    std::string central, data(kFileBytes, '\0');
    std::uint64_t offset = 0;
    for (int i = 0; i < kFiles; ++i) {
        randomBytes(data, 100 + i);
        const std::string name =
            std::string(kCodes[i % 10]) + " Tài liệu/tệp " + std::to_string(i) + ".bin";
        auto crc = static_cast<std::uint32_t>(
            crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
        std::string local;
        put32(local, 0x04034B50);
        put16(local, 20);
        put16(local, 0x0800);
        put16(local, 0);
        put16(local, 0);
        put16(local, 0x5A21);
        put32(local, crc);
        put32(local, kFileBytes);
        put32(local, kFileBytes);
        put16(local, static_cast<unsigned>(name.size()));
        put16(local, 0);
        local += name;
        put32(central, 0x02014B50);
        put16(central, 0x031E);
        put16(central, 20);
        put16(central, 0x0800);
        put16(central, 0);
        put16(central, 0);
        put16(central, 0x5A21);
        put32(central, crc);
        put32(central, kFileBytes);
        put32(central, kFileBytes);
        put16(central, static_cast<unsigned>(name.size()));
        put16(central, 0);
        put16(central, 0);
        put16(central, 0);
        put16(central, 0);
        put32(central, 0100644u << 16);
        put32(central, static_cast<std::uint32_t>(offset));
        central += name;
        out << local << data;
        offset += local.size() + data.size();
    }
    std::string end;
    put32(end, 0x06054B50);
    put16(end, 0);
    put16(end, 0);
    put16(end, kFiles);
    put16(end, kFiles);
    put32(end, static_cast<std::uint32_t>(central.size()));
    put32(end, static_cast<std::uint32_t>(offset));
    put16(end, 0);
    out << central << end;
    return offset + central.size() + end.size();
}

double timeCommand(const std::string& command) {
    auto start = std::chrono::steady_clock::now();
    if (std::system(command.c_str()) != 0)
        throw std::runtime_error("failed: " + command);
    return seconds(start);
}

}  // namespace

int main(int argc, char** argv) {
    const std::filesystem::path work =
        std::filesystem::absolute(argc > 1 ? argv[1] : "bench-work") / "archive";
    BenchServer s(work / "server");
    const std::filesystem::path zip = work / "bench.zip";
    auto start = std::chrono::steady_clock::now();
    const std::uint64_t size = writeStoredZip(zip);
    std::cout << "bench/archive: " << kFiles << " files, " << std::fixed << std::setprecision(0)
              << size / 1e6 << " MB zip (stored) built in " << std::setprecision(2)
              << seconds(start) << " s; storage " << s.config.storageDir << "\n";

    const std::filesystem::path out = work / "bsdtar";
    std::filesystem::create_directories(out);
    const std::string extract = "bsdtar -xf '" + zip.string() + "' -C '" + out.string() + "'";
    const std::string hash =
        "find '" + out.string() + "' -type f -print0 | xargs -0 sha256sum > /dev/null";
    double base = timeCommand(extract + " && " + hash);
    std::filesystem::remove_all(out);
    std::filesystem::create_directories(out);
    double baseSync = timeCommand(extract + " && " + hash + " && sync -f '" + out.string() + "'");
    std::filesystem::remove_all(out);

    std::string buffer(1 << 20, '\0');
    // The same upload as a dry run: receiving, spooling, reading and hashing, without blobs or
    // rows.
    std::ifstream dry(zip, std::ios::binary);
    start = std::chrono::steady_clock::now();
    auto dryReply =
        sendUpload(s.port, "/api/v1/periods/2022/units/XA16/evidence-archive?dry_run=true", s.token,
                   "archive", "bench.zip", size, buffer,
                   [&](std::string& b, std::uint64_t) { dry.read(b.data(), b.size()); });
    double drySecs = seconds(start);
    if (dryReply.first != 200) {
        std::cerr << "dry run failed: " << dryReply.first << "\n";
        return 1;
    }

    std::ifstream in(zip, std::ios::binary);
    double cpuBefore = cpuSeconds(RUSAGE_SELF), clientBefore = cpuSeconds(RUSAGE_THREAD);
    long rssBefore = rssKiB();
    RssSampler sampler;
    start = std::chrono::steady_clock::now();
    auto [status, body] = sendUpload(
        s.port, "/api/v1/periods/2022/units/XA16/evidence-archive", s.token, "archive", "bench.zip",
        size, buffer, [&](std::string& b, std::uint64_t) { in.read(b.data(), b.size()); });
    double secs = seconds(start);
    long peak = sampler.stop();
    double serverCpu =
        (cpuSeconds(RUSAGE_SELF) - cpuBefore) - (cpuSeconds(RUSAGE_THREAD) - clientBefore);
    if (status != 201 || body.find("\"imported\":" + std::to_string(kFiles)) == std::string::npos) {
        std::cerr << "import failed: " << status << " " << body.substr(0, 2000) << "\n";
        return 1;
    }
    auto row = [&](const std::string& what, double t) {
        std::cout << std::left << std::setw(52) << what << std::right << std::setprecision(2)
                  << std::setw(7) << t << " s " << std::setw(6) << std::setprecision(0)
                  << size / 1e6 / t << " MB/s\n";
    };
    row("baseline: bsdtar -xf + sha256sum", base);
    row("baseline: bsdtar -xf + sha256sum + sync -f", baseSync);
    row("dry run: upload + spool + read + hash", drySecs);
    row("import: upload + spool + read + blobs + rows", secs);
    std::cout << "   ratio " << std::setprecision(2) << secs / base << "x bsdtar+sha256sum ("
              << secs / baseSync << "x with sync); server CPU " << serverCpu << " s; process RSS +"
              << (peak - rssBefore) / 1024 << " MB peak\n";

    // Export, with the blobs in the page cache for both (just written).
    const std::string blobs = (std::filesystem::path(s.config.storageDir) / "blobs").string();
    double baseExport =
        timeCommand("bsdtar --format zip --options zip:compression=store -cf - -C '" + blobs +
                    "' . > /dev/null");
    Poco::Net::HTTPClientSession session("127.0.0.1", s.port);
    Poco::Net::HTTPRequest get("GET", "/api/v1/periods/2022/evidence-export?unit=XA16",
                               Poco::Net::HTTPMessage::HTTP_1_1);
    get.set("Authorization", "Bearer " + s.token);
    cpuBefore = cpuSeconds(RUSAGE_SELF), clientBefore = cpuSeconds(RUSAGE_THREAD);
    rssBefore = rssKiB();
    RssSampler exportSampler;
    start = std::chrono::steady_clock::now();
    session.sendRequest(get);
    Poco::Net::HTTPResponse res;
    std::istream& zipStream = session.receiveResponse(res);
    std::uint64_t exported = 0;
    while (zipStream.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) ||
           zipStream.gcount() > 0)
        exported += static_cast<std::uint64_t>(zipStream.gcount());
    double exportSecs = seconds(start);
    long exportPeak = exportSampler.stop();
    double exportCpu =
        (cpuSeconds(RUSAGE_SELF) - cpuBefore) - (cpuSeconds(RUSAGE_THREAD) - clientBefore);
    if (res.getStatus() != Poco::Net::HTTPResponse::HTTP_OK ||
        exported < static_cast<std::uint64_t>(kFiles) * kFileBytes) {
        std::cerr << "export failed: " << res.getStatus() << ", " << exported << " bytes\n";
        return 1;
    }
    row("baseline: bsdtar -cf (zip, stored) > /dev/null", baseExport);
    row("export: GET evidence-export, streamed zip", exportSecs);
    std::cout << "   ratio " << std::setprecision(2) << exportSecs / baseExport << "x bsdtar; "
              << std::setprecision(0) << exported / 1e6 << " MB sent; server CPU "
              << std::setprecision(2) << exportCpu << " s; process RSS +"
              << (exportPeak - rssBefore) / 1024 << " MB peak\n";
    std::filesystem::remove_all(work);
    return 0;
}
