#include "app/Config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "TempDir.h"

namespace kc {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using Env = std::map<std::string, std::string>;

class ConfigTest : public ::testing::Test {
protected:
    std::string write(const std::string& text) {
        std::string path = dir.file("kiemchung.properties");
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
    static std::set<std::string> paths(const Error& e) {
        std::set<std::string> out;
        for (const auto& d : e.details) out.insert(d.path);
        return out;
    }
    test::TempDir dir;
};

TEST_F(ConfigTest, DefaultsWithoutFileOrEnvironment) {
    auto c = Config::load("", {});
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->httpBind, "127.0.0.1");
    EXPECT_EQ(c->httpPort, 8080);
    EXPECT_EQ(c->httpThreads, 64);
    EXPECT_EQ(c->httpTimeoutSeconds, 60);
    EXPECT_EQ(c->httpMaxJsonBytes, 2u * 1024 * 1024);
    EXPECT_EQ(c->storageDir, "storage");
    EXPECT_EQ(c->databasePath, "storage/kiemchung.db");
    EXPECT_EQ(c->sessionLifetime, hours(12));
    EXPECT_EQ(c->maxFailedLogins, 5);
    EXPECT_EQ(c->lockDuration, minutes(15));
    EXPECT_EQ(c->pbkdf2Iterations, 600000);
    EXPECT_EQ(c->logLevel, "information");
    EXPECT_EQ(c->organisationKeyPath(), "storage/keys/organisation.p12");
    EXPECT_EQ(c->approverKeyPath(), "storage/keys/approver.p12");
    EXPECT_EQ(c->templatesDir, "templates");
    EXPECT_EQ(c->documentsUrl(), "http://127.0.0.1:8080");
    EXPECT_TRUE(c->logRequests);
}

// README's KC_HTTP_PORT=9090 ./run.sh printed evidence links to port 8080 in every document:
// without documents.publicUrl the links follow http.bind and http.port.
TEST_F(ConfigTest, DocumentLinksFollowThePortUnlessAPublicUrlIsSet) {
    auto c = Config::load(write("log.requests = false\n"), {{"KC_HTTP_PORT", "9090"}});
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->documentsUrl(), "http://127.0.0.1:9090");
    EXPECT_FALSE(c->logRequests);
    c->httpBind = "192.168.1.5";
    EXPECT_EQ(c->documentsUrl(), "http://192.168.1.5:9090");
    c->httpBind = "::";
    EXPECT_EQ(c->documentsUrl(), "http://127.0.0.1:9090");
    c->httpBind = "fd00::5";
    EXPECT_EQ(c->documentsUrl(), "http://[fd00::5]:9090");
    auto set = Config::load(write("documents.publicUrl = https://cchc.laocai.gov.vn\n"),
                            {{"KC_HTTP_PORT", "9090"}});
    ASSERT_TRUE(set.ok());
    EXPECT_EQ(set->documentsUrl(), "https://cchc.laocai.gov.vn");
}

TEST_F(ConfigTest, DocumentKeysAreReadAndChecked) {
    auto c = Config::load(write("signing.pkcs12 = /etc/kc/org.p12\n"
                                "signing.password = bí mật\n"
                                "documents.templatesDir = /etc/kc/templates\n"
                                "documents.publicUrl = https://cchc.laocai.gov.vn/\n"),
                          {{"KC_SIGNING_APPROVERPKCS12", "/etc/kc/ct.p12"}});
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->organisationKeyPath(), "/etc/kc/org.p12");
    EXPECT_EQ(c->signingPassword, "bí mật");
    EXPECT_EQ(c->approverKeyPath(), "/etc/kc/ct.p12");
    EXPECT_EQ(c->templatesDir, "/etc/kc/templates");
    EXPECT_EQ(c->publicUrl, "https://cchc.laocai.gov.vn");
    auto bad = Config::load(write("documents.publicUrl = cchc.laocai.gov.vn\n"), {});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(paths(bad.error()), std::set<std::string>{"documents.publicUrl"});
}

TEST_F(ConfigTest, MissingFileMeansDefaults) {
    auto c = Config::load(dir.file("absent.properties"), {});
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->httpPort, 8080);
}

// A file named with --config must exist: a typo in its name would otherwise run the server on
// the defaults (./storage, port 8080) without a word.
TEST_F(ConfigTest, AFileThatMustExistIsAnErrorWhenMissing) {
    auto c = Config::load(dir.file("absent.properties"), {}, true);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(c.error().message,
              "Configuration file " + dir.file("absent.properties") + " does not exist");
    EXPECT_TRUE(Config::load(write("http.port = 9090\n"), {}, true).ok());
}

