#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <fstream>

#include "ArchiveTestSupport.h"
#include "TempDir.h"
#include "archive/ArchiveReader.h"
#include "archive/ArchiveWriter.h"

namespace kc {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint64_t kMiB = 1 << 20;
constexpr std::uint64_t kGiB = 1ULL << 30;

long peakRssKiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// A 10 MB zip whose one entry inflates to 10 GiB of zeros but declares 1 KB: only counting the
// bytes that come out of the decompressor catches it.
TEST(ArchiveLimitsTest, ZipBombWithLyingSizeIsRefusedWithinASecond) {
    test::TempDir dir;
    const std::string bomb = dir.file("bomb.zip");
    test::writeZipBomb(bomb, {{"zeros.bin", 10 * 1024, 1024}});
    ArchiveLimits limits;
    limits.maxEntryBytes = 64 * kMiB;

    const long rssBefore = peakRssKiB();
    auto start = Clock::now();
    auto reader = ArchiveReader::open(bomb, limits);
    ASSERT_TRUE(reader.ok());
    auto entry = (*reader)->next();
    ASSERT_TRUE(entry.ok() && entry->has_value());
    EXPECT_EQ((*entry)->declaredSize, 1024u);
    std::uint64_t received = 0;
    auto read = (*reader)->readData([&](const char*, std::size_t n) -> Status {
        received += n;
        return Ok{};
    });
    const double seconds = secondsSince(start);

    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::TooLarge);
    EXPECT_LE(received, limits.maxEntryBytes);
    EXPECT_LT(seconds, 1.0);
    EXPECT_LT(peakRssKiB() - rssBefore, 16 * 1024) << "KiB of peak RSS growth";
}

TEST(ArchiveLimitsTest, ZipBombWithHonestSizeIsRefusedAtItsHeader) {
    test::TempDir dir;
    const std::string bomb = dir.file("bomb.zip");
    test::writeZipBomb(bomb, {{"zeros.bin", 10 * 1024, 10 * kGiB - 1}});
    auto start = Clock::now();
    auto r = test::readAll(bomb);  // default limits
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->code, ErrorCode::TooLarge);
    EXPECT_LT(secondsSince(start), 1.0);
}

// a and b are honest; c declares 1 byte but inflates to 16 MiB and crosses the total midway.
TEST(ArchiveLimitsTest, TotalIsCountedFromActualBytes) {
    test::TempDir dir;
    const std::string bomb = dir.file("bomb.zip");
    test::writeZipBomb(bomb, {{"a", 16, 16 * kMiB}, {"b", 16, 16 * kMiB}, {"c", 16, 1}});
    ArchiveLimits limits;
    limits.maxEntryBytes = 20 * kMiB;
    limits.maxTotalBytes = 40 * kMiB;
    auto r = test::readAll(bomb, limits);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->code, ErrorCode::TooLarge);
    EXPECT_NE(r.error->message.find("Tổng dung lượng"), std::string::npos) << r.error->message;
    ASSERT_EQ(r.entries.size(), 2u);
    EXPECT_EQ(r.entries[1].content, std::string(16 * kMiB, '\0'));
}

TEST(ArchiveLimitsTest, DeclaredTotalIsCheckedBeforeReading) {
    test::TempDir dir;
    const std::string bomb = dir.file("bomb.zip");
    test::writeZipBomb(bomb, {{"a", 1, 30 * kMiB}, {"b", 1, 30 * kMiB}});
    ArchiveLimits limits;
    limits.maxTotalBytes = 50 * kMiB;
    auto reader = ArchiveReader::open(bomb, limits);
    ASSERT_TRUE(reader.ok());
    ASSERT_TRUE((*reader)->next().ok());
    auto second = (*reader)->next();
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, ErrorCode::TooLarge);
}

