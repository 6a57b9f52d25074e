#include "app/KiemChungApp.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "TempDir.h"
#include "app/Config.h"
#include "app/Kernel.h"

namespace kc {
namespace {

namespace fs = std::filesystem;

// `kiemchung [--config FILE] COMMAND`, run as the binary runs it, with a properties file
// naming storage.dir.
class KiemChungAppTest : public ::testing::Test {
protected:
    void configure(const std::string& storage) {
        std::ofstream(configPath) << "storage.dir = " << storage
                                  << "\nauth.pbkdf2Iterations = 1000\nlog.level = error\n";
    }
    int run(const std::vector<std::string>& args, const std::string& config, bool named = true) {
        char name[] = "kiemchung";
        char* argv[] = {name, nullptr};
        testing::internal::CaptureStdout();
        testing::internal::CaptureStderr();
        int rc = KiemChungApp(config, named, args).run(1, argv);
        output = testing::internal::GetCapturedStdout() + testing::internal::GetCapturedStderr();
        return rc;
    }
    int run(const std::vector<std::string>& args) { return run(args, configPath); }

    test::TempDir dir;
    std::string configPath = dir.file("kiemchung.properties");
    std::string output;
};

// KC_STORAGE_DIR=/tmp/typo kiemchung verify used to create an empty store there and report
// "all present and intact".
TEST_F(KiemChungAppTest, CommandsRefuseAStorageDirWithoutADatabaseAndCreateNothing) {
    const std::string typo = dir.file("typo");
    configure(typo);
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"verify"},
             {"verify-audit"},
             {"backup", dir.file("backup")},
             {"export-evidence", "--year", "2022", "--out", dir.file("x.zip")},
             {"user", "add", "--username", "u", "--role", "admin", "--password", "p"},
             {"serve"}}) {
        EXPECT_EQ(run(args), 2) << args[0] << ": " << output;
        EXPECT_NE(output.find("kiemchung init"), std::string::npos) << args[0] << ": " << output;
        EXPECT_FALSE(fs::exists(typo)) << args[0];
        EXPECT_FALSE(fs::exists(dir.file("backup"))) << args[0];
    }
    fs::create_directory(typo);
    EXPECT_EQ(run({"verify"}), 2) << output;
    EXPECT_NE(output.find("no database at " + typo + "/kiemchung.db"), std::string::npos) << output;
    EXPECT_TRUE(fs::is_empty(typo));

    EXPECT_EQ(run({"init"}), 0) << output;
    EXPECT_TRUE(fs::exists(typo + "/kiemchung.db"));
    EXPECT_EQ(run({"verify"}), 0) << output;
    EXPECT_NE(output.find("all present and intact"), std::string::npos) << output;
    EXPECT_EQ(run({"verify-audit"}), 0) << output;
}

TEST_F(KiemChungAppTest, AnUnknownCommandCreatesNothing) {
    configure(dir.file("storage"));
    EXPECT_EQ(run({"verfy"}), 64) << output;
    EXPECT_NE(output.find("unknown command 'verfy'"), std::string::npos) << output;
    EXPECT_FALSE(fs::exists(dir.file("storage")));
}

// --config naming a missing file used to be ignored (defaults, i.e. ./storage, applied).
TEST_F(KiemChungAppTest, AConfigFileNamedWithConfigMustExist) {
    const std::string missing = dir.file("kiemchung.propertes");
    EXPECT_EQ(run({"verify"}, missing), 78) << output;
    EXPECT_NE(output.find("Configuration file " + missing + " does not exist"), std::string::npos)
        << output;
}

// `user add --password -` as a script pipes it: the first line of standard input, its line end
// (Windows' too) not part of the password.
TEST_F(KiemChungAppTest, UserAddTakesThePasswordFromStandardInput) {
    configure(dir.file("storage"));
    ASSERT_EQ(run({"init"}), 0) << output;
    std::istringstream typed("mật-khẩu-dài\r\nsecond line\n");
    std::streambuf* const saved = std::cin.rdbuf(typed.rdbuf());
    const int rc = run({"user", "add", "--username", "bob", "--role", "clerk", "--password", "-"});
    std::cin.rdbuf(saved);
    EXPECT_EQ(rc, 0) << output;
    EXPECT_NE(output.find("created clerk bob"), std::string::npos) << output;
    std::string rest;
    std::getline(typed, rest);
    EXPECT_EQ(rest, "second line");
    SystemClock clock;
    Kernel kernel(Config::load(configPath, {}).value(), clock);
    EXPECT_TRUE(kernel.auth().login("bob", "mật-khẩu-dài").ok());
}

}  // namespace
}  // namespace kc
