#include <gtest/gtest.h>

#include <sys/resource.h>

#include <sstream>

#include "TempDir.h"
#include "core/Sha256.h"
#include "storage/BlobStore.h"

namespace kc {
namespace {

namespace fs = std::filesystem;

std::size_t filesIn(const fs::path& dir) {
    std::size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file();
    return n;
}

// Released writers give back their descriptors: far more of them than the descriptor limit can
// wait for a batch commit, which stores each under its SHA-256 like commit() does.
TEST(BlobBatchTest, ReleasedWritersHoldNoDescriptorsAndCommitAsOneBatch) {
    test::TempDir dir;
    BlobStore store(dir.path() / "store");
    // A low descriptor limit for the duration of the test, so that a few hundred writers pass it.
    rlimit saved{};
    getrlimit(RLIMIT_NOFILE, &saved);
    rlimit low = saved;
    low.rlim_cur = std::min<rlim_t>(saved.rlim_cur, 128);
    ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
    struct Restore {
        rlimit limit;
        ~Restore() { setrlimit(RLIMIT_NOFILE, &limit); }
    } restore{saved};
    const std::size_t count = low.rlim_cur + 100;
    std::vector<std::unique_ptr<BlobWriter>> writers;
    std::vector<BlobWriter*> batch;
    for (std::size_t i = 0; i < count; ++i) {
        auto w = store.begin(1024);
        const std::string content = "tệp " + std::to_string(i);
        ASSERT_TRUE(w->write(content.data(), content.size()).ok());
        w->release();
        EXPECT_EQ(w->write("x", 1).error().code, ErrorCode::Conflict);
        batch.push_back(w.get());
        writers.push_back(std::move(w));
    }
    // One more, the same content as the first: kept once.
    auto again = store.begin(1024);
    ASSERT_TRUE(again->write("tệp 0", std::string("tệp 0").size()).ok());
    batch.push_back(again.get());

    auto results = store.commitAll(batch);
    ASSERT_EQ(results.size(), count + 1);
    for (std::size_t i = 0; i < count; ++i) {
        ASSERT_TRUE(results[i].ok());
        EXPECT_EQ(results[i]->sha256, Sha256::hex("tệp " + std::to_string(i)));
        EXPECT_TRUE(store.exists(results[i]->sha256));
    }
    EXPECT_TRUE(results[count]->alreadyExisted);
    EXPECT_EQ(filesIn(store.root() / "blobs"), count);
    EXPECT_EQ(filesIn(store.root() / "tmp"), 0u);
    EXPECT_TRUE(store.verify({}).orphans.size() == count);
}

TEST(BlobBatchTest, ReleasedButUncommittedWritersLeaveNothing) {
    test::TempDir dir;
    BlobStore store(dir.path() / "store");
    {
        auto w = store.begin(1024);
        ASSERT_TRUE(w->write("abc", 3).ok());
        w->release();
    }
    EXPECT_EQ(filesIn(store.root()), 0u);
}

TEST(BlobBatchTest, ReleasedWriterStillCommitsAlone) {
    test::TempDir dir;
    BlobStore store(dir.path() / "store");
    auto w = store.begin(1024);
    ASSERT_TRUE(w->write("abc", 3).ok());
    w->release();
    auto info = w->commit();
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->sha256, Sha256::hex("abc"));
    EXPECT_TRUE(store.exists(info->sha256));
}

}  // namespace
}  // namespace kc
