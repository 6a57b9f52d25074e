// Files past the first MiB are hashed on a FileHasher thread that reads the temporary file back
// behind the writes: the digest must still be the one-shot SHA-256 of exactly the bytes
// written, and the thread must be gone (joined) once the writer is sealed, fails or is dropped.
#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <random>
#include <sstream>
#include <thread>

#include "BlobStoreFixture.h"
#include "TempDir.h"
#include "core/Sha256.h"
#include "storage/BlobStore.h"

namespace kc {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kMiB = 1 << 20;

std::string randomBytes(std::size_t size, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::string out(size, '\0');
    for (std::size_t i = 0; i < size; i += 8) {
        const std::uint64_t v = rng();
        std::memcpy(out.data() + i, &v, std::min<std::size_t>(8, size - i));
    }
    return out;
}

std::size_t threadCount() {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator("/proc/self/task"), fs::directory_iterator()));
}

class BlobHashThreadTest : public test::BlobStoreFixture {
protected:
    // Writes content in pieces cycling through sizes (small ones buffered, large ones written
    // straight through), so that the hand-over to the thread falls at varied offsets.
    void writeInPieces(BlobWriter& w, const std::string& content,
                       const std::vector<std::size_t>& sizes) {
        std::size_t at = 0;
        for (std::size_t i = 0; at < content.size(); ++i) {
            const std::size_t n = std::min(sizes[i % sizes.size()], content.size() - at);
            ASSERT_TRUE(w.write(content.data() + at, n).ok());
            at += n;
        }
    }
};

TEST_F(BlobHashThreadTest, MultiMiBRandomUploadsHashLikeOneShotSha256) {
    const std::vector<std::vector<std::size_t>> patterns = {
        {256 * 1024},                        // the HTTP layer's blocks
        {1, 7, 4096, 300 * 1024, kMiB + 1},  // mixed, crossing the buffer and the hand-over
        {9 * kMiB + 3},                      // one write: the thread starts at offset 0
        {kMiB, 1, kMiB - 1, 65536},          // the hand-over exactly at the first MiB
    };
    unsigned seed = 1;
    for (const auto& sizes : patterns) {
        const std::string content = randomBytes(9 * kMiB + 3, seed++);
        auto writer = store.begin(64 * kMiB);
        writeInPieces(*writer, content, sizes);
        auto info = writer->commit();
        ASSERT_TRUE(info.ok());
        EXPECT_EQ(info->sha256, Sha256::hex(content)) << "pattern " << seed - 1;
        EXPECT_EQ(info->size, content.size());
        EXPECT_EQ(read(info->sha256), content);
    }
    EXPECT_EQ(tempFiles(), 0u);
}

// A large file's pieces are handed to the disk every 8 MiB while it is written (an advisory
// sync_file_range): the stored file must still be exactly the bytes written, whether it is
// committed on its own (fsync) or released and committed in a batch (syncfs).
TEST_F(BlobHashThreadTest, FilesWrittenBackWhileArrivingAreStoredWhole) {
    const std::string single = randomBytes(25 * kMiB + 5, 31);
    auto writer = store.begin(64 * kMiB);
    writeInPieces(*writer, single, {256 * 1024 - 1});
    auto info = writer->commit();
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->sha256, Sha256::hex(single));
    EXPECT_EQ(read(info->sha256), single);

    const std::string batched = randomBytes(17 * kMiB + 1, 32);
    auto released = store.begin(64 * kMiB);
    writeInPieces(*released, batched, {8 * kMiB + 1, 4096});
    released->release();
    auto results = store.commitAll({released.get()});
    ASSERT_EQ(results.size(), 1u);
    ASSERT_TRUE(results[0].ok());
    EXPECT_EQ(results[0]->sha256, Sha256::hex(batched));
    EXPECT_EQ(read(results[0]->sha256), batched);
    EXPECT_EQ(tempFiles(), 0u);
}

TEST_F(BlobHashThreadTest, SizesAroundTheHandOverHashCorrectly) {
    for (std::size_t size : {kMiB - 1, kMiB, kMiB + 1, 2 * kMiB, 2 * kMiB + 1}) {
        const std::string content = randomBytes(size, static_cast<unsigned>(size));
        auto writer = store.begin(64 * kMiB);
        writeInPieces(*writer, content, {kMiB / 2, 1});
        auto info = writer->commit();
        ASSERT_TRUE(info.ok());
        EXPECT_EQ(info->sha256, Sha256::hex(content)) << size;
    }
}