// A refused entry's data is never kept, but reading past it in a compressed tar inflates it all
// the same: those bytes count toward the total, so the archive is refused at the cap, quickly.
// Without counting them, 64 MiB were inflated and the archive read to its end.
TEST(ArchiveLimitsTest, RefusedTarGzEntryCountsTowardTotal) {
    test::TempDir dir;
    const std::string bomb = dir.file("bomb.tar.gz");
    test::writeTarGzBomb(bomb, {{"1.1.1 a.pdf", 1, 0}, {"../bomb.pdf", 64, 0}, {"b.pdf", 1, 0}});
    ArchiveLimits limits;
    limits.maxTotalBytes = 8 * kMiB;
    auto start = Clock::now();
    auto r = test::readAll(bomb, limits);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->code, ErrorCode::TooLarge);
    EXPECT_NE(r.error->message.find("Tổng dung lượng"), std::string::npos) << r.error->message;
    ASSERT_EQ(r.entries.size(), 2u);  // what was seen before the refusal
    EXPECT_EQ(r.entries[1].path, "../bomb.pdf");
    EXPECT_EQ(r.entries[1].reason, "parent_directory");
    EXPECT_LT(secondsSince(start), 1.0);

    limits.maxTotalBytes = 80 * kMiB;  // under the cap the refused entry is only reported
    r = test::readAll(bomb, limits);
    EXPECT_FALSE(r.error);
    EXPECT_EQ(r.entries.size(), 3u);
}

// The declared size of a refused zip entry can lie, so its data is counted as it is inflated;
// an accepted entry the caller does not read is counted the same way.
TEST(ArchiveLimitsTest, SkippedZipDataIsCountedAsInflated) {
    test::TempDir dir;
    const std::string refused = dir.file("refused.zip");
    test::writeZipBomb(refused, {{"../zeros.bin", 64, 1024}, {"a.pdf", 1, kMiB}});
    ArchiveLimits limits;
    limits.maxTotalBytes = 8 * kMiB;
    auto r = test::readAll(refused, limits);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->code, ErrorCode::TooLarge);
    ASSERT_EQ(r.entries.size(), 1u);
    EXPECT_EQ(r.entries[0].reason, "parent_directory");

    const std::string unread = dir.file("unread.zip");
    test::writeZipBomb(unread, {{"zeros.bin", 64, 1024}, {"a.pdf", 1, kMiB}});
    auto reader = ArchiveReader::open(unread, limits);
    ASSERT_TRUE(reader.ok());
    auto first = (*reader)->next();
    ASSERT_TRUE(first.ok() && first->has_value());
    auto second = (*reader)->next();  // without reading the first
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, ErrorCode::TooLarge);

    auto skipper = ArchiveReader::open(unread, limits);  // skipped on purpose: the same
    ASSERT_TRUE(skipper.ok());
    auto entry = (*skipper)->next();
    ASSERT_TRUE(entry.ok() && entry->has_value());
    auto skipped = (*skipper)->skipData();
    ASSERT_FALSE(skipped.ok());
    EXPECT_EQ(skipped.error().code, ErrorCode::TooLarge);
    EXPECT_EQ((*skipper)->next().error().code, ErrorCode::TooLarge);
}

TEST(ArchiveLimitsTest, EntryCountIsCapped) {
    test::TempDir dir;
    const std::string path = dir.file("many.zip");
    {
        std::ofstream out(path, std::ios::binary);
        auto writer = ArchiveWriter::openZip([&](const char* d, std::size_t n) -> Status {
            out.write(d, static_cast<std::streamsize>(n));
            return Ok{};
        });
        ASSERT_TRUE(writer.ok());
        for (int i = 0; i < 20; ++i) {
            bool done = false;
            Status st = (*writer)->add("tệp " + std::to_string(i), 1,
                                       [&](char* buf, std::size_t) -> Result<std::size_t> {
                                           if (done)
                                               return std::size_t{0};
                                           buf[0] = 'x';
                                           done = true;
                                           return std::size_t{1};
                                       });
            ASSERT_TRUE(st.ok());
        }
        ASSERT_TRUE((*writer)->close().ok());
    }
    ArchiveLimits limits;
    limits.maxEntries = 10;
    auto r = test::readAll(path, limits);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->code, ErrorCode::TooLarge);
    EXPECT_EQ(r.entries.size(), 10u);
    limits.maxEntries = 20;
    EXPECT_FALSE(test::readAll(path, limits).error);
}

}  // namespace
}  // namespace kc
