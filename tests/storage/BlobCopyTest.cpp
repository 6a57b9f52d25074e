#include <gtest/gtest.h>

#include <fstream>

#include "BlobStoreFixture.h"
#include "ExfatDrive.h"
#include "Noise.h"
#include "core/Sha256.h"

namespace kc {
namespace {

namespace fs = std::filesystem;

// BlobStore::copyFrom(), what `kiemchung backup` copies files with: from `store` (the
// fixture's, the live storage) into `backup`.
class BlobCopyTest : public test::BlobStoreFixture {
protected:
    BlobStore backup{dir.path() / "backup"};

    std::string put(const std::string& content) {
        auto writer = store.begin(1 << 30);
        EXPECT_TRUE(writer->write(content.data(), content.size()).ok());
        return writer->commit().value().sha256;
    }

    void overwrite(const std::string& sha, const std::string& content) {
        fs::permissions(store.path(sha), fs::perms::owner_write, fs::perm_options::add);
        std::ofstream(store.path(sha), std::ios::binary | std::ios::trunc) << content;
    }

    std::size_t backupTemps() const {
        return static_cast<std::size_t>(
            std::distance(fs::directory_iterator(backup.root() / "tmp"), fs::directory_iterator()));
    }
};

TEST_F(BlobCopyTest, CopiesEachNamedBlobOnceAndOnlyWhatIsNotThereYet) {
    const std::string large = test::noise(3 * 1024 * 1024 + 5);  // past the inline-hash MiB
    const std::string a = put("Kế hoạch 97/KH-UBND"), b = put(large), c = put("third");

    BlobCopyReport first = backup.copyFrom(store, {a, b, a});
    EXPECT_TRUE(first.ok());
    EXPECT_EQ(first.copied, 2u);
    EXPECT_EQ(first.bytesCopied, large.size() + std::string("Kế hoạch 97/KH-UBND").size());
    EXPECT_EQ(first.present, 0u);
    EXPECT_TRUE(backup.verify({a, b}).ok());
    EXPECT_FALSE(backup.exists(c));

    BlobCopyReport second = backup.copyFrom(store, {a, b, c});
    EXPECT_TRUE(second.ok());
    EXPECT_EQ(second.copied, 1u);
    EXPECT_EQ(second.present, 2u);
    EXPECT_TRUE(backup.verify({a, b, c}).ok());
    EXPECT_EQ(backupTemps(), 0u);
}

// Every problem is listed and nothing wrong is copied; the healthy blob still is.
TEST_F(BlobCopyTest, ListsMissingCorruptAndDifferentAndCopiesTheRest) {
    const std::string good = put("good"), tampered = put("tampered later"),
                      truncated = put(test::noise(2 * 1024 * 1024)), damaged = put("damaged copy");
    const std::string missing = Sha256::hex("never stored");
    overwrite(tampered, "tampered LATER");  // same size, other content
    overwrite(truncated, "short");
    // The backup holds a damaged copy (another size) from an earlier run.
    fs::create_directories(fs::path(backup.path(damaged)).parent_path());
    std::ofstream(backup.path(damaged)) << "bit rot";

    BlobCopyReport r = backup.copyFrom(store, {good, tampered, truncated, damaged, missing});
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.copied, 1u);
    EXPECT_EQ(r.missing, std::vector<std::string>{missing});
    std::vector<std::string> corrupt{tampered, truncated};
    std::sort(corrupt.begin(), corrupt.end());
    EXPECT_EQ(r.corrupt, corrupt);
    EXPECT_EQ(r.different, std::vector<std::string>{damaged});
    EXPECT_TRUE(backup.exists(good));
    EXPECT_FALSE(backup.exists(tampered));
    EXPECT_FALSE(backup.exists(truncated));
    // Nothing stored under the tampered content's own name either: no orphan in the backup.
    EXPECT_TRUE(backup.verify({good, damaged}).orphans.empty());
    EXPECT_EQ(backupTemps(), 0u);
}

// A backup onto an exFAT drive through FUSE: no atomic no-replace rename, no hard links, no
// read-only mode. Blobs are stored there all the same, each once, and verify.
TEST_F(BlobCopyTest, CopiesOntoAnExfatDrive) {
    test::ExfatDrive drive;
    if (drive.path().empty())
        GTEST_SKIP() << "no exFAT drive here: " << drive.why();
    const std::string a = put("Kế hoạch 97/KH-UBND"), b = put(test::noise(3 * 1024 * 1024));
    const BlobStore usb(drive.path() / "sao lưu");

    BlobCopyReport r = usb.copyFrom(store, {a, b});
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.copied, 2u);
    EXPECT_TRUE(usb.verify({a, b}).ok());
    EXPECT_EQ(usb.copyFrom(store, {a, b}).present, 2u);

    // One at a time as well (commit(): the file and directory fsyncs), and the same content
    // again is kept once.
    for (bool existed : {false, true}) {
        auto writer = usb.begin(1 << 20);
        ASSERT_TRUE(writer->write("third", 5).ok());
        auto info = writer->commit();
        ASSERT_TRUE(info.ok()) << info.error().message;
        EXPECT_EQ(info->alreadyExisted, existed);
    }
    EXPECT_TRUE(usb.verify({a, b, Sha256::hex("third")}).ok());
}

}  // namespace
}  // namespace kc