// release() seals the file and ends the thread; the batch commit then uses the digest.
TEST_F(BlobHashThreadTest, ReleasedLargeWritersCommitAsABatch) {
    const std::size_t before = threadCount();
    std::vector<std::string> contents;
    std::vector<std::unique_ptr<BlobWriter>> writers;
    std::vector<BlobWriter*> batch;
    for (unsigned i = 0; i < 3; ++i) {
        contents.push_back(randomBytes(3 * kMiB + i, 100 + i));
        writers.push_back(store.begin(64 * kMiB));
        writeInPieces(*writers.back(), contents.back(), {256 * 1024});
        writers.back()->release();
        EXPECT_EQ(threadCount(), before);
        batch.push_back(writers.back().get());
    }
    auto results = store.commitAll(batch);
    ASSERT_EQ(results.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        ASSERT_TRUE(results[i].ok());
        EXPECT_EQ(results[i]->sha256, Sha256::hex(contents[i]));
        EXPECT_EQ(read(results[i]->sha256), contents[i]);
    }
    EXPECT_EQ(tempFiles(), 0u);
}

TEST_F(BlobHashThreadTest, FailureInTheMiddleLeavesNoTempFileAndNoThread) {
    const std::size_t before = threadCount();
    const std::string content = randomBytes(5 * kMiB, 7);
    auto writer = store.begin(4 * kMiB);
    ASSERT_TRUE(writer->write(content.data(), 3 * kMiB).ok());
    EXPECT_EQ(threadCount(), before + 1);  // hashing behind the writes
    EXPECT_EQ(tempFiles(), 1u);
    Status st = writer->write(content.data() + 3 * kMiB, 2 * kMiB);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::TooLarge);
    EXPECT_EQ(tempFiles(), 0u);
    EXPECT_EQ(threadCount(), before);
    auto info = writer->commit();
    ASSERT_FALSE(info.ok());
    EXPECT_EQ(info.error().code, ErrorCode::TooLarge);
    EXPECT_FALSE(store.exists(Sha256::hex(content.substr(0, 3 * kMiB))));
}

TEST_F(BlobHashThreadTest, AbandonedLargeWriterLeavesNoTempFileAndNoThread) {
    const std::size_t before = threadCount();
    {
        const std::string content = randomBytes(6 * kMiB, 8);
        auto writer = store.begin(64 * kMiB);
        writeInPieces(*writer, content, {256 * 1024});
        EXPECT_EQ(threadCount(), before + 1);
    }
    EXPECT_EQ(tempFiles(), 0u);
    EXPECT_EQ(threadCount(), before);
}

TEST_F(BlobHashThreadTest, ManyConcurrentLargeUploads) {
    constexpr int kUploads = 12;
    std::vector<std::string> contents;
    for (int i = 0; i < kUploads; ++i)
        contents.push_back(randomBytes(3 * kMiB + 17 * i, 200 + (i % 10)));  // 2 share a prefix
    std::vector<std::string> shas(kUploads);
    std::atomic<int> existed{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kUploads; ++i)
        threads.emplace_back([&, i] {
            auto writer = store.begin(64 * kMiB);
            std::size_t at = 0;
            while (at < contents[i].size()) {
                const std::size_t n =
                    std::min<std::size_t>(256 * 1024 - i, contents[i].size() - at);
                ASSERT_TRUE(writer->write(contents[i].data() + at, n).ok());
                at += n;
            }
            auto info = writer->commit();
            ASSERT_TRUE(info.ok());
            shas[i] = info->sha256;
            existed += info->alreadyExisted;
        });
    for (auto& t : threads) t.join();
    std::vector<std::string> expected;
    for (int i = 0; i < kUploads; ++i) {
        EXPECT_EQ(shas[i], Sha256::hex(contents[i])) << i;
        EXPECT_EQ(read(shas[i]), contents[i]);
        expected.push_back(shas[i]);
    }
    EXPECT_EQ(existed.load(), 0);  // sizes differ, so all distinct despite shared seeds
    EXPECT_EQ(tempFiles(), 0u);
    EXPECT_TRUE(store.verify(expected).ok());
}

}  // namespace
}  // namespace kc
