#include "archive/ArchiveReader.h"

#include <gtest/gtest.h>

#include <cctype>
#include <clocale>
#include <fstream>
#include <stdexcept>

#include "ArchiveTestSupport.h"
#include "TempDir.h"

namespace kc {
namespace {

using test::archiveFixture;
using test::readAll;

const std::string kPdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
const std::string kDocx = "PK\x03\x04 not really a docx, only bytes for the test\n";

std::vector<std::string> paths(const test::ReadAll& r) {
    std::vector<std::string> out;
    for (const auto& e : r.entries) out.push_back(e.path);
    return out;
}

TEST(ArchiveReaderTest, ReadsVietnameseNamesAndSkipsDirectories) {
    auto r = readAll(archiveFixture("normal.zip"));
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_EQ(r.entries.size(), 3u);
    EXPECT_EQ(r.entries[0].path, "1.1.2 Kế hoạch/KH 97.pdf");
    EXPECT_EQ(r.entries[0].reason, "");
    EXPECT_EQ(r.entries[0].content, kPdf);
    EXPECT_EQ(r.entries[1].path, "1.1.3_Báo cáo.docx");
    EXPECT_EQ(r.entries[1].content, kDocx);
    EXPECT_EQ(r.entries[2].path, "Quyết định/QĐ 12 – Ủy ban nhân dân xã.pdf");
}

// Same tree in every container format we accept; tar ones start with a bare "./" entry, RAR
// ones (written as WinRAR on Windows does: "1.1.2 Kế hoạch\\KH 97.pdf" in RAR 4) with the
// directory's own entry.
TEST(ArchiveReaderTest, ReadsEveryEnabledFormat) {
    for (const char* name : {"normal.tar.gz", "normal.tar.xz", "normal.tar.bz2", "normal.7z",
                             "normal-rar4.rar", "normal-rar5.rar"}) {
        SCOPED_TRACE(name);
        auto r = readAll(archiveFixture(name));
        ASSERT_FALSE(r.error) << r.error->message;
        ASSERT_EQ(paths(r),
                  (std::vector<std::string>{"1.1.2 Kế hoạch/KH 97.pdf", "1.1.3_Báo cáo.docx"}));
        EXPECT_EQ(r.entries[0].content, kPdf);
        EXPECT_EQ(r.entries[1].content, kDocx);
    }
}

TEST(ArchiveReaderTest, NormalisesDecomposedNamesToNfc) {
    auto r = readAll(archiveFixture("nfd-names.zip"));
    ASSERT_FALSE(r.error);
    ASSERT_EQ(r.entries.size(), 1u);
    EXPECT_EQ(r.entries[0].path,
              "T\xe1\xbb\x9d tr\xc3\xacnh s\xe1\xbb\x91 5.pdf");  // Tờ trình số 5
}

// Five names in a row: a decoder that is not flushed per name shifts letters between them.
// The RAR 4 one is as old WinRAR writes names its code page holds: no Unicode flag, and '\\'.
TEST(ArchiveReaderTest, DecodesLegacyCp1258NamesWithoutShiftingLetters) {
    for (const char* name : {"legacy-cp1258.zip", "legacy-cp1258.rar"}) {
        SCOPED_TRACE(name);
        auto r = readAll(archiveFixture(name));
        ASSERT_FALSE(r.error) << r.error->message;
        ASSERT_EQ(paths(r), (std::vector<std::string>{
                                "Kế hoạch/KH 97.pdf", "Hồ sơ năm 2023/Báo cáo", "Tờ trình",
                                "Quyết định số 12.pdf", "Đánh giá cuối kỳ.docx"}));
        for (const auto& e : r.entries)
            EXPECT_EQ(e.content, e.path);  // the fixture stores each name as its content
    }
}

TEST(ArchiveReaderTest, FallsBackToCp437ForDosNames) {
    auto r = readAll(archiveFixture("legacy-cp437.zip"));
    ASSERT_FALSE(r.error) << r.error->message;
    EXPECT_EQ(paths(r), (std::vector<std::string>{"Hòa Bình/Báo cáo.txt", "Bình.txt"}));
}

// A name libarchive cannot give at all (the UTF-8 flag over CP1258 bytes) is refused, and the
// report still says which entry it was; the entries after it are read.
TEST(ArchiveReaderTest, AnEntryWithoutAReadableNameIsNamedByItsPlace) {
    auto r = readAll(archiveFixture("utf8-flag-cp1258.zip"));
    ASSERT_FALSE(r.error) << r.error->message;
    ASSERT_EQ(r.entries.size(), 2u);
    EXPECT_EQ(r.entries[0].reason, "bad_name");
    EXPECT_EQ(r.entries[0].path, "(mục thứ 1 trong tệp nén, không đọc được tên)");
    EXPECT_EQ(r.entries[1].path, "1.1.2 Kế hoạch/KH 97.pdf");
    EXPECT_EQ(r.entries[1].reason, "");
}

struct HostileCase {
    std::string fixture;
    std::vector<std::pair<std::string, std::string>> expected;  // path, reason code ("" = ok)
};

void PrintTo(const HostileCase& c, std::ostream* os) {
    *os << c.fixture;
}

class HostileArchiveTest : public ::testing::TestWithParam<HostileCase> {};

// Every entry comes back with its exact reason, and reading goes on after a refused entry.
TEST_P(HostileArchiveTest, RefusesEntryWithExactReason) {
    const HostileCase& c = GetParam();
    auto r = readAll(archiveFixture(c.fixture));
    ASSERT_FALSE(r.error) << r.error->message;
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& e : r.entries) got.emplace_back(e.path, e.reason);
    EXPECT_EQ(got, c.expected);
}

// libarchive's zip reader turns '\' into '/' in every zip, so zip backslash tricks meet the
// slash rules ("..\x" -> parent_directory, "C:\x" -> drive_letter); tar keeps the bytes.
INSTANTIATE_TEST_SUITE_P(
    Fixtures, HostileArchiveTest,
    ::testing::Values(
        HostileCase{"traversal.zip", {{"ok.txt", ""}, {"../evil.txt", "parent_directory"}}},
        HostileCase{"absolute.zip", {{"/etc/x", "absolute_path"}}},
        HostileCase{"drive-letter.zip", {{"C:/x", "drive_letter"}}},
        HostileCase{"backslash.zip", {{"../x", "parent_directory"}}},
        HostileCase{"backslash.tar", {{"..\\x", "backslash"}, {"thư mục\\tệp.txt", "backslash"}}},
        HostileCase{"symlink.tar", {{"liên kết", "symlink"}}},
        HostileCase{"symlink.zip", {{"liên kết", "symlink"}}},
        HostileCase{"hardlink.tar", {{"a.txt", ""}, {"b.txt", "hardlink"}}},
        HostileCase{"special.tar",
                    {{"fifo", "fifo"}, {"chardev", "device"}, {"blockdev", "device"}}},
        HostileCase{"encrypted.zip", {{"mật khẩu.txt", "encrypted"}}},
        // libarchive 3.6 marks the RAR 4 one itself but not the RAR 5 one (RarHeaders.h).
        HostileCase{"encrypted-rar4.rar", {{"mật khẩu.txt", "encrypted"}}},
        HostileCase{"encrypted-rar5.rar", {{"mật khẩu.txt", "encrypted"}}},
        HostileCase{
            "encrypted.7z",
            {{"1.1.2 Kế hoạch/KH 97.pdf", "encrypted"}, {"1.1.3_Báo cáo.docx", "encrypted"}}}),
    [](const ::testing::TestParamInfo<HostileCase>& info) {
        std::string name;
        for (char ch : info.param.fixture)
            name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
        return name;
    });

TEST(ArchiveReaderTest, TreatsNestedArchiveAsOrdinaryFile) {
    auto r = readAll(archiveFixture("nested.zip"));
    ASSERT_FALSE(r.error);
    ASSERT_EQ(r.entries.size(), 1u);
    EXPECT_EQ(r.entries[0].path, "hồ sơ con.zip");
    std::ifstream inner(archiveFixture("inner-of-nested.zip"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(inner)), {});
    EXPECT_EQ(r.entries[0].content, bytes);
}

TEST(ArchiveReaderTest, YieldsEmptyFilesForTheCallerToJudge) {
    auto r = readAll(archiveFixture("empty-entry.zip"));
    ASSERT_FALSE(r.error);
    ASSERT_EQ(r.entries.size(), 2u);
    EXPECT_EQ(r.entries[0].path, "rỗng.txt");
    EXPECT_EQ(r.entries[0].reason, "");
    EXPECT_EQ(r.entries[0].content, "");
    EXPECT_EQ(r.entries[1].content, "x\n");
}

TEST(ArchiveReaderTest, CorruptArchivesAreInvalidInput) {
    // crc-rar*: a stored entry's bytes damaged, which only its CRC-32 shows and libarchive 3.6
    // does not check.
    for (const char* name : {"truncated.zip", "corrupt-data.zip", "not-an-archive.bin",
                             "crc-rar4.rar", "crc-rar5.rar"}) {
        SCOPED_TRACE(name);
        auto r = readAll(archiveFixture(name));
        ASSERT_TRUE(r.error);
        EXPECT_EQ(r.error->code, ErrorCode::InvalidInput);
        EXPECT_FALSE(r.error->message.empty());
    }
}

// "Encrypt file names" (WinRAR, 7-Zip): libarchive only says it cannot read the archive; the
// user is told why.
TEST(ArchiveReaderTest, EncryptedNamesSaySo) {
    for (const char* name :
         {"encrypted-names-rar4.rar", "encrypted-names-rar5.rar", "encrypted-names.7z"}) {
        SCOPED_TRACE(name);
        auto r = readAll(archiveFixture(name));
        ASSERT_TRUE(r.error);
        EXPECT_EQ(r.error->code, ErrorCode::InvalidInput);
        EXPECT_NE(r.error->message.find("mật khẩu"), std::string::npos) << r.error->message;
    }
}

TEST(ArchiveReaderTest, DamagedStoredRarEntryStopsAtItsCrc) {
    auto r = readAll(archiveFixture("crc-rar5.rar"));
    ASSERT_TRUE(r.error);
    ASSERT_EQ(r.error->details.size(), 1u);
    EXPECT_EQ(r.error->details[0].path, "1.1.2 Kế hoạch/KH 97.pdf");
}

TEST(ArchiveReaderTest, EmptyFileIsNotAnArchive) {
    test::TempDir dir;
    std::ofstream(dir.file("empty.zip")).close();
    auto r = readAll(dir.file("empty.zip"));
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->code, ErrorCode::InvalidInput);
}

