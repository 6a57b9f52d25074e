#include "app/Commands.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "KernelFixture.h"
#include "app/SigningKeys.h"
#include "pdf/DemoCertificate.h"
#include "pdf/PdfDocumentBuilder.h"
#include "pdf/PdfSigner.h"

namespace kc {
namespace {

using Args = std::vector<std::string>;

std::string sampleCriteria() {
    return std::string(KC_SOURCE_DIR) + "/config/demo/criteria-2022-huyen.json";
}

class CommandsTest : public test::KernelTest {
protected:
    // The 2022 period with unit types "huyen" and "xa" and commune XA01: what imports and
    // unit accounts need, without the whole demo.
    void minimalYear() {
        const Actor sys = Kernel::systemActor();
        Period p;
        p.year = 2022;
        p.name = "Kỳ 2022";
        ASSERT_TRUE(kernel->directory().createPeriod(sys, p).ok());
        ASSERT_TRUE(kernel->directory().createUnitType(sys, UnitType{0, "huyen", "Huyện"}).ok());
        ASSERT_TRUE(kernel->directory().createUnitType(sys, UnitType{0, "xa", "Xã"}).ok());
        Unit u;
        u.code = "XA01";
        u.name = "UBND xã Một";
        u.unitTypeCode = "xa";
        u.activeFromYear = 2021;
        ASSERT_TRUE(kernel->directory().createUnit(sys, u).ok());
    }

