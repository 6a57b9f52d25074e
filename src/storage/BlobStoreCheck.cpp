// BlobStore's checks: verify() and settleOrphans() (what `kiemchung verify` reports) and the
// temporary files a crash leaves (staleTemps, removeStaleTemps). The writing side is in
// BlobStore.cpp.
#include "storage/BlobStore.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <set>

#include "core/Sha256.h"

namespace fs = std::filesystem;

namespace kc {
namespace {

std::optional<std::string> hashFile(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    Sha256 hash;
    std::vector<char> buffer(1024 * 1024);  // reads of 1 MiB
    for (;;) {
        ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0)
            break;
        hash.update(buffer.data(), static_cast<std::size_t>(n));
    }
    ::close(fd);
    return hash.hexDigest();
}

}  // namespace

VerifyReport BlobStore::verify(const std::vector<std::string>& expectedShas,
                               std::chrono::seconds staleAge) const {
    VerifyReport report;
    const std::set<std::string> expected(expectedShas.begin(), expectedShas.end());
    std::set<std::string> found;
    std::error_code ec;
    // Paths are reported lexically (fs::relative would follow a symlink and name its target).
    for (auto it = fs::recursive_directory_iterator(_blobs, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path& file = it->path();
        std::error_code statusError;
        const fs::file_status status = it->symlink_status(statusError);
        if (fs::is_directory(status))
            continue;
        const std::string name = file.filename().string();
        const fs::path parent = file.parent_path();
        const bool placed = fs::is_regular_file(status) && isSha256(name) &&
                            parent.filename() == name.substr(2, 2) &&
                            parent.parent_path().filename() == name.substr(0, 2) &&
                            parent.parent_path().parent_path() == _blobs;
        if (!placed || !expected.count(name))
            report.orphans.push_back(
                (fs::path("blobs") / file.lexically_relative(_blobs)).generic_string());
        if (!placed)
            continue;
        found.insert(name);
        if (hashFile(file) != name)
            report.corrupt.push_back(name);
    }
    for (const std::string& sha : expected)
        if (!found.count(sha))
            report.missing.push_back(sha);
    for (const fs::path& temp : staleTemps(staleAge))
        report.staleTemps.push_back(
            (fs::path("tmp") / temp.lexically_relative(_tmp)).generic_string());
    std::sort(report.corrupt.begin(), report.corrupt.end());
    std::sort(report.orphans.begin(), report.orphans.end());
    std::sort(report.staleTemps.begin(), report.staleTemps.end());
    return report;
}

std::size_t BlobStore::settleOrphans(VerifyReport& report,
                                     const std::vector<std::string>& recordedNow,
                                     std::chrono::system_clock::time_point walkStarted,
                                     std::chrono::system_clock::time_point recentSince) const {
    const std::set<std::string> recorded(recordedNow.begin(), recordedNow.end());
    std::vector<std::string> orphans;
    std::size_t recent = 0;
    for (std::string& orphan : report.orphans) {
        const std::string name = fs::path(orphan).filename().string();
        if (!isSha256(name) || _root / orphan != fs::path(path(name))) {
            orphans.push_back(std::move(orphan));  // misplaced: never the server's doing
            continue;
        }
        if (recorded.count(name))
            continue;
        struct stat st {};
        const auto committed = ::lstat((_root / orphan).c_str(), &st) == 0
                                   ? std::chrono::system_clock::time_point(
                                         std::chrono::seconds(st.st_ctim.tv_sec) +
                                         std::chrono::nanoseconds(st.st_ctim.tv_nsec))
                                   : std::chrono::system_clock::time_point::min();
        recent += committed >= recentSince;
        (committed >= walkStarted ? report.committing : orphans).push_back(std::move(orphan));
    }
    report.orphans = std::move(orphans);
    return recent;
}

std::vector<fs::path> BlobStore::staleTemps(std::chrono::seconds staleAge) const {
    std::vector<fs::path> stale;
    const auto cutoff = fs::file_time_type::clock::now() - staleAge;
    std::error_code ec;
    for (auto it = fs::directory_iterator(_tmp, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        std::error_code timeError;
        auto written = it->last_write_time(timeError);
        if (!timeError && it->is_regular_file(timeError) && written < cutoff)
            stale.push_back(it->path());
    }
    return stale;
}

std::size_t BlobStore::removeStaleTemps(std::chrono::seconds staleAge) const {
    std::size_t removed = 0;
    for (const fs::path& temp : staleTemps(staleAge)) {
        std::error_code ec;
        if (fs::remove(temp, ec))
            ++removed;
    }
    return removed;
}

}  // namespace kc
