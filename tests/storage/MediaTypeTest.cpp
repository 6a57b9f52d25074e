#include "storage/MediaType.h"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "TempDir.h"

namespace kc {
namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

TEST(MediaTypeTest, DetectsFromContentNotName) {
    test::TempDir dir;
    std::ofstream(dir.file("bao-cao.docx"), std::ios::binary) << kPdf;
    EXPECT_EQ(detectMediaType(dir.file("bao-cao.docx")), "application/pdf");
    EXPECT_EQ(detectMediaType(std::string(KC_SOURCE_DIR) + "/tests/fixtures/archives/normal.zip"),
              "application/zip");
}

TEST(MediaTypeTest, DetectsFromBuffer) {
    EXPECT_EQ(detectMediaType(kPdf.data(), kPdf.size()), "application/pdf");
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 29);
    EXPECT_EQ(detectMediaType(png.data(), png.size()), "image/png");
}

TEST(MediaTypeTest, UnreadableIsOctetStream) {
    EXPECT_EQ(detectMediaType("/nonexistent/kc-media-type-test"), "application/octet-stream");
}

TEST(MediaTypeTest, WorksFromManyThreads) {
    std::vector<std::thread> threads;
    std::vector<std::string> results(4);
    for (std::size_t i = 0; i < results.size(); ++i)
        threads.emplace_back([&, i] { results[i] = detectMediaType(kPdf.data(), kPdf.size()); });
    for (auto& t : threads) t.join();
    for (const auto& r : results) EXPECT_EQ(r, "application/pdf");
}

}  // namespace
}  // namespace kc
