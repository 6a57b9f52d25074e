#include "storage/BlobContentStore.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "TempDir.h"
#include "core/Sha256.h"
#include "storage/MediaType.h"

namespace kc {
namespace {

namespace fs = std::filesystem;

// Files larger than the 64 KiB libmagic examines (tests/fixtures/media/make-media.py), each
// with the type it must be stored as.
const std::pair<const char*, const char*> kSamples[] = {
    {"media/sample.pdf", "application/pdf"},
    {"media/sample.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"media/sample.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"media/sample.jpg", "image/jpeg"},
    {"media/sample.png", "image/png"},
    {"archives/normal.zip", "application/zip"},
};

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(KC_SOURCE_DIR) + "/tests/fixtures/" + name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Writes content in small pieces, so that the head the type is detected from spans many writes.
std::unique_ptr<ContentWriter> writeAll(ContentStore& store, const std::string& content) {
    auto w = store.begin(1 << 20);
    for (std::size_t at = 0; at < content.size(); at += 1000)
        EXPECT_TRUE(w->write(content.data() + at, std::min<std::size_t>(1000, content.size() - at))
                        .ok());
    return w;
}

class BlobContentStoreTest : public ::testing::Test {
protected:
    test::TempDir dir;
    BlobStore blobs{dir.path() / "store"};
    BlobContentStore store{blobs};
};

TEST_F(BlobContentStoreTest, DetectsTypesFromTheFirstBytesOfLargeFiles) {
    for (const auto& [name, type] : kSamples) {
        const std::string content = fixture(name);
        if (std::string(name).rfind("media/", 0) == 0) {
            ASSERT_GT(content.size(), kMediaTypeBytes) << name;
        }
        auto stored = writeAll(store, content)->commit();
        ASSERT_TRUE(stored.ok()) << name;
        EXPECT_EQ(stored->mediaType, type) << name;
        EXPECT_EQ(stored->sha256, Sha256::hex(content)) << name;
        // The same answer as examining the stored file.
        EXPECT_EQ(detectMediaType(blobs.path(stored->sha256)), type) << name;
    }
}

// Archive imports release their writers and commit them as one batch: the type is detected
// at release (the content is complete then) and the writers keep no head while they wait.
TEST_F(BlobContentStoreTest, ReleasedWritersCommittedAsABatchKeepTheirTypes) {
    std::vector<std::unique_ptr<ContentWriter>> writers;
    std::vector<ContentWriter*> batch;
    for (const auto& sample : kSamples) {
        writers.push_back(writeAll(store, fixture(sample.first)));
        writers.back()->release();
        batch.push_back(writers.back().get());
    }
    auto results = store.commitAll(batch);
    ASSERT_EQ(results.size(), std::size(kSamples));
    for (std::size_t i = 0; i < results.size(); ++i) {
        ASSERT_TRUE(results[i].ok()) << kSamples[i].first;
        EXPECT_EQ(results[i]->mediaType, kSamples[i].second) << kSamples[i].first;
        EXPECT_TRUE(blobs.exists(results[i]->sha256));
    }
}

TEST_F(BlobContentStoreTest, ShortAndUnknownContent) {
    auto text = writeAll(store, "Báo cáo kết quả CCHC năm 2022\n")->commit();
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(text->mediaType, "text/plain");
    std::mt19937 random(2022);
    std::string noise(300 * 1024, '\0');
    for (char& c : noise) c = static_cast<char>(random());
    auto binary = writeAll(store, noise)->commit();
    ASSERT_TRUE(binary.ok());
    EXPECT_EQ(binary->mediaType, "application/octet-stream");
    EXPECT_EQ(writeAll(store, "")->commit().error().code, ErrorCode::InvalidInput);
}

}  // namespace
}  // namespace kc
