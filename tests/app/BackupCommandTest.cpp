#include "app/BackupCommand.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "FileSizeLimit.h"
#include "KernelFixture.h"
#include "Noise.h"
#include "app/Commands.h"

namespace kc {
namespace {

namespace fs = std::filesystem;

// `kiemchung backup DIR` over a kernel with the demo year and two evidence files of XA16.
class BackupCommandTest : public test::DemoKernelTest {
protected:
    BackupCommandTest() {
        upload("Kế hoạch 97/KH-UBND");
        upload("Báo cáo 12/BC-UBND");
    }

    int backup(const std::string& target, std::string& output) {
        std::ostringstream out;
        int rc = runBackup(*kernel, {"backup", target}, out);
        output = out.str();
        return rc;
    }

    // The backup opened as a storage directory, as a restore would: `verify`'s exit code and
    // output, and the files its database records.
    int verifyBackup(const fs::path& backupDir, std::string& output,
                     std::set<std::string>* recorded = nullptr) {
        Config c = config;
        c.storageDir = backupDir.string();
        c.databasePath = (backupDir / "kiemchung.db").string();
        Kernel restored(c, clock);
        std::ostringstream out;
        int rc = runVerify(restored, out);
        output = out.str();
        if (recorded) {
            auto shas = restored.evidence().blobShas();
            EXPECT_TRUE(shas.ok());
            recorded->insert(shas->begin(), shas->end());
        }
        return rc;
    }

