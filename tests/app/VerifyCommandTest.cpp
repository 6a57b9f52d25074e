#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "KernelFixture.h"
#include "app/Commands.h"

namespace kc {
namespace {

namespace fs = std::filesystem;

// `kiemchung verify` over a kernel with the demo year and two evidence files of XA16.
class VerifyCommandTest : public test::DemoKernelTest {
protected:
    VerifyCommandTest() : shas{upload("first file"), upload("second file")} {}

    int verify(std::string& output) {
        std::ostringstream out;
        int rc = runVerify(*kernel, out);
        output = out.str();
        return rc;
    }

    std::vector<std::string> shas;
};

TEST_F(VerifyCommandTest, PassesWhenEveryFileIsIntact) {
    std::string out;
    EXPECT_EQ(verify(out), 0) << out;
    EXPECT_NE(out.find("all present and intact"), std::string::npos) << out;
}

TEST_F(VerifyCommandTest, ListsMissingCorruptAndOrphanFiles) {
    fs::path corrupt = kernel->blobs().path(shas[0]);
    fs::permissions(corrupt, fs::perms::owner_write, fs::perm_options::add);
    std::ofstream(corrupt, std::ios::trunc) << "tampered";
    fs::remove(kernel->blobs().path(shas[1]));
    fs::path stray = fs::path(config.storageDir) / "blobs" / "stray.bin";
    std::ofstream(stray) << "not recorded";

    std::string out;
    EXPECT_EQ(verify(out), 1) << out;
    EXPECT_NE(out.find("missing: 1\n  " + shas[1]), std::string::npos) << out;
    EXPECT_NE(out.find("corrupt: 1\n  " + shas[0]), std::string::npos) << out;
    EXPECT_NE(out.find("orphan: 1\n  blobs/stray.bin"), std::string::npos) << out;
}

// An upload whose file was renamed into blobs/ before the check began and whose row commits a
// second into it (waiting for the database's lock under load) is not an orphan.
TEST_F(VerifyCommandTest, AnUploadCommittingDuringTheCheckIsNoOrphan) {
    auto w = kernel->services().content.begin(1024);
    ASSERT_TRUE(w->write("renamed, its row not yet", 24).ok());
    const StoredContent blob = w->commit().value();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // past the clock's grain

    std::string out;
    int rc = -1;
    std::thread check([&] { rc = verify(out); });
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const Actor unit{0, "xaphuckhanh", Role::Unit, std::string("XA16")};
    EXPECT_TRUE(kernel->evidence()
                    .upload(unit, 2022, "XA16", "1.1.1", {UploadedFile{blob, "muộn.pdf"}}, {})
                    .ok());
    check.join();
    EXPECT_EQ(rc, 0) << out;
    EXPECT_NE(out.find("orphan: 0\n"), std::string::npos) << out;
}

// A blob committed before the check began and never recorded (a crash between the commit and
// its row) fails the check; reading the rows again for the settling time does not excuse it.
TEST_F(VerifyCommandTest, ABlobLeftByACrashIsAnOrphan) {
    auto w = kernel->services().content.begin(1024);
    ASSERT_TRUE(w->write("committed, then the crash", 25).ok());
    const std::string sha = w->commit().value().sha256;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // past the clock's grain

    std::string out;
    EXPECT_EQ(verify(out), 1) << out;
    const std::string path = "blobs/" + sha.substr(0, 2) + "/" + sha.substr(2, 2) + "/" + sha;
    EXPECT_NE(out.find("orphan: 1\n  " + path), std::string::npos) << out;
    EXPECT_EQ(out.find("committed while this check ran"), std::string::npos) << out;
}

}  // namespace
}  // namespace kc