TEST(ArchiveReaderTest, MissingFileIsNotFound) {
    auto r = ArchiveReader::open(archiveFixture("no-such.zip"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::NotFound);
}

TEST(ArchiveReaderTest, ErrorIsStickyAfterCorruption) {
    auto reader = ArchiveReader::open(archiveFixture("corrupt-data.zip"));
    ASSERT_TRUE(reader.ok());
    auto entry = (*reader)->next();
    ASSERT_TRUE(entry.ok() && entry->has_value());
    auto sink = [](const char*, std::size_t) -> Status { return Ok{}; };
    auto read = (*reader)->readData(sink);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::InvalidInput);
    auto again = (*reader)->next();
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::InvalidInput);
}

TEST(ArchiveReaderTest, SinkErrorStopsReading) {
    auto reader = ArchiveReader::open(archiveFixture("normal.zip"));
    ASSERT_TRUE(reader.ok());
    ASSERT_TRUE((*reader)->next().ok());
    auto read = (*reader)->readData([](const char*, std::size_t) -> Status {
        return Error{ErrorCode::TooLarge, "blob store full", {}};
    });
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().message, "blob store full");
}

TEST(ArchiveReaderTest, ReadDataWithoutAcceptedEntryIsConflict) {
    auto reader = ArchiveReader::open(archiveFixture("symlink.tar"));
    ASSERT_TRUE(reader.ok());
    auto sink = [](const char*, std::size_t) -> Status { return Ok{}; };
    EXPECT_EQ((*reader)->readData(sink).error().code, ErrorCode::Conflict);
    auto entry = (*reader)->next();
    ASSERT_TRUE(entry.ok() && entry->has_value() && !(*entry)->accepted());
    EXPECT_EQ((*reader)->readData(sink).error().code, ErrorCode::Conflict);
}

