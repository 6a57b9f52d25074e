#include "ArchiveUpload.h"
#include "EvidenceTestServer.h"
#include "FileSizeLimit.h"
#include "Noise.h"
#include "SqliteFullDisk.h"

namespace kc::test {
namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

// A disk that fills up part way through an upload or an archive import (FileSizeLimit: the
// limit is the process's, for every file, so it is set only around the request).
class EvidenceWriteFailureTest : public ::testing::Test {
protected:
    void SetUp() override {
        (void)s.unitUser();  // logged in (database writes) while there is room
        (void)s.clerk();
    }
    void expectNothingStored() {
        EXPECT_EQ(s.storedCount(), 0);
        EXPECT_EQ(s.filesUnder("tmp"), 0);
        EXPECT_EQ(s.filesUnder("blobs"), 0);
    }
    // Sends an upload with writes past `bytes` failing.
    HttpResult uploadWithRoomFor(rlim_t bytes, const std::string& name,
                                 const std::string& content) {
        FileSizeLimit full(bytes);
        return s.upload("1.1.1", {{"file", name, content}});
    }
    HttpResult archiveWithRoomFor(rlim_t bytes, const std::string& zip) {
        FileSizeLimit full(bytes);
        return uploadArchive(s, "Hồ sơ 2022.zip", zip);
    }

    EvidenceServer s;
};

TEST_F(EvidenceWriteFailureTest, AnUploadThatCannotBeWrittenIsAClearErrorAndLeavesNothing) {
    const std::string big = kPdf + std::string(12 << 20, 'x');
    auto r = uploadWithRoomFor(8 << 20, "Bản quét.pdf", big);
    EXPECT_EQ(r.status, 507) << r.dump();
    EXPECT_EQ(r.errorCode(), "insufficient_storage") << r.dump();
    expectNothingStored();
    // Room again: the same upload goes through.
    EXPECT_EQ(s.upload("1.1.1", {{"file", "Bản quét.pdf", big}}).status, 201);
}

// Small when packed, too large for the disk once unpacked: the upload is spooled, two entries
// are written, the third fails. The archive is imported whole or not at all.
TEST_F(EvidenceWriteFailureTest, AnArchiveThatCannotBeUnpackedIsAClearErrorAndLeavesNothing) {
    const std::string zip = makeZip({{"1.1.1 Kế hoạch/a.pdf", kPdf + std::string(1 << 20, 'a')},
                                     {"1.1.1 Kế hoạch/b.pdf", kPdf + std::string(1 << 20, 'b')},
                                     {"1.1.2_Báo cáo.pdf", kPdf + std::string(12 << 20, 'c')}});
    ASSERT_LT(zip.size(), 1u << 20);
    auto r = archiveWithRoomFor(8 << 20, zip);
    EXPECT_EQ(r.status, 507) << r.dump();
    EXPECT_EQ(r.errorCode(), "insufficient_storage") << r.dump();
    expectNothingStored();

    auto again = uploadArchive(s, "Hồ sơ 2022.zip", zip);
    EXPECT_EQ(again.status, 201) << again.dump();
    EXPECT_EQ(s.storedCount(), 3);
}

// The archive itself does not fit (it is spooled to disk before it is read).
TEST_F(EvidenceWriteFailureTest, AnArchiveThatCannotBeSpooledIsAClearErrorAndLeavesNothing) {
    const std::string zip = makeZip({{"1.1.1 Kế hoạch/scan.pdf", kPdf + noise(12 << 20)}});
    ASSERT_GT(zip.size(), 10u << 20);
    auto r = archiveWithRoomFor(8 << 20, zip);
    EXPECT_EQ(r.status, 507) << r.dump();
    EXPECT_EQ(r.errorCode(), "insufficient_storage") << r.dump();
    expectNothingStored();
}

// The disk fills up just as the database records an upload whose file is already stored
// (SqliteFullDisk: the database's writes fail as on a full disk; the file's do not). Nothing is
// recorded, and the stored file is an orphan until the same upload, with room again, records it.
TEST(EvidenceDatabaseFullTest, AnUploadTheDatabaseCannotRecordIsAClearErrorAndRecordsNothing) {
    SqliteFullDisk disk;  // outlives the server's connections
    EvidenceServer s;
    (void)s.unitUser();
    (void)s.clerk();

    disk.full(true);
    auto r = s.upload("1.1.1", {{"file", "Kế hoạch 97-KH-UBND.pdf", kPdf}});
    disk.full(false);
    EXPECT_EQ(r.status, 507) << r.dump();
    EXPECT_EQ(r.errorCode(), "insufficient_storage") << r.dump();
    EXPECT_EQ(s.storedCount(), 0);
    EXPECT_EQ(s.filesUnder("tmp"), 0);
    EXPECT_EQ(s.filesUnder("blobs"), 1);  // stored before the database refused it

    auto again = s.upload("1.1.1", {{"file", "Kế hoạch 97-KH-UBND.pdf", kPdf}});
    EXPECT_EQ(again.status, 201) << again.dump();
    EXPECT_EQ(s.storedCount(), 1);
    EXPECT_EQ(s.filesUnder("blobs"), 1);
}

}  // namespace
}  // namespace kc::test
