#include "storage/BlobStore.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "BlobStoreFixture.h"
#include "TempDir.h"
#include "core/Sha256.h"

namespace kc {
namespace {

namespace fs = std::filesystem;

class BlobStoreTest : public test::BlobStoreFixture {
protected:
    BlobInfo put(const std::string& content, std::uint64_t maxBytes = 1 << 20) {
        auto writer = store.begin(maxBytes);
        EXPECT_TRUE(writer->write(content.data(), content.size()).ok());
        auto info = writer->commit();
        EXPECT_TRUE(info.ok());
        return info.ok() ? *info : BlobInfo{};
    }
};

// The 256 first-level shards exist from the start, so no upload has to create one (and
// fsync blobs/); opening the store again finds them and changes nothing.
TEST_F(BlobStoreTest, CreatesEveryFirstLevelShardAtStart) {
    std::set<std::string> shards;
    for (const auto& e : fs::directory_iterator(store.root() / "blobs")) {
        EXPECT_TRUE(e.is_directory()) << e.path();
        shards.insert(e.path().filename().string());
    }
    ASSERT_EQ(shards.size(), 256u);
    EXPECT_EQ(*shards.begin(), "00");
    EXPECT_EQ(*shards.rbegin(), "ff");
    EXPECT_TRUE(shards.count("a7"));
    BlobInfo info = put("QĐ 12");
    BlobStore reopened(store.root());
    EXPECT_TRUE(reopened.exists(info.sha256));
    EXPECT_TRUE(reopened.verify({info.sha256}).ok());
}

TEST_F(BlobStoreTest, StoresUnderShardedShaName) {
    const std::string content = "Báo cáo tổng kết năm 2023";
    BlobInfo info = put(content);
    EXPECT_EQ(info.sha256, Sha256::hex(content));
    EXPECT_EQ(info.size, content.size());
    EXPECT_FALSE(info.alreadyExisted);
    const std::string expected =
        (store.root() / "blobs" / info.sha256.substr(0, 2) / info.sha256.substr(2, 2) / info.sha256)
            .string();
    EXPECT_EQ(store.path(info.sha256), expected);
    EXPECT_TRUE(store.exists(info.sha256));
    EXPECT_EQ(store.size(info.sha256), content.size());
    EXPECT_EQ(read(info.sha256), content);
    EXPECT_EQ(tempFiles(), 0u);
    auto perms = fs::status(expected).permissions();
    EXPECT_EQ(perms & fs::perms::owner_write, fs::perms::none);  // immutable
}

TEST_F(BlobStoreTest, StreamsManyChunks) {
    auto writer = store.begin(64 << 20);
    std::string all;
    for (int i = 0; i < 100; ++i) {
        std::string chunk(7919 * (i % 5 + 1), static_cast<char>('a' + i % 26));
        all += chunk;
        ASSERT_TRUE(writer->write(chunk.data(), chunk.size()).ok());
    }
    std::string big(1 << 20, 'z');  // bigger than the write buffer
    all += big;
    ASSERT_TRUE(writer->write(big.data(), big.size()).ok());
    EXPECT_EQ(writer->bytesWritten(), all.size());
    auto info = writer->commit();
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->sha256, Sha256::hex(all));
    EXPECT_EQ(read(info->sha256), all);
}

TEST_F(BlobStoreTest, SameContentTwiceIsKeptOnce) {
    BlobInfo first = put("KH 97");
    BlobInfo second = put("KH 97");
    EXPECT_EQ(first.sha256, second.sha256);
    EXPECT_FALSE(first.alreadyExisted);
    EXPECT_TRUE(second.alreadyExisted);
    EXPECT_EQ(tempFiles(), 0u);
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(store.root() / "blobs"))
        files += e.is_regular_file() ? 1 : 0;
    EXPECT_EQ(files, 1u);
}

// Concurrent uploads of the same content: exactly one stores it, the others see it existing.
TEST_F(BlobStoreTest, ConcurrentSameContentIsStoredExactlyOnce) {
    const std::string content(100000, 'q');
    std::vector<std::thread> threads;
    std::atomic<int> stored{0}, existed{0};
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            auto writer = store.begin(1 << 20);
            ASSERT_TRUE(writer->write(content.data(), content.size()).ok());
            auto info = writer->commit();
            ASSERT_TRUE(info.ok());
            ++(info->alreadyExisted ? existed : stored);
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(stored.load(), 1);
    EXPECT_EQ(existed.load(), 7);
    EXPECT_EQ(tempFiles(), 0u);
    EXPECT_TRUE(store.verify({Sha256::hex(content)}).ok());
}

