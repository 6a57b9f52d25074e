#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

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
    for (const auto& entry : fs::directory_iterator(config.storageDir))
        EXPECT_EQ(entry.path().filename().string().rfind(".health-", 0), std::string::npos)
            << "probe left behind: " << entry.path();
}

TEST(StorageWritableTest, IsFalseForADirectoryThatCannotBeWritten) {
    EXPECT_FALSE(Kernel::storageWritable("/nonexistent-kc-dir"));
    test::TempDir dir;
    EXPECT_TRUE(Kernel::storageWritable(dir.path()));
    EXPECT_TRUE(fs::is_empty(dir.path()));
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
