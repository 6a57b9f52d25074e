#include "storage/MediaType.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <thread>
#include <vector>

#include "Noise.h"
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

// libmagic's built-in text, encoding, CSV and JSON checks decide these: a flag that skips one
// of them (MAGIC_NO_CHECK_TEXT, _ENCODING, _CSV, _JSON) changes the answer.
TEST(MediaTypeTest, TellsTextCsvAndJson) {
    const std::string text =
        "Báo cáo tự đánh giá năm 2022\nTiêu chí 1.1.1: Đơn vị đã ban hành kế hoạch.\n";
    EXPECT_EQ(detectMediaType(text.data(), text.size()), "text/plain");
    const std::string csv = "ma,ten,diem\n1,Đơn vị 1,3\n2,Đơn vị 2,6\n3,Đơn vị 3,9\n";
    EXPECT_EQ(detectMediaType(csv.data(), csv.size()), "text/csv");
    const std::string json = "{\"a\": [1, 2, {\"b\": \"c\"}]}\n";
    EXPECT_EQ(detectMediaType(json.data(), json.size()), "application/json");
    std::string random(64 * 1024, '\0');
    std::uint32_t x = 12345;
    for (char& c : random) c = static_cast<char>((x = x * 1664525u + 1013904223u) >> 24);
    EXPECT_EQ(detectMediaType(random.data(), random.size()), "application/octet-stream");
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

// A handle holds ~8 MB of libmagic's database: threads that detect one after another share one,
// however many threads there are (a request thread pool of 64 must not mean 64 handles).
TEST(MediaTypeTest, ThreadsThatTakeTurnsShareOneHandle) {
    (void)detectMediaType(kPdf.data(), kPdf.size());
    const std::size_t before = mediaTypeHandlesOpened();
    for (int i = 0; i < 8; ++i)
        std::thread([] {
            EXPECT_EQ(detectMediaType(kPdf.data(), kPdf.size()), "application/pdf");
        }).join();
    EXPECT_EQ(mediaTypeHandlesOpened(), before);
}

// Many calls at once (uploads starting together) open no more handles than there are cores;
// the others wait for one, and every answer is right.
TEST(MediaTypeTest, CallsAtOnceOpenAtMostOneHandlePerCore) {
    const std::string random = test::noise(kMediaTypeBytes);  // walks every rule: the slowest
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    std::vector<std::string> results(32);
    for (std::size_t i = 0; i < results.size(); ++i)
        threads.emplace_back([&, i] {
            while (!go) std::this_thread::yield();
            results[i] = i % 2 ? detectMediaType(kPdf.data(), kPdf.size())
                               : detectMediaType(random.data(), random.size());
        });
    go = true;
    for (auto& t : threads) t.join();
    for (std::size_t i = 0; i < results.size(); ++i)
        EXPECT_EQ(results[i], i % 2 ? "application/pdf" : "application/octet-stream") << i;
    EXPECT_LE(mediaTypeHandlesOpened(), std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace
}  // namespace kc
