#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "FileSizeLimit.h"
#include "KernelFixture.h"
#include "app/SigningKeys.h"

namespace kc {
namespace {

namespace fs = std::filesystem;

class KernelServicesTest : public test::KernelTest {};

std::string joined(const std::vector<std::string>& lines) {
    std::string all;
    for (const auto& l : lines) all += l + "\n";
    return all;
}

// PBKDF2 ran inside the login's write transaction, holding the database's write lock for the
// whole check (~0.3 s at the default iterations): every other write waited, and a burst of
// logins pushed writers past the busy timeout. A write sent while a slow login is checking its
// password now finishes first.
TEST_F(KernelServicesTest, ALoginChecksThePasswordWithoutHoldingTheWriteLock) {
    config.pbkdf2Iterations = 1'000'000;  // ~0.5 s per hash: far beyond the 200 ms below
    kernel = std::make_unique<Kernel>(config, clock);
    const Actor sys = Kernel::systemActor();
    NewUser bob{"bob", "Bob", Role::Clerk, std::nullopt, "bob-password-1"};
    ASSERT_TRUE(kernel->accounts().createUser(sys, bob).ok());
    std::atomic<bool> loggedIn{false};
    std::thread login([&] {
        EXPECT_TRUE(kernel->auth().login("bob", "bob-password-1").ok());
        loggedIn = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const bool writtenFirst =
        kernel->directory().createUnitType(sys, UnitType{0, "xa", "Xã"}).ok() && !loggedIn.load();
    login.join();
    EXPECT_TRUE(writtenFirst) << "the write waited for the login's password check";
    EXPECT_TRUE(loggedIn.load());
}

// A login for a user name nobody has was refused before any password work (~1 ms against
// ~0.3 s): the time told an outsider which names exist. Now it costs a password check too.
TEST_F(KernelServicesTest, AnUnknownUserNameTakesAsLongAsAWrongPassword) {
    config.pbkdf2Iterations = 300'000;
    kernel = std::make_unique<Kernel>(config, clock);
    NewUser bob{"bob", "Bob", Role::Clerk, std::nullopt, "bob-password-1"};
    ASSERT_TRUE(kernel->accounts().createUser(Kernel::systemActor(), bob).ok());
    auto fastest = [&](const std::string& name) {  // of two tries, against scheduling noise
        auto best = std::chrono::steady_clock::duration::max();
        for (int i = 0; i < 2; ++i) {
            const auto start = std::chrono::steady_clock::now();
            EXPECT_FALSE(kernel->auth().login(name, "not-the-password").ok());
            best = std::min(best, std::chrono::steady_clock::now() - start);
        }
        return best;
    };
    const auto wrongPassword = fastest("bob");
    const auto unknownName = fastest("nobody");
    EXPECT_GT(unknownName * 2, wrongPassword)
        << std::chrono::duration_cast<std::chrono::milliseconds>(unknownName).count() << " ms vs "
        << std::chrono::duration_cast<std::chrono::milliseconds>(wrongPassword).count() << " ms";
}

// GET /api/v1/health writes a probe file into storage.dir. On a full disk the write itself
// lands in the stream's buffer; only flushing it fails, and that must count.
TEST_F(KernelServicesTest, HealthSaysStorageIsUnwritableWhenTheProbeCannotBeFlushed) {
    http::Reply ok = kernel->services().health();
    EXPECT_EQ(ok.status, 200);
    http::Reply full;
    {
        test::FileSizeLimit noRoom(0);  // every write into a file fails, as on a full disk
        full = kernel->services().health();
    }
    EXPECT_EQ(full.status, 503);
    const auto body = full.body.extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(body->getValue<std::string>("storage"), "unwritable");
    EXPECT_EQ(body->getValue<std::string>("database"), "ok");
    for (const char* sub : {"", "tmp", "blobs"})
        for (const auto& entry : fs::directory_iterator(fs::path(config.storageDir) / sub))
            EXPECT_EQ(entry.path().filename().string().rfind(".health-", 0), std::string::npos)
                << "probe left behind: " << entry.path();
}

// The probe wrote into the storage root only, so health said "ok" while every upload failed
// for an unwritable tmp/ or blobs/ (an operator's chattr, a bad mount).
TEST(StorageWritableTest, IsFalseUnlessTmpAndBlobsTakeAFileAsAnUploadDoes) {
    EXPECT_FALSE(Kernel::storageWritable("/nonexistent-kc-dir"));
    test::TempDir dir;
    fs::create_directory(dir.path() / "tmp");
    fs::create_directory(dir.path() / "blobs");
    EXPECT_TRUE(Kernel::storageWritable(dir.path()));
    EXPECT_TRUE(fs::is_empty(dir.path() / "tmp"));
    EXPECT_TRUE(fs::is_empty(dir.path() / "blobs"));

    fs::remove(dir.path() / "blobs");
    std::ofstream(dir.path() / "blobs") << "not a directory";
    EXPECT_FALSE(Kernel::storageWritable(dir.path()));
    EXPECT_TRUE(fs::is_empty(dir.path() / "tmp"));

    fs::remove(dir.path() / "tmp");
    fs::remove(dir.path() / "blobs");
    fs::create_directory(dir.path() / "blobs");
    std::ofstream(dir.path() / "tmp") << "not a directory";
    EXPECT_FALSE(Kernel::storageWritable(dir.path()));
}

// `serve` logs these at start-up: a wrong KC_SIGNING_PASSWORD shows then, not at the first
// document generated.
TEST_F(KernelServicesTest, NamesEachSigningKeyThatCannotBeLoadedAndWhy) {
    const auto missing = kernel->signingKeyProblems();
    ASSERT_EQ(missing.size(), 2u) << joined(missing);
    EXPECT_NE(missing[0].find("signing.pkcs12, " + config.organisationKeyPath()), std::string::npos)
        << missing[0];
    EXPECT_NE(missing[1].find("signing.approverPkcs12, " + config.approverKeyPath()),
              std::string::npos)
        << missing[1];

    std::ostringstream log;
    ASSERT_TRUE(ensureDemoKeys(config, log).ok()) << log.str();
    EXPECT_TRUE(Kernel(config, clock).signingKeyProblems().empty());

    Config wrong = config;
    wrong.signingPassword = "not-the-password";
    const auto problems = Kernel(wrong, clock).signingKeyProblems();
    ASSERT_EQ(problems.size(), 1u) << joined(problems);
    EXPECT_NE(problems[0].find("signing.pkcs12"), std::string::npos) << problems[0];
    EXPECT_NE(problems[0].find("sai mật khẩu"), std::string::npos) << problems[0];
}

// Only `init` creates a store: the others refuse a storage.dir without a database.
TEST(MissingStoreTest, NamesWhatIsMissingAndCreatesNothing) {
    test::TempDir dir;
    Config c;
    c.storageDir = dir.file("typo");
    c.databasePath = dir.file("typo/kiemchung.db");
    EXPECT_NE(Kernel::missingStore(c).find("storage.dir " + c.storageDir), std::string::npos);
    EXPECT_FALSE(fs::exists(c.storageDir));

    fs::create_directory(c.storageDir);
    const std::string why = Kernel::missingStore(c);
    EXPECT_NE(why.find("no database at " + c.databasePath), std::string::npos) << why;
    EXPECT_NE(why.find("kiemchung init"), std::string::npos) << why;
    EXPECT_TRUE(fs::is_empty(c.storageDir));

    ManualClock clock(*parseIso("2022-12-01T08:00:00Z"));
    c.pbkdf2Iterations = 1000;
    { Kernel created(c, clock); }
    EXPECT_EQ(Kernel::missingStore(c), "");
}

}  // namespace
}  // namespace kc