// Poco expands ${name} from the file's own keys, before (and without) the environment's
// overrides: docs/configuration.md warns about it.
TEST_F(ConfigTest, AReferenceInTheFileIsExpandedFromTheFileNotTheEnvironment) {
    auto c = Config::load(write("storage.dir = /srv/a\ndatabase.path = ${storage.dir}/kc.db\n"),
                          {{"KC_STORAGE_DIR", "/srv/b"}});
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->storageDir, "/srv/b");
    EXPECT_EQ(c->databasePath, "/srv/a/kc.db");
}

TEST_F(ConfigTest, FileValuesAreRead) {
    auto c = Config::load(write("# comment\n"
                                "http.bind = 0.0.0.0\n"
                                "http.port = 9090\n"
                                "http.threads = 4\n"
                                "http.timeoutSeconds = 30\n"
                                "http.maxJsonBytes = 4096\n"
                                "storage.dir = /srv/kc\n"
                                "auth.sessionHours = 8\n"
                                "auth.maxFailedLogins = 3\n"
                                "auth.lockMinutes = 30\n"
                                "auth.pbkdf2Iterations = 1000\n"
                                "log.level = debug\n"),
                          {});
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->httpBind, "0.0.0.0");
    EXPECT_EQ(c->httpPort, 9090);
    EXPECT_EQ(c->httpThreads, 4);
    EXPECT_EQ(c->httpTimeoutSeconds, 30);
    EXPECT_EQ(c->httpMaxJsonBytes, 4096u);
    EXPECT_EQ(c->storageDir, "/srv/kc");
    EXPECT_EQ(c->databasePath, "/srv/kc/kiemchung.db");  // follows storage.dir
    EXPECT_EQ(c->sessionLifetime, hours(8));
    EXPECT_EQ(c->maxFailedLogins, 3);
    EXPECT_EQ(c->lockDuration, minutes(30));
    EXPECT_EQ(c->pbkdf2Iterations, 1000);
    EXPECT_EQ(c->logLevel, "debug");
}

TEST_F(ConfigTest, ExplicitDatabasePathIsKept) {
    auto c = Config::load(write("storage.dir = data\ndatabase.path = /var/lib/kc.db\n"), {});
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->databasePath, "/var/lib/kc.db");
}

TEST_F(ConfigTest, EnvironmentOverridesTheFile) {
    auto c = Config::load(write("http.port = 9090\nauth.pbkdf2Iterations = 1000\n"),
                          {{"KC_HTTP_PORT", "7070"},
                           {"KC_AUTH_SESSIONHOURS", "2"},
                           {"KC_STORAGE_DIR", "/tmp/kc"},
                           {"PATH", "/usr/bin"},
                           {"KC_NOT_A_SETTING", "ignored"}});
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->httpPort, 7070);
    EXPECT_EQ(c->pbkdf2Iterations, 1000);  // from the file, not overridden
    EXPECT_EQ(c->sessionLifetime, hours(2));
    EXPECT_EQ(c->databasePath, "/tmp/kc/kiemchung.db");
}

TEST_F(ConfigTest, EnvironmentAloneWithoutFile) {
    auto c = Config::load("", {{"KC_HTTP_PORT", "0"}, {"KC_AUTH_LOCKMINUTES", "1"}});
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->httpPort, 0);  // any free port
    EXPECT_EQ(c->lockDuration, minutes(1));
}

TEST_F(ConfigTest, ProcessEnvironmentIsReadAsAMap) {
    ::setenv("KC_CONFIG_TEST_MARKER", "a=b", 1);
    auto env = Config::processEnvironment();
    EXPECT_EQ(env["KC_CONFIG_TEST_MARKER"], "a=b");  // split at the first '=' only
    ::unsetenv("KC_CONFIG_TEST_MARKER");
}

TEST_F(ConfigTest, InvalidValuesAndUnknownKeysAreReportedTogether) {
    auto c = Config::load(write("http.port = abc\n"
                                "http.colour = red\n"
                                "auth.sessionHours = 0\n"
                                "http.threads = 8\n"),
                          {{"KC_HTTP_THREADS", "0"}});
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(paths(c.error()), (std::set<std::string>{"http.port", "http.colour",
                                                       "auth.sessionHours", "http.threads"}));
    for (const auto& d : c.error().details) EXPECT_FALSE(d.message.empty()) << d.path;
}

struct BadValue {
    const char* name;
    const char* key;
    const char* value;
};

std::ostream& operator<<(std::ostream& os, const BadValue& b) {
    return os << b.name;
}

class ConfigBadValueTest : public ConfigTest, public ::testing::WithParamInterface<BadValue> {};