    std::set<std::string> liveShas() {
        auto shas = kernel->evidence().blobShas();
        return {shas->begin(), shas->end()};
    }
};

TEST_F(BackupCommandTest, ABackupIsAStorageDirectoryThatVerifiesWithTheSameFiles) {
    const fs::path target = dir.path() / "sao lưu";
    std::string out;
    ASSERT_EQ(backup(target.string(), out), 0) << out;
    EXPECT_NE(out.find("files recorded: 2; copied 2"), std::string::npos) << out;
    EXPECT_NE(out.find("backup complete: " + target.string()), std::string::npos) << out;
    EXPECT_TRUE(fs::is_empty(target / "tmp"));
    EXPECT_TRUE(fs::is_regular_file(target / "kiemchung-backup"));

    std::set<std::string> recorded;
    EXPECT_EQ(verifyBackup(target, out, &recorded), 0) << out;
    EXPECT_NE(out.find("all present and intact"), std::string::npos) << out;
    EXPECT_EQ(recorded, liveShas());
}

// Another server's storage directory looks like a backup (kiemchung.db, blobs/): `backup` took
// it for one and replaced its database.
TEST_F(BackupCommandTest, RefusesAnotherLiveStorageDirectory) {
    Config other = config;
    other.storageDir = dir.file("other");
    other.databasePath = dir.file("other/kiemchung.db");
    auto otherKernel = std::make_unique<Kernel>(other, clock);  // open: its WAL files exist
    std::string out;
    EXPECT_EQ(backup(other.storageDir, out), 2) << out;
    EXPECT_NE(out.find("has kiemchung.db-wal: its database is in use"), std::string::npos) << out;
    otherKernel.reset();  // stopped
    EXPECT_EQ(backup(other.storageDir, out), 2) << out;
    EXPECT_NE(out.find("has no kiemchung-backup file"), std::string::npos) << out;
    fs::create_directory(fs::path(other.storageDir) / "keys");
    std::ofstream(fs::path(other.storageDir) / "kiemchung-backup");  // even if marked
    EXPECT_EQ(backup(other.storageDir, out), 2) << out;
    EXPECT_NE(out.find("has keys/: it looks like a live storage directory"), std::string::npos)
        << out;
    EXPECT_FALSE(fs::exists(fs::path(other.storageDir) / "tmp" / "kiemchung.db.partial"));
    // Still its own (empty) database, not a copy of the demo's.
    EXPECT_TRUE(Kernel(other, clock).directory().listUnits(Kernel::systemActor())->empty());
}

// Backups made before the marker file existed are refused with how to mark them; once marked
// they are backed up into again.
TEST_F(BackupCommandTest, AnEarlierVersionsBackupIsTakenOnceMarked) {
    const fs::path target = dir.path() / "backup";
    std::string out;
    ASSERT_EQ(backup(target.string(), out), 0) << out;
    fs::remove(target / "kiemchung-backup");
    EXPECT_EQ(backup(target.string(), out), 2) << out;
    EXPECT_NE(out.find("(touch " + (target / "kiemchung-backup").string() + ")"), std::string::npos)
        << out;
    std::ofstream(target / "kiemchung-backup");
    EXPECT_EQ(backup(target.string(), out), 0) << out;
    EXPECT_NE(out.find("in the backup already 2"), std::string::npos) << out;
}

TEST_F(BackupCommandTest, AgainIntoTheSameDirectoryCopiesOnlyTheNewFiles) {
    const fs::path target = dir.path() / "backup";
    std::string out;
    ASSERT_EQ(backup(target.string(), out), 0) << out;
    const std::string added = upload("Quyết định 15/QĐ-UBND");

    ASSERT_EQ(backup(target.string(), out), 0) << out;
    EXPECT_NE(out.find("files recorded: 3; copied 1 ("), std::string::npos) << out;
    EXPECT_NE(out.find("in the backup already 2"), std::string::npos) << out;
    std::set<std::string> recorded;
    EXPECT_EQ(verifyBackup(target, out, &recorded), 0) << out;
    EXPECT_EQ(recorded.count(added), 1u);
    EXPECT_EQ(recorded, liveShas());
}

// A killed backup leaves half-copied files and the snapshot's journal in DIR/tmp; the next
// backup into DIR removes them (no server ever sweeps a backup directory).
TEST_F(BackupCommandTest, ANewBackupRemovesWhatAKilledOneLeftInItsTmp) {
    const fs::path target = dir.path() / "backup";
    std::string out;
    ASSERT_EQ(backup(target.string(), out), 0) << out;
    for (const char* left : {"upload-1a2b.part", "kiemchung.db.partial-journal"}) {
        std::ofstream(target / "tmp" / left) << "left by a killed backup";
        fs::last_write_time(target / "tmp" / left,
                            fs::file_time_type::clock::now() - std::chrono::minutes(5));
    }
    ASSERT_EQ(backup(target.string(), out), 0) << out;
    EXPECT_TRUE(fs::is_empty(target / "tmp"));
    EXPECT_EQ(verifyBackup(target, out), 0) << out;
}

// The backup goes on past a broken file in storage, lists it, and fails.
TEST_F(BackupCommandTest, AFileMissingOrCorruptInStorageIsListedAndTheRestBackedUp) {
    const std::set<std::string> first = liveShas();
    const std::vector<std::string> shas(first.begin(), first.end());
    const std::string third = upload("Kế hoạch 20/KH-UBND");
    fs::remove(kernel->blobs().path(shas[0]));
    fs::permissions(kernel->blobs().path(shas[1]), fs::perms::owner_write, fs::perm_options::add);
    std::ofstream(kernel->blobs().path(shas[1]), std::ios::trunc) << "tampered";

    const fs::path target = dir.path() / "backup";
    std::string out;
    EXPECT_EQ(backup(target.string(), out), 1) << out;
    EXPECT_NE(out.find("missing in storage: 1\n  " + shas[0]), std::string::npos) << out;
    EXPECT_NE(out.find("corrupt in storage (not copied): 1\n  " + shas[1]), std::string::npos)
        << out;
    EXPECT_NE(out.find("BACKUP INCOMPLETE"), std::string::npos) << out;
    // What could be saved is: the database and the healthy file.
    EXPECT_TRUE(fs::exists(target / "kiemchung.db"));
    EXPECT_TRUE(BlobStore(target).exists(third));
    EXPECT_EQ(verifyBackup(target, out), 1) << out;
    EXPECT_NE(out.find("missing: 2"), std::string::npos) << out;
}

// Each bad target gets exit code 2 and a reason, and nothing is written anywhere.
TEST_F(BackupCommandTest, RefusesTargetsThatCannotHoldABackup) {
    const fs::path aFile = dir.path() / "a file";
    std::ofstream(aFile) << "not a directory";
    const fs::path foreign = dir.path() / "documents";
    fs::create_directories(foreign);
    std::ofstream(foreign / "letter.txt") << "someone's letter";
    const std::set<std::string> before = liveShas();

    std::ostringstream usageOut;
    EXPECT_EQ(runBackup(*kernel, {"backup"}, usageOut), 2);
    EXPECT_NE(usageOut.str().find("backup needs DIR"), std::string::npos) << usageOut.str();
    const std::vector<std::pair<fs::path, std::string>> refused{
        {config.storageDir, "is inside storage.dir"},
        {fs::path(config.storageDir) / "backup", "is inside storage.dir"},
        {fs::path(config.storageDir) / ".." / "storage" / "blobs", "is inside storage.dir"},
        {aFile, "is not a directory"},
        {foreign, "is neither empty nor a previous backup"},
    };
    for (const auto& [target, reason] : refused) {
        std::string out;
        EXPECT_EQ(backup(target.string(), out), 2) << target;
        EXPECT_NE(out.find(reason), std::string::npos) << target << ": " << out;
    }
    EXPECT_FALSE(fs::exists(fs::path(config.storageDir) / "backup"));
    EXPECT_FALSE(fs::exists(foreign / "blobs"));
    EXPECT_FALSE(fs::exists(fs::path(config.storageDir) / "tmp" / "kiemchung.db.partial"));
    EXPECT_EQ(liveShas(), before);
    std::ostringstream verified;
    EXPECT_EQ(runVerify(*kernel, verified), 0) << verified.str();
}

// A backup that fails part-way (here the backup's disk fills while a file is copied) replaces
// nothing: the previous backup stays whole, and the next run completes it.
TEST_F(BackupCommandTest, AFailedBackupLeavesThePreviousOneWhole) {
    const fs::path target = dir.path() / "backup";
    std::string out;
    ASSERT_EQ(backup(target.string(), out), 0) << out;
    const std::set<std::string> before = liveShas();
    const std::string large = upload(test::noise(9 * 1024 * 1024));
    std::ofstream(target / "tmp" / "kiemchung.db.partial") << "left by an interrupted run";
    {
        test::FileSizeLimit diskFull(8 * 1024 * 1024);
        EXPECT_EQ(backup(target.string(), out), 1) << out;
    }
    EXPECT_NE(out.find("backup failed, " + (target / "kiemchung.db").string() + " not replaced"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("File too large"), std::string::npos) << out;  // the file's copy failed
    EXPECT_TRUE(fs::is_empty(target / "tmp"));
    std::set<std::string> recorded;
    EXPECT_EQ(verifyBackup(target, out, &recorded), 0) << out;
    EXPECT_EQ(recorded, before);

    ASSERT_EQ(backup(target.string(), out), 0) << out;
    recorded.clear();
    EXPECT_EQ(verifyBackup(target, out, &recorded), 0) << out;
    EXPECT_EQ(recorded.count(large), 1u);
}

// Uploads go on while backups run, as on a live server: every backup is whole, each file its
// database records is in it, and no other.
TEST_F(BackupCommandTest, UploadsWhileItRunsLeaveEveryBackupWhole) {
    std::atomic<int> uploaded{0};
    std::atomic<bool> done{false};
    std::thread uploads([&] {
        for (int i = 0; !done && i < 500; ++i, ++uploaded) upload("upload " + std::to_string(i));
    });
    while (uploaded < 5) std::this_thread::yield();
    const int atStart = uploaded;
    const fs::path target = dir.path() / "backup";
    for (int round = 0; round < 3; ++round) {
        std::string out;
        EXPECT_EQ(backup(target.string(), out), 0) << out;
        EXPECT_EQ(verifyBackup(target, out), 0) << "round " << round << ": " << out;
    }
    const int atEnd = uploaded;
    done = true;
    uploads.join();
    // The uploads ran all along: they were going before the first backup and after the last.
    EXPECT_GT(atEnd, atStart);
    EXPECT_LT(atEnd, 500);
}

}  // namespace
}  // namespace kc