    std::string writeFile(const std::string& name, const std::string& text) {
        std::string path = dir.file(name);
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    int run(int (*command)(Kernel&, const Args&, std::ostream&), const Args& args) {
        out.str("");
        return command(*kernel, args, out);
    }
    // runUser, with standard input holding `typed` (nullopt: nothing).
    int runUser(const Args& args, std::optional<std::string> typed = std::nullopt) {
        out.str("");
        return kc::runUser(
            *kernel, args, [&] { return typed; }, out);
    }
    std::string output() const { return out.str(); }

    std::ostringstream out;
};

TEST_F(CommandsTest, InitReportsTheDatabase) {
    std::ostringstream o;
    EXPECT_EQ(runInit(*kernel, o), 0);
    EXPECT_NE(o.str().find(config.databasePath), std::string::npos) << o.str();
}

TEST_F(CommandsTest, InitCreatesDemoKeysOnceAndTheyLoad) {
    std::ostringstream o;
    ASSERT_EQ(runInit(*kernel, o), 0) << o.str();
    const std::string key = config.organisationKeyPath();
    ASSERT_TRUE(std::filesystem::exists(key)) << o.str();
    EXPECT_TRUE(std::filesystem::exists(config.approverKeyPath()));
    EXPECT_EQ(std::filesystem::status(key).permissions() & std::filesystem::perms::others_all,
              std::filesystem::perms::none);
    auto signer = pdf::PdfSigner::fromPkcs12(key, config.signingPassword);
    ASSERT_TRUE(signer.ok());
    EXPECT_NE(signer->signerName().find("Bảo Yên"), std::string::npos);
    const auto written = std::filesystem::last_write_time(key);
    std::ostringstream again;
    ASSERT_EQ(runInit(*kernel, again), 0);
    EXPECT_EQ(std::filesystem::last_write_time(key), written);
    EXPECT_EQ(again.str().find("DEMO"), std::string::npos) << again.str();
}

TEST_F(CommandsTest, VerifyPdfNeedsAFileAndRejectsNonPdf) {
    EXPECT_EQ(run(runVerifyPdf, {"verify-pdf"}), 2);
    EXPECT_EQ(run(runVerifyPdf, {"verify-pdf", writeFile("x.pdf", "not a pdf")}), 1);
    EXPECT_NE(output().find("error: "), std::string::npos) << output();
}

TEST_F(CommandsTest, VerifyPdfReportsEachSignature) {
    ASSERT_TRUE(pdf::DemoCertificate::writePkcs12(dir.file("k.p12"), "p").ok());
    pdf::PdfDocumentBuilder b;
    b.addParagraph("Văn bản thử");
    ASSERT_TRUE(b.writeFile(dir.file("plain.pdf")).ok());
    EXPECT_EQ(run(runVerifyPdf, {"verify-pdf", dir.file("plain.pdf")}), 1);
    EXPECT_NE(output().find("no signatures"), std::string::npos) << output();
    auto signer = pdf::PdfSigner::fromPkcs12(dir.file("k.p12"), "p");
    ASSERT_TRUE(signer->signFile(dir.file("plain.pdf"), dir.file("signed.pdf")).ok());
    EXPECT_EQ(run(runVerifyPdf, {"verify-pdf", dir.file("signed.pdf")}), 0) << output();
    EXPECT_NE(output().find("signature 1 (Signature1): valid"), std::string::npos) << output();
    EXPECT_NE(output().find("CN=Nguyễn Văn An"), std::string::npos);
    EXPECT_NE(output().find("manifest: none embedded"), std::string::npos);
}

TEST_F(CommandsTest, InitNeverInventsAKeyConfiguredOutsideStorage) {
    Config c = config;
    c.signingPkcs12 = dir.file("province/official.p12");
    std::ostringstream o;
    ASSERT_TRUE(ensureDemoKeys(c, o).ok());
    EXPECT_FALSE(std::filesystem::exists(c.signingPkcs12));
    EXPECT_NE(o.str().find("missing"), std::string::npos) << o.str();
}

TEST_F(CommandsTest, UsageNamesEveryCommand) {
    for (const char* c : {"serve", "init", "demo", "import-criteria", "user add", "verify-audit"})
        EXPECT_NE(usage().find(c), std::string::npos) << c;
}

TEST_F(CommandsTest, ImportCriteriaStoresVersion1) {
    minimalYear();
    int rc = run(runImportCriteria,
                 {"import-criteria", sampleCriteria(), "--year", "2022", "--unit-type", "xa"});
    EXPECT_EQ(rc, 0) << output();
    EXPECT_EQ(output(), "imported criteria set #1 version 1 for xa 2022\n");
    auto sets = kernel->criteria().list(2022);
    ASSERT_TRUE(sets.ok());
    ASSERT_EQ(sets->size(), 1u);
    EXPECT_EQ(sets->front().createdBy, "system");
}

TEST_F(CommandsTest, ImportCriteriaDryRunStoresNothing) {
    minimalYear();
    int rc = run(runImportCriteria, {"import-criteria", sampleCriteria(), "--year", "2022",
                                     "--unit-type", "xa", "--dry-run", "true"});
    EXPECT_EQ(rc, 0) << output();
    EXPECT_EQ(output(), "valid (dry run): 0 version 1 for xa 2022\n");
    EXPECT_TRUE(kernel->criteria().list(2022)->empty());
}

TEST_F(CommandsTest, ImportCriteriaTwiceIsDuplicateExit1) {
    minimalYear();
    Args args{"import-criteria", sampleCriteria(), "--year", "2022", "--unit-type", "huyen"};
    ASSERT_EQ(run(runImportCriteria, args), 0) << output();
    EXPECT_EQ(run(runImportCriteria, args), 1);
    EXPECT_EQ(output().rfind("error: ", 0), 0u) << output();
}

TEST_F(CommandsTest, ImportCriteriaInvalidDocumentListsEachProblem) {
    minimalYear();
    std::string bad = writeFile("bad.json", R"({"schema_version":"1.0","title":"x","areas":[{}]})");
    int rc =
        run(runImportCriteria, {"import-criteria", bad, "--year", "2022", "--unit-type", "xa"});
    EXPECT_EQ(rc, 1);
    EXPECT_EQ(output().rfind("error: ", 0), 0u) << output();
    EXPECT_NE(output().find("\n  $.areas[0]"), std::string::npos) << output();
}

struct BadImportArgs {
    const char* name;
    Args args;  // FILE is replaced by the sample's path
    int rc;
    const char* says;
};

std::ostream& operator<<(std::ostream& os, const BadImportArgs& b) {
    return os << b.name;
}

class ImportArgsTest : public CommandsTest, public ::testing::WithParamInterface<BadImportArgs> {};

TEST_P(ImportArgsTest, ExitsWithCodeAndReason) {
    minimalYear();
    Args args = GetParam().args;
    for (auto& a : args)
        if (a == "FILE")
            a = sampleCriteria();
    EXPECT_EQ(run(runImportCriteria, args), GetParam().rc) << output();
    EXPECT_NE(output().find(GetParam().says), std::string::npos) << output();
    EXPECT_TRUE(kernel->criteria().list(2022)->empty());
}

INSTANTIATE_TEST_SUITE_P(
    App, ImportArgsTest,
    ::testing::Values(
        BadImportArgs{"NoFile", {"import-criteria"}, 2, "Usage:"},
        BadImportArgs{"MissingUnitType",
                      {"import-criteria", "FILE", "--year", "2022"},
                      2,
                      "needs FILE --year YEAR --unit-type CODE"},
        BadImportArgs{"FlagWithoutValue",
                      {"import-criteria", "FILE", "--unit-type", "xa", "--year"},
                      2,
                      "bad argument '--year'"},
        BadImportArgs{"PositionalJunk",
                      {"import-criteria", "FILE", "junk", "--year", "2022", "--unit-type", "xa"},
                      2,
                      "bad argument 'junk'"},
        BadImportArgs{"YearNotANumber",
                      {"import-criteria", "FILE", "--year", "abc", "--unit-type", "xa"},
                      2,
                      "--year must be a number"},
        BadImportArgs{"YearWithTrailingText",
                      {"import-criteria", "FILE", "--year", "2022abc", "--unit-type", "xa"},
                      2,
                      "--year must be a number"},
        BadImportArgs{"UnreadableFile",
                      {"import-criteria", "/nonexistent/criteria.json", "--year", "2022",
                       "--unit-type", "xa"},
                      1,
                      "cannot read /nonexistent/criteria.json"},
        BadImportArgs{"UnknownUnitType",
                      {"import-criteria", "FILE", "--year", "2022", "--unit-type", "tinh"},
                      1,
                      "error: "},
        BadImportArgs{"UnknownYear",
                      {"import-criteria", "FILE", "--year", "2030", "--unit-type", "xa"},
                      1,
                      "error: "}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(CommandsTest, UserAddCreatesAnAccountThatCanLogIn) {
    int rc = runUser({"user", "add", "--username", "bob", "--role", "clerk", "--password",
                      "bob-password-1", "--name", "Bob Nguyễn"});
    EXPECT_EQ(rc, 0) << output();
    EXPECT_EQ(output(), "created clerk bob\n");
    auto login = kernel->auth().login("bob", "bob-password-1");
    ASSERT_TRUE(login.ok()) << login.error().message;
    EXPECT_EQ(login->user.displayName, "Bob Nguyễn");
}

// `--password P` shows P to every user of the machine in `ps`; `--password -` reads it from
// standard input instead.
TEST_F(CommandsTest, UserAddReadsThePasswordFromStandardInputWhenGivenAsDash) {
    EXPECT_EQ(runUser({"user", "add", "--username", "bob", "--role", "clerk", "--password", "-"},
                      "mật-khẩu-của-Bob"),
              0)
        << output();
    EXPECT_TRUE(kernel->auth().login("bob", "mật-khẩu-của-Bob").ok());
    EXPECT_FALSE(kernel->auth().login("bob", "-").ok());

    EXPECT_EQ(runUser({"user", "add", "--username", "ann", "--role", "clerk", "--password", "-"}),
              2);
    EXPECT_EQ(output(), "--password -: no password on standard input\n");
    EXPECT_EQ(kernel->accounts().listUsers()->size(), 1u);
}

TEST_F(CommandsTest, UserAddUnitAccountNeedsAnExistingUnit) {
    minimalYear();
    EXPECT_EQ(runUser({"user", "add", "--username", "xa01", "--role", "unit", "--password",
                       "xa01-password", "--unit", "XA01"}),
              0)
        << output();
    EXPECT_EQ(runUser({"user", "add", "--username", "xa99", "--role", "unit", "--password",
                       "xa99-password", "--unit", "XA99"}),
              1);
    EXPECT_NE(output().find("unit_code"), std::string::npos) << output();
}

struct BadUserArgs {
    const char* name;
    Args args;
    int rc;
    const char* says;
};

std::ostream& operator<<(std::ostream& os, const BadUserArgs& b) {
    return os << b.name;
}

class UserArgsTest : public CommandsTest, public ::testing::WithParamInterface<BadUserArgs> {};

TEST_P(UserArgsTest, ExitsWithCodeAndReason) {
    EXPECT_EQ(runUser(GetParam().args), GetParam().rc) << output();
    EXPECT_NE(output().find(GetParam().says), std::string::npos) << output();
    EXPECT_TRUE(kernel->accounts().listUsers()->empty());
}

INSTANTIATE_TEST_SUITE_P(
    App, UserArgsTest,
    ::testing::Values(
        BadUserArgs{"NoSubcommand", {"user"}, 2, "Usage:"},
        BadUserArgs{"UnknownSubcommand", {"user", "delete", "--username", "bob"}, 2, "Usage:"},
        BadUserArgs{"MissingPassword",
                    {"user", "add", "--username", "bob", "--role", "clerk"},
                    2,
                    "needs --username, --role and --password"},
        BadUserArgs{
            "BadRole",
            {"user", "add", "--username", "bob", "--role", "boss", "--password", "bob-password-1"},
            2,
            "--role must be"},
        BadUserArgs{"ShortPassword",
                    {"user", "add", "--username", "bob", "--role", "clerk", "--password", "short"},
                    1,
                    "password"},
        BadUserArgs{"BadUsername",
                    {"user", "add", "--username", "bob smith", "--role", "clerk", "--password",
                     "bob-password-1"},
                    1,
                    "username"},
        BadUserArgs{
            "UnitRoleWithoutUnit",
            {"user", "add", "--username", "bob", "--role", "unit", "--password", "bob-password-1"},
            1,
            "unit_code"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(CommandsTest, UserAddDuplicateExits1) {
    Args args{"user", "add", "--username", "bob", "--role", "clerk", "--password", "bob-pass-1"};
    ASSERT_EQ(runUser(args), 0);
    EXPECT_EQ(runUser(args), 1);
    EXPECT_EQ(output().rfind("error: ", 0), 0u) << output();
}

TEST_F(CommandsTest, VerifyAuditOnEmptyAndOnIntactLog) {
    EXPECT_EQ(run(runVerifyAudit, {"verify-audit"}), 0);
    EXPECT_EQ(output(), "0 audit entries checked, 0 problem(s)\n");

    minimalYear();  // four audited changes
    EXPECT_EQ(run(runVerifyAudit, {"verify-audit"}), 0);
    const auto last = kernel->audit().list(3, 10).value().back();
    EXPECT_EQ(output(), "4 audit entries checked, 0 problem(s)\nhead 4:" + last.hash + "\n");
}

TEST_F(CommandsTest, VerifyAuditFindsATamperedRow) {
    minimalYear();
    Poco::Data::SQLite::Connector::registerConnector();
    {
        Poco::Data::Session db("SQLite", config.databasePath);
        db << "UPDATE audit_log SET actor='someone' WHERE id=2", Poco::Data::Keywords::now;
    }
    std::ostringstream o;
    EXPECT_EQ(runVerifyAudit(*kernel, {"verify-audit"}, o), 1);
    EXPECT_EQ(o.str().rfind("audit #2: ", 0), 0u) << o.str();
    EXPECT_NE(o.str().find("4 audit entries checked, 1 problem(s)"), std::string::npos) << o.str();
}

// The chain alone cannot see entries deleted from its end, nor a log edited and re-hashed: a
// head recorded earlier (with a backup) can. Entry 2 is that head here.
TEST_F(CommandsTest, VerifyAuditChecksARecordedHead) {
    minimalYear();
    const AuditEntry second = kernel->audit().list(1, 1).value().front();
    const std::string head = "2:" + second.hash;
    EXPECT_EQ(run(runVerifyAudit, {"verify-audit", "--head", head}), 0) << output();
    EXPECT_NE(output().find("recorded head " + head + ": in the chain, unchanged"),
              std::string::npos)
        << output();

    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session db("SQLite", config.databasePath);
    // Entry 2 re-written, and every hash from it on re-computed: the chain is intact.
    AuditEntry forged = second;
    forged.actor = "someone";
    std::string prev;
    const std::vector<AuditEntry> entries = kernel->audit().list(0, 10).value();
    for (AuditEntry e : entries) {
        if (e.id == 2)
            e = forged;
        if (e.id > 2)
            e.prevHash = prev;
        e.hash = auditEntryHash(e);
        prev = e.hash;
        db << "UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?",
            Poco::Data::Keywords::useRef(e.actor), Poco::Data::Keywords::useRef(e.prevHash),
            Poco::Data::Keywords::useRef(e.hash), Poco::Data::Keywords::use(e.id),
            Poco::Data::Keywords::now;
    }
    EXPECT_EQ(run(runVerifyAudit, {"verify-audit"}), 0) << output();
    EXPECT_EQ(run(runVerifyAudit, {"verify-audit", "--head", head}), 1) << output();
    EXPECT_EQ(output().rfind("audit #2: mã băm khác", 0), 0u) << output();

    // The last entries deleted: the chain is intact, the recorded head is gone.
    db << "DELETE FROM audit_log WHERE id >= 2", Poco::Data::Keywords::now;
    EXPECT_EQ(run(runVerifyAudit, {"verify-audit"}), 0) << output();
    EXPECT_EQ(run(runVerifyAudit, {"verify-audit", "--head", head}), 1) << output();
    EXPECT_EQ(output().rfind("audit #2: bản ghi đầu chuỗi đã ghi lại không còn", 0), 0u)
        << output();

    for (const std::string& bad :
         std::vector<std::string>{"2", "x:" + second.hash, "2:abc", "0:" + second.hash})
        EXPECT_EQ(run(runVerifyAudit, {"verify-audit", "--head", bad}), 2) << bad;
    EXPECT_EQ(run(runVerifyAudit, {"verify-audit", "--tail", head}), 2);
}

TEST_F(CommandsTest, DemoLoadsOnceAndPrintsTheAccounts) {
    int rc = run(runDemo, {"demo", "--criteria", sampleCriteria()});
    ASSERT_EQ(rc, 0) << output();
    EXPECT_NE(output().find("demo: loaded period 2022, 30 units"), std::string::npos) << output();
    for (const char* account :
         {"admin\tadmin@KiemChung2022", "vanthu\tvanthu@KiemChung2022",
          "thamdinh\tthamdinh@KiemChung2022", "xaphuckhanh\txaphuckhanh@KiemChung2022"})
        EXPECT_NE(output().find(account), std::string::npos) << account;
    EXPECT_EQ(kernel->directory().listUnits(Kernel::systemActor())->size(), 30u);
    EXPECT_EQ(kernel->accounts().listUsers()->size(), 4u);
    EXPECT_TRUE(kernel->auth().login("xaphuckhanh", "xaphuckhanh@KiemChung2022").ok());
    // The district sample serves all three types, each copy titled after its type (the title is
    // shown where the web pages list the sets).
    for (int year : {2021, 2022}) {
        auto sets = kernel->criteria().list(year);
        ASSERT_TRUE(sets.ok());
        std::map<std::string, std::string> titles;
        for (const CriteriaSetInfo& s : *sets) titles[s.unitTypeCode] = s.title;
        const std::string prefix =
            "Bộ tiêu chí xác định Chỉ số CCHC năm " + std::to_string(year) + " — ";
        EXPECT_EQ(titles["xa"], prefix + "UBND cấp xã");
        EXPECT_EQ(titles["phong"], prefix + "Cơ quan chuyên môn thuộc UBND huyện");
        EXPECT_EQ(titles["huyen"], prefix + "UBND cấp huyện");
    }

    // Scores to rank: every commune but XA16 (left to the demo unit account) appraised, last
    // year's results beside this year's, the district with survey points.
    auto xa = kernel->results().table(2022, "xa");
    ASSERT_TRUE(xa.ok());
    ASSERT_EQ(xa->units.size(), 17u);
    EXPECT_EQ(xa->max, Points::fromHundredths(7000));  // agencies and communes: rescaled
    for (const UnitResult& u : xa->units) {
        EXPECT_EQ(u.flaggedItems > 0, u.unitCode == "XA16") << u.unitCode;
        EXPECT_GE(u.selfTotal, u.step1Total);
        if (u.unitCode != "XA16") {
            EXPECT_GT(u.total, Points::fromHundredths(3500)) << u.unitCode;
            EXPECT_EQ(xa->previous.count(u.unitCode), 1u) << u.unitCode;
        }
    }
    auto huyen = kernel->results().table(2022, "huyen");
    ASSERT_TRUE(huyen.ok());
    EXPECT_GT(huyen->units.front().survey, Points::fromHundredths(2800));
    EXPECT_EQ(kernel->survey().sipas(2022)->units.size(), 17u);

    // A second run changes nothing.
    EXPECT_EQ(run(runDemo, {"demo"}), 0) << output();
    EXPECT_NE(output().find("nothing loaded"), std::string::npos) << output();
    EXPECT_NE(output().find("no demo scores added"), std::string::npos) << output();
    EXPECT_EQ(kernel->directory().listUnits(Kernel::systemActor())->size(), 30u);

    std::ostringstream verify;
    EXPECT_EQ(runVerifyAudit(*kernel, {"verify-audit"}, verify), 0) << verify.str();
}

TEST_F(CommandsTest, DemoDefaultsToTheBundledCriteria) {
    // Tests run from the repository root, where the default path is relative to.
    EXPECT_EQ(run(runDemo, {"demo"}), 0) << output();
    EXPECT_EQ(kernel->criteria().list(2022)->size(), 3u);  // huyen, phong, xa
}

TEST_F(CommandsTest, DemoWithUnreadableCriteriaFailsAndLoadsNothing) {
    EXPECT_EQ(run(runDemo, {"demo", "--criteria", "/nonexistent/criteria.json"}), 1);
    EXPECT_NE(output().find("cannot read criteria file"), std::string::npos) << output();
    // Nothing half-loaded: a later run with the right file still loads everything.
    EXPECT_TRUE(kernel->directory().listPeriods()->empty());
    EXPECT_EQ(run(runDemo, {"demo", "--criteria", sampleCriteria()}), 0) << output();
    EXPECT_EQ(kernel->accounts().listUsers()->size(), 4u);
}

TEST_F(CommandsTest, DemoWithInvalidCriteriaFailsAndLoadsNothing) {
    std::string bad = writeFile("bad.json", R"({"schema_version":"1.0","areas":"none"})");
    EXPECT_EQ(run(runDemo, {"demo", "--criteria", bad}), 1);
    EXPECT_NE(output().find("criteria"), std::string::npos) << output();
    EXPECT_TRUE(kernel->directory().listPeriods()->empty());
    EXPECT_TRUE(kernel->directory().listUnitTypes()->empty());
}

TEST_F(CommandsTest, DemoBadArgumentsExit2) {
    EXPECT_EQ(run(runDemo, {"demo", "--criteria"}), 2);
    EXPECT_NE(output().find("bad argument '--criteria'"), std::string::npos) << output();
    EXPECT_TRUE(kernel->directory().listPeriods()->empty());
}

}  // namespace
}  // namespace kc
