#include "archive/ArchiveWriter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "ArchiveTestSupport.h"
#include "Noise.h"
#include "TempDir.h"
#include "ZipMethods.h"

namespace kc {
namespace {

ByteSource fromString(const std::string& content) {
    auto offset = std::make_shared<std::size_t>(0);
    return [content, offset](char* buffer, std::size_t capacity) -> Result<std::size_t> {
        std::size_t n = std::min(capacity, content.size() - *offset);
        content.copy(buffer, n, *offset);
        *offset += n;
        return n;
    };
}

class ArchiveWriterTest : public ::testing::Test {
protected:
    test::TempDir dir;
    std::string zipPath = dir.file("export.zip");
    std::ofstream out{zipPath, std::ios::binary};
    std::uint64_t sinkCalls = 0;
    std::size_t largestWrite = 0;

    std::unique_ptr<ArchiveWriter> open() {
        auto writer = ArchiveWriter::openZip([this](const char* d, std::size_t n) -> Status {
            ++sinkCalls;
            largestWrite = std::max(largestWrite, n);
            out.write(d, static_cast<std::streamsize>(n));
            return Ok{};
        });
        EXPECT_TRUE(writer.ok());
        return std::move(*writer);
    }
};

TEST_F(ArchiveWriterTest, RoundTripsVietnameseNamesAndContentInBoundedBlocks) {
    auto writer = open();
    const std::string big = test::noise(3 << 20);  // the deflated entry spans many blocks
    ASSERT_TRUE(writer->add("1.1.2 Kế hoạch/KH 97.pdf", 5, fromString("%PDF-")).ok());
    ASSERT_TRUE(writer->add("Quyết định.docx", big.size(), fromString(big), 1684315800).ok());
    ASSERT_TRUE(writer->close().ok());
    out.close();

    auto r = test::readAll(zipPath);
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_EQ(r.entries.size(), 2u);
    EXPECT_EQ(r.entries[0].path, "1.1.2 Kế hoạch/KH 97.pdf");
    EXPECT_EQ(r.entries[0].content, "%PDF-");
    EXPECT_EQ(r.entries[1].path, "Quyết định.docx");
    EXPECT_EQ(r.entries[1].content, big);
    EXPECT_GT(sinkCalls, 40u);
    EXPECT_LE(largestWrite, 64u * 1024);
}

// General-purpose flag bit 11 in the first local header: the name is UTF-8.
TEST_F(ArchiveWriterTest, SetsTheUtf8NameFlag) {
    auto writer = open();
    ASSERT_TRUE(writer->add("Báo cáo.txt", 1, fromString("x")).ok());
    ASSERT_TRUE(writer->close().ok());
    out.close();
    std::ifstream in(zipPath, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    ASSERT_GE(bytes.size(), 30u);
    ASSERT_EQ(bytes.substr(0, 4), "PK\x03\x04");
    EXPECT_TRUE(static_cast<unsigned char>(bytes[7]) & 0x08);
    EXPECT_NE(bytes.find("Báo cáo.txt"), std::string::npos);
    EXPECT_EQ(bytes.substr(bytes.size() - 22, 4), "PK\x05\x06");  // no padding after the end
}

// Method per entry, in any order; both read back unchanged.
TEST_F(ArchiveWriterTest, StoresOrDeflatesEachEntryAsAsked) {
    auto writer = open();
    const std::string text(100'000, 'a');
    ASSERT_TRUE(writer->add("a.txt", text.size(), fromString(text), 0, ZipMethod::Deflate).ok());
    ASSERT_TRUE(writer->add("b.pdf", text.size(), fromString(text), 0, ZipMethod::Store).ok());
    ASSERT_TRUE(writer->add("c.txt", text.size(), fromString(text)).ok());  // the default
    ASSERT_TRUE(writer->close().ok());
    out.close();
    std::ifstream in(zipPath, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    auto methods = test::zipMethods(bytes);
    EXPECT_EQ(methods, (std::map<std::string, int>{{"a.txt", 8}, {"b.pdf", 0}, {"c.txt", 8}}));
    EXPECT_GT(bytes.size(), text.size());         // the stored copy is all there
    EXPECT_LT(bytes.size(), text.size() + 2000);  // the deflated ones are not
    auto r = test::readAll(zipPath);
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_EQ(r.entries.size(), 3u);
    for (const auto& e : r.entries) EXPECT_EQ(e.content, text) << e.path;
}

TEST_F(ArchiveWriterTest, RefusesUnsafePathsAndDuplicates) {
    auto writer = open();
    EXPECT_EQ(writer->add("../x", 1, fromString("x")).error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(writer->add("/x", 1, fromString("x")).error().code, ErrorCode::InvalidInput);
    ASSERT_TRUE(writer->add("a.txt", 1, fromString("x")).ok());
    EXPECT_EQ(writer->add("./a.txt", 1, fromString("x")).error().code, ErrorCode::Duplicate);
    EXPECT_TRUE(writer->close().ok());
}

TEST_F(ArchiveWriterTest, SizeMismatchFailsTheArchive) {
    auto writer = open();
    EXPECT_EQ(writer->add("short.txt", 10, fromString("abc")).error().code,
              ErrorCode::InvalidInput);
    EXPECT_EQ(writer->add("next.txt", 1, fromString("x")).error().code, ErrorCode::Conflict);
    EXPECT_EQ(writer->close().error().code, ErrorCode::Conflict);
}

TEST_F(ArchiveWriterTest, LongerSourceFails) {
    auto writer = open();
    EXPECT_EQ(writer->add("long.txt", 2, fromString("abc")).error().code, ErrorCode::InvalidInput);
}

TEST_F(ArchiveWriterTest, SinkErrorIsReturned) {
    auto writer = ArchiveWriter::openZip([](const char*, std::size_t) -> Status {
        return Error{ErrorCode::Conflict, "client went away", {}};
    });
    ASSERT_TRUE(writer.ok());
    Status st = (*writer)->add("a.txt", 1, fromString("x"));
    if (st.ok())
        st = (*writer)->close();
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().message, "client went away");
}

TEST_F(ArchiveWriterTest, AbandonedWriterDoesNotTouchTheSink) {
    auto writer = open();
    ASSERT_TRUE(writer->add("a.txt", 1, fromString("x")).ok());
    const std::uint64_t before = sinkCalls;
    writer.reset();
    EXPECT_EQ(sinkCalls, before);
}

}  // namespace
}  // namespace kc