TEST_F(BlobStoreTest, AbandonedWriterLeavesNothing) {
    {
        auto writer = store.begin(1 << 20);
        ASSERT_TRUE(writer->write("partial", 7).ok());
        EXPECT_EQ(tempFiles(), 1u);
    }
    EXPECT_EQ(tempFiles(), 0u);
    EXPECT_FALSE(store.exists(Sha256::hex("partial")));
}

TEST_F(BlobStoreTest, TooLargeIsRefusedAndTempRemovedAtOnce) {
    auto writer = store.begin(10);
    ASSERT_TRUE(writer->write("0123456789", 10).ok());  // exactly the limit is fine
    Status st = writer->write("x", 1);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::TooLarge);
    EXPECT_EQ(tempFiles(), 0u);
    EXPECT_EQ(writer->write("y", 1).error().code, ErrorCode::TooLarge);
    auto info = writer->commit();
    ASSERT_FALSE(info.ok());
    EXPECT_EQ(info.error().code, ErrorCode::TooLarge);
}

TEST_F(BlobStoreTest, EmptyFileIsRejected) {
    auto writer = store.begin(1 << 20);
    auto info = writer->commit();
    ASSERT_FALSE(info.ok());
    EXPECT_EQ(info.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(info.error().message, "Tệp rỗng");
    EXPECT_EQ(tempFiles(), 0u);
}

TEST_F(BlobStoreTest, CommitTwiceIsConflict) {
    auto writer = store.begin(1 << 20);
    ASSERT_TRUE(writer->write("a", 1).ok());
    ASSERT_TRUE(writer->commit().ok());
    EXPECT_EQ(writer->commit().error().code, ErrorCode::Conflict);
    EXPECT_EQ(writer->write("b", 1).error().code, ErrorCode::Conflict);
}

// expect(): content that does not hash to the expected name is not stored, under any name.
TEST_F(BlobStoreTest, ContentNotMatchingItsExpectedNameIsNotStored) {
    auto writer = store.begin(1 << 20);
    writer->expect(Sha256::hex("what the name promised"));
    ASSERT_TRUE(writer->write("something else", 14).ok());
    auto info = writer->commit();
    ASSERT_FALSE(info.ok());
    EXPECT_EQ(info.error().code, ErrorCode::Conflict);
    EXPECT_NE(info.error().message.find(Sha256::hex("something else")), std::string::npos);
    EXPECT_FALSE(store.exists(Sha256::hex("something else")));
    EXPECT_EQ(tempFiles(), 0u);

    auto matching = store.begin(1 << 20);
    matching->expect(Sha256::hex("as promised"));
    ASSERT_TRUE(matching->write("as promised", 11).ok());
    EXPECT_TRUE(matching->commit().ok());
}

TEST_F(BlobStoreTest, MalformedNamesNeverReachTheFilesystem) {
    EXPECT_FALSE(BlobStore::isSha256("../../etc/passwd"));
    EXPECT_FALSE(BlobStore::isSha256(std::string(64, 'A')));
    EXPECT_TRUE(BlobStore::isSha256(std::string(64, 'a')));
    EXPECT_FALSE(store.exists("../../etc/passwd"));
    EXPECT_EQ(store.size("../x"), std::nullopt);
    EXPECT_EQ(store.open("../x").error().code, ErrorCode::NotFound);
    EXPECT_EQ(store.open(std::string(64, 'a')).error().code, ErrorCode::NotFound);
    EXPECT_THROW((void)store.path("../x"), std::invalid_argument);
}

// One of each problem at once, plus a healthy blob: verify reports all of them.
TEST_F(BlobStoreTest, VerifyCollectsMissingCorruptAndOrphansAtOnce) {
    BlobInfo good = put("good");
    BlobInfo corrupt = put("will be damaged");
    BlobInfo orphan = put("nobody expects me");
    const std::string missing = Sha256::hex("never stored");
    fs::permissions(store.path(corrupt.sha256), fs::perms::owner_write, fs::perm_options::add);
    std::ofstream(store.path(corrupt.sha256), std::ios::trunc) << "damaged";
    std::ofstream(store.root() / "blobs" / "stray.txt") << "x";

    VerifyReport report = store.verify({good.sha256, corrupt.sha256, missing});
    EXPECT_FALSE(report.ok());
    EXPECT_EQ(report.missing, std::vector<std::string>{missing});
    EXPECT_EQ(report.corrupt, std::vector<std::string>{corrupt.sha256});
    const std::string orphanPath = "blobs/" + orphan.sha256.substr(0, 2) + "/" +
                                   orphan.sha256.substr(2, 2) + "/" + orphan.sha256;
    std::vector<std::string> orphans{orphanPath, "blobs/stray.txt"};
    std::sort(orphans.begin(), orphans.end());
    EXPECT_EQ(report.orphans, orphans);

    VerifyReport clean = store.verify({good.sha256, orphan.sha256});
    EXPECT_EQ(clean.missing, std::vector<std::string>{});
    EXPECT_EQ(clean.corrupt, std::vector<std::string>{corrupt.sha256});
}

// verify() beside a live server: blobs committed during the walk are settled afterwards.
TEST_F(BlobStoreTest, SettleOrphansDropsTheRecordedAndSetsApartTheJustCommitted) {
    const auto beforeCommits = std::chrono::system_clock::now() - std::chrono::seconds(1);
    BlobInfo recordedMeanwhile = put("its row committed during the walk");
    BlobInfo committing = put("its row had not committed yet");
    std::ofstream(store.root() / "blobs" / "stray.txt") << "x";
    const auto pathOf = [](const std::string& sha) {
        return "blobs/" + sha.substr(0, 2) + "/" + sha.substr(2, 2) + "/" + sha;
    };

    VerifyReport report = store.verify({});
    EXPECT_EQ(report.orphans.size(), 3u);
    EXPECT_EQ(store.settleOrphans(report, {recordedMeanwhile.sha256}, beforeCommits, beforeCommits),
              1u);  // still on its way to the database
    EXPECT_EQ(report.orphans, std::vector<std::string>{"blobs/stray.txt"});
    EXPECT_EQ(report.committing, std::vector<std::string>{pathOf(committing.sha256)});

    // Committed before the walk began and still not recorded: an orphan (a crash's leftover).
    VerifyReport later = store.verify({});
    const auto afterCommits = std::chrono::system_clock::now() + std::chrono::seconds(1);
    EXPECT_EQ(store.settleOrphans(later, {recordedMeanwhile.sha256}, afterCommits, beforeCommits),
              1u);
    std::vector<std::string> orphans{pathOf(committing.sha256), "blobs/stray.txt"};
    std::sort(orphans.begin(), orphans.end());
    EXPECT_EQ(later.orphans, orphans);
    EXPECT_TRUE(later.committing.empty());
    EXPECT_FALSE(later.ok());
}

// A symlink put into blobs/ or tmp/ is named by its own path, not its target's (fs::relative
// resolved it: "orphan ../../../../etc/passwd").
TEST_F(BlobStoreTest, ASymlinkIsReportedUnderItsOwnPath) {
    const fs::path outside = dir.path() / "outside.txt";
    std::ofstream(outside) << "not the store's";
    fs::last_write_time(outside, fs::file_time_type::clock::now() - std::chrono::hours(48));
    fs::create_symlink(outside, store.root() / "blobs" / "ab" / "link");
    fs::create_symlink(outside, store.root() / "tmp" / "link.part");

    VerifyReport report = store.verify({});
    EXPECT_EQ(report.orphans, std::vector<std::string>{"blobs/ab/link"});
    EXPECT_EQ(report.staleTemps, std::vector<std::string>{"tmp/link.part"});
}

TEST_F(BlobStoreTest, VerifyOfHealthyStoreIsOk) {
    BlobInfo a = put("a");
    BlobInfo b = put("b");
    EXPECT_TRUE(store.verify({a.sha256, b.sha256}).ok());
}

TEST_F(BlobStoreTest, StaleTempsAreListedThenRemoved) {
    const fs::path stale = store.root() / "tmp" / "crashed.part";
    std::ofstream(stale) << "left by a crash";
    fs::last_write_time(stale, fs::file_time_type::clock::now() - std::chrono::hours(2));
    auto live = store.begin(1 << 20);
    ASSERT_TRUE(live->write("in progress", 11).ok());

    VerifyReport report = store.verify({});
    EXPECT_EQ(report.staleTemps, std::vector<std::string>{"tmp/crashed.part"});
    EXPECT_TRUE(fs::exists(stale));  // verify only reports
    EXPECT_EQ(store.removeStaleTemps(), 1u);
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_EQ(tempFiles(), 1u);  // the live upload is untouched
    EXPECT_TRUE(live->commit().ok());
}

}  // namespace
}  // namespace kc
