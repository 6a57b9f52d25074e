#include "archive/RarHeaders.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <iterator>

#include "ArchiveTestSupport.h"
#include "TempDir.h"

namespace kc {
namespace {

using test::archiveFixture;

const std::string kPdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
const std::string kDocx = "PK\x03\x04 not really a docx, only bytes for the test\n";

std::uint32_t crcOf(const std::string& s) {
    return static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

TEST(RarHeadersTest, ReadsEntriesOfBothVersions) {
    for (const char* name : {"normal-rar4.rar", "normal-rar5.rar"}) {
        SCOPED_TRACE(name);
        auto r = readRarHeaders(archiveFixture(name));
        ASSERT_TRUE(r.ok()) << r.error().message;
        ASSERT_TRUE(r.value().has_value());
        const RarHeaders& h = *r.value();
        EXPECT_FALSE(h.encryptedHeaders);
        ASSERT_EQ(h.entries.size(), 3u);  // the directory, then two files
        EXPECT_TRUE(h.entries[0].directory);
        EXPECT_FALSE(h.entries[1].directory);
        EXPECT_EQ(h.entries[1].crc32, crcOf(kPdf));
        EXPECT_EQ(h.entries[2].crc32, crcOf(kDocx));
        for (const auto& e : h.entries) EXPECT_FALSE(e.encrypted);
    }
}

TEST(RarHeadersTest, SeesEncryptedEntriesAndEncryptedNames) {
    for (const char* name : {"encrypted-rar4.rar", "encrypted-rar5.rar"}) {
        SCOPED_TRACE(name);
        auto r = readRarHeaders(archiveFixture(name));
        ASSERT_TRUE(r.ok() && r.value());
        ASSERT_EQ(r.value()->entries.size(), 1u);
        EXPECT_TRUE(r.value()->entries[0].encrypted);
    }
    for (const char* name : {"encrypted-names-rar4.rar", "encrypted-names-rar5.rar"}) {
        SCOPED_TRACE(name);
        auto r = readRarHeaders(archiveFixture(name));
        ASSERT_TRUE(r.ok() && r.value());
        EXPECT_TRUE(r.value()->encryptedHeaders);
        EXPECT_TRUE(r.value()->entries.empty());
    }
}

TEST(RarHeadersTest, OtherFilesAreNotRar) {
    for (const char* name : {"normal.zip", "normal.7z", "not-an-archive.bin"}) {
        SCOPED_TRACE(name);
        auto r = readRarHeaders(archiveFixture(name));
        ASSERT_TRUE(r.ok());
        EXPECT_FALSE(r.value().has_value());
    }
    EXPECT_EQ(readRarHeaders(archiveFixture("no-such.rar")).error().code, ErrorCode::NotFound);
}

// Cut inside the second file's header, and inside its data area: both are malformed (the
// first because a header is incomplete, the second because the data runs past the end).
TEST(RarHeadersTest, TruncatedArchivesAreInvalidInput) {
    test::TempDir dir;
    for (const char* name : {"normal-rar4.rar", "normal-rar5.rar"}) {
        const std::string bytes = slurp(archiveFixture(name));
        const std::size_t docx = bytes.find(kDocx);
        ASSERT_NE(docx, std::string::npos);
        for (std::size_t cut : {docx - 12, docx + 4}) {
            SCOPED_TRACE(std::string(name) + " cut at " + std::to_string(cut));
            std::ofstream(dir.file("cut.rar"), std::ios::binary) << bytes.substr(0, cut);
            auto r = readRarHeaders(dir.file("cut.rar"));
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
        }
    }
}

}  // namespace
}  // namespace kc