TEST_P(ConfigBadValueTest, IsReportedUnderItsKey) {
    auto c = Config::load(write(std::string(GetParam().key) + " = " + GetParam().value + "\n"), {});
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(paths(c.error()), (std::set<std::string>{GetParam().key}));
}

INSTANTIATE_TEST_SUITE_P(
    App, ConfigBadValueTest,
    ::testing::Values(
        BadValue{"PortTooLarge", "http.port", "65536"}, BadValue{"PortNegative", "http.port", "-1"},
        BadValue{"UnknownLogLevel", "log.level", "chatty"},
        BadValue{"LogRequestsNotTrueOrFalse", "log.requests", "yes"},
        BadValue{"PortTrailingText", "http.port", "80x"}, BadValue{"PortHex", "http.port", "0x50"},
        BadValue{"PortOverflowingLongLong", "http.port", "99999999999999999999"},
        BadValue{"PortFraction", "http.port", "80.5"}, BadValue{"ThreadsZero", "http.threads", "0"},
        BadValue{"TimeoutTooLong", "http.timeoutSeconds", "3601"},
        BadValue{"MaxJsonBelow1KiB", "http.maxJsonBytes", "1023"},
        BadValue{"SessionHoursOverAMonth", "auth.sessionHours", "721"},
        BadValue{"MaxFailedLoginsZero", "auth.maxFailedLogins", "0"},
        BadValue{"LockMinutesOverADay", "auth.lockMinutes", "1441"},
        BadValue{"Pbkdf2Zero", "auth.pbkdf2Iterations", "0"},
        BadValue{"PortWithPlus", "http.port", "+8080"},
        BadValue{"PortWithExponent", "http.port", "8e3"},
        BadValue{"BindNotAnAddress", "http.bind", "notanaddress"},
        BadValue{"BindOutOfRange", "http.bind", "999.1.1.1"},
        BadValue{"StorageDirEmpty", "storage.dir", ""},
        BadValue{"TemplatesDirEmpty", "documents.templatesDir", ""},
        BadValue{"PdfjsDirEmpty", "web.pdfjsDir", ""},
        BadValue{"PublicUrlWithoutHost", "documents.publicUrl", "https://"},
        BadValue{"PublicUrlWithSpace", "documents.publicUrl", "http://cchc baoyen.vn"},
        BadValue{"PublicUrlNotHttp", "documents.publicUrl", "ftp://cchc.baoyen.vn"},
        BadValue{"UnknownKey", "auth.passwordMinLength", "8"},
        BadValue{"MisspelledKey", "http.prot", "8080"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(ConfigTest, InvalidEnvironmentValueIsReportedUnderTheKey) {
    auto c = Config::load(write("http.port = 9090\n"), {{"KC_HTTP_PORT", "nine"}});
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(paths(c.error()), (std::set<std::string>{"http.port"}));
    EXPECT_NE(c.error().details[0].message.find("nine"), std::string::npos);
}

TEST_F(ConfigTest, TheMessageSaysWhatIsExpected) {
    auto c = Config::load(write("http.port = 99999\n"), {{"KC_HTTP_THREADS", " 8"}});
    ASSERT_FALSE(c.ok());
    ASSERT_EQ(c.error().details.size(), 2u);
    for (const auto& d : c.error().details) {
        if (d.path == "http.port")
            EXPECT_EQ(d.message, "invalid value '99999': expected a whole number from 0 to 65535");
        else
            EXPECT_EQ(d.message, "invalid value ' 8': expected a whole number from 1 to 1024");
    }
}

TEST_F(ConfigTest, AddressesToListenOnAreIpLiteralsOrLocalhost) {
    for (const char* bind : {"0.0.0.0", "127.0.0.1", "::1", "::", "localhost"}) {
        auto c = Config::load(write(std::string("http.bind = ") + bind + "\n"), {});
        ASSERT_TRUE(c.ok()) << bind << ": " << c.error().details.at(0).message;
        EXPECT_EQ(c->httpBind, bind);
    }
}

TEST_F(ConfigTest, RangeBoundariesAreAccepted) {
    auto c = Config::load(write("http.port = 65535\n"
                                "http.maxJsonBytes = 1024\n"
                                "auth.sessionHours = 720\n"
                                "auth.lockMinutes = 1440\n"),
                          {});
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->httpPort, 65535);
    EXPECT_EQ(c->httpMaxJsonBytes, 1024u);
    EXPECT_EQ(c->sessionLifetime, hours(720));
    EXPECT_EQ(c->lockDuration, minutes(1440));
}

}  // namespace
}  // namespace kc