TEST(ArchiveReaderTest, UnreadEntriesAreSkipped) {
    auto reader = ArchiveReader::open(archiveFixture("normal.zip"));
    ASSERT_TRUE(reader.ok());
    int count = 0;
    for (;;) {
        auto entry = (*reader)->next();
        ASSERT_TRUE(entry.ok());
        if (!entry->has_value())
            break;
        ++count;
    }
    EXPECT_EQ(count, 3);
    EXPECT_EQ((*reader)->formatName(), "ZIP 2.0 (deflation)");
}

TEST(ArchiveReaderTest, SkipDataCountsTheBytesItDoesNotDeliver) {
    auto reader = ArchiveReader::open(archiveFixture("normal.zip"));
    ASSERT_TRUE(reader.ok());
    auto sink = [](const char*, std::size_t) -> Status { return Ok{}; };
    EXPECT_EQ((*reader)->skipData().error().code, ErrorCode::Conflict);
    auto first = (*reader)->next();
    ASSERT_TRUE(first.ok() && first->has_value());
    auto skipped = (*reader)->skipData();
    ASSERT_TRUE(skipped.ok()) << skipped.error().message;
    EXPECT_EQ(*skipped, std::optional<std::uint64_t>(48));
    EXPECT_EQ((*reader)->skipData().error().code, ErrorCode::Conflict);
    EXPECT_EQ((*reader)->readData(sink).error().code, ErrorCode::Conflict);
    auto second = (*reader)->next();  // reading goes on from the next entry
    ASSERT_TRUE(second.ok() && second->has_value());
    EXPECT_EQ((**second).path, "1.1.3_Báo cáo.docx");
    auto read = (*reader)->readData(sink);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(*read, 48u);
}

TEST(ArchiveReaderTest, RequiresUtf8Locale) {
    std::setlocale(LC_ALL, "C");
    EXPECT_THROW((void)ArchiveReader::open(archiveFixture("normal.zip")), std::logic_error);
    std::setlocale(LC_ALL, "C.UTF-8");
}

}  // namespace
}  // namespace kc
