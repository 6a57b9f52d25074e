#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <sstream>

#include "ArchiveUpload.h"
#include "ZipMethods.h"
#include "app/ExportCommand.h"
#include "core/Sha256.h"

namespace kc::test {
namespace {

// A GET through Poco's client, which understands the chunked export.
HttpResult get(EvidenceServer& s, const std::string& path, const std::string& token) {
    Poco::Net::HTTPClientSession session("127.0.0.1", s.port);
    Poco::Net::HTTPRequest req("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
    req.set("Authorization", "Bearer " + token);
    session.sendRequest(req);
    Poco::Net::HTTPResponse res;
    std::istream& in = session.receiveResponse(res);
    HttpResult r;
    r.status = res.getStatus();
    for (const auto& [name, value] : res) r.headers.add(name, value);
    Poco::StreamCopier::copyToString(in, r.body);
    try {
        r.json = Poco::JSON::Parser().parse(r.body);
    } catch (const Poco::Exception&) {
    }
    return r;
}

std::vector<std::vector<std::string>> csvRows(const std::string& csv) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(csv);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        std::vector<std::string> row;
        std::string field;
        bool quoted = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                row.push_back(field);
                field.clear();
            } else {
                field += c;
            }
        }
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

const std::string kPlan = "%PDF-1.4\nKế hoạch\n%%EOF\n";
const std::string kPlan2 = "%PDF-1.4\nKế hoạch bổ sung\n%%EOF\n";
const std::string kWithdrawn = "rút lại";
const std::string kLate = "%PDF-1.4\nbổ sung\n%%EOF\n";

// Evidence of XA16 across the demo period's rounds:
//   self round:        1.1.1 "Kế hoạch CCHC.pdf"; 1.1.2 "KH.pdf" twice (different content);
//                      1.1.3 "rút.txt", withdrawn while self-assessment was open;
//   supplement window: 1.1.1 "Bổ sung, lần 2.pdf" (a comma and a quote for the CSV).
class EvidenceExportTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto up = [&](const std::string& sub, const std::vector<Part>& parts) {
            auto r = s.upload(sub, parts);
            if (r.status != 201)
                throw std::runtime_error("upload failed: " + r.dump());
            return r.array()->getObject(0)->getValue<Id>("id");
        };
        up("1.1.1", {{"doc_number", std::nullopt, "97/KH-UBND"},
                     {"issuer", std::nullopt, "=UBND xã"},
                     {"file", "Kế hoạch CCHC.pdf", kPlan}});
        up("1.1.2", {{"file", "KH.pdf", kPlan}});
        up("1.1.2", {{"file", "KH.pdf", kPlan2}});
        Id withdrawn = up("1.1.3", {{"file", "rút.txt", kWithdrawn}});
        s.clock.advance(std::chrono::hours(1));
        auto w = s.request("POST", "/api/v1/evidence/" + std::to_string(withdrawn) + "/withdraw",
                           s.unitUser());
        ASSERT_EQ(w.status, 200) << w.dump();
        s.clock.set(*parseIso("2023-01-06T00:00:00Z"));
        up("1.1.1", {{"note", std::nullopt, "ghi \"chú\""}, {"file", "Bổ sung, lần 2.pdf", kLate}});
    }

    std::map<std::string, std::string> exportFor(const std::string& query,
                                                 const std::string& token) {
        auto r = get(s, "/api/v1/periods/2022/evidence-export" + query, token);
        EXPECT_EQ(r.status, 200) << r.dump();
        EXPECT_EQ(r.header("Content-Type"), "application/zip");
        EXPECT_EQ(r.header("Transfer-Encoding"), "chunked");
        return unzip(r.body);
    }

    // Sessions outlive the clock jumps between the period's phases.
    EvidenceServer s{[](Config& c) { c.sessionLifetime = std::chrono::hours(24 * 100); }};
};

TEST_F(EvidenceExportTest, SelfRoundHoldsTheEvidenceAsItStoodThen) {
    auto files = exportFor("?unit=XA16&round=self", s.unitUser());
    EXPECT_EQ(files.size(), 5u);  // 3 files + 2 manifests
    EXPECT_EQ(files["1.1.1/Kế hoạch CCHC.pdf"], kPlan);
    EXPECT_EQ(files["1.1.2/KH.pdf"], kPlan);
    EXPECT_EQ(files["1.1.2/KH (2).pdf"], kPlan2);
    EXPECT_FALSE(files.count("1.1.3/rút.txt"));
    EXPECT_FALSE(files.count("1.1.1/Bổ sung, lần 2.pdf"));
}

TEST_F(EvidenceExportTest, SupplementRoundAndCurrentStateAddTheLateFile) {
    for (const std::string query : {"?unit=XA16&round=supplement", "?unit=XA16"}) {
        auto files = exportFor(query, s.clerk());
        EXPECT_EQ(files.size(), 6u) << query;
        EXPECT_EQ(files["1.1.1/Bổ sung, lần 2.pdf"], kLate) << query;
        EXPECT_FALSE(files.count("1.1.3/rút.txt")) << query;
    }
}

// PDFs go in stored (deflating them costs CPU for nothing), the manifests deflated: the
// zip's own headers say which.
TEST_F(EvidenceExportTest, StoresPdfsAndDeflatesTheManifests) {
    auto r = get(s, "/api/v1/periods/2022/evidence-export?unit=XA16", s.clerk());
    ASSERT_EQ(r.status, 200) << r.dump();
    auto methods = zipMethods(r.body);
    EXPECT_EQ(methods.at("1.1.1/Kế hoạch CCHC.pdf"), 0);
    EXPECT_EQ(methods.at("1.1.2/KH.pdf"), 0);
    EXPECT_EQ(methods.at("manifest.csv"), 8);
    EXPECT_EQ(methods.at("manifest.json"), 8);
}

TEST_F(EvidenceExportTest, ManifestsDescribeEveryFile) {
    auto files = exportFor("?unit=XA16", s.reviewer());
    const std::string& csv = files["manifest.csv"];
    ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    auto rows = csvRows(csv.substr(3));
    ASSERT_EQ(rows.size(), 5u);  // header + 4 files
    EXPECT_EQ(rows[0],
              (std::vector<std::string>{"path", "sha256", "size", "uploaded_by", "uploaded_at",
                                        "round", "doc_number", "issue_date", "issuer", "page_ref",
                                        "note", "evidence_id", "file_name"}));
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& row = rows[i];
        ASSERT_EQ(row.size(), 13u);
        ASSERT_TRUE(files.count(row[0])) << row[0];
        EXPECT_EQ(Sha256::hex(files[row[0]]), row[1]);
        EXPECT_EQ(std::to_string(files[row[0]].size()), row[2]);
        EXPECT_EQ(row[3], "xaphuckhanh");
    }
    EXPECT_EQ(rows[1][6], "97/KH-UBND");
    EXPECT_EQ(rows[1][8], "'=UBND xã");  // not a spreadsheet formula
    EXPECT_EQ(rows[4][0], "1.1.1/Bổ sung, lần 2.pdf");
    EXPECT_EQ(rows[4][5], "supplement");
    EXPECT_EQ(rows[4][10], "ghi \"chú\"");
    EXPECT_EQ(rows[4][12], "Bổ sung, lần 2.pdf");

    auto json =
        Poco::JSON::Parser().parse(files["manifest.json"]).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(json->getValue<int>("year"), 2022);
    auto list = json->getArray("files");
    ASSERT_EQ(list->size(), 4u);
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto f = list->getObject(i);
        EXPECT_EQ(f->getValue<std::string>("path"), rows[i + 1][0]);
        EXPECT_EQ(f->getValue<std::string>("sha256"), rows[i + 1][1]);
        EXPECT_EQ(std::to_string(f->getValue<Id>("evidence_id")), rows[i + 1][11]);
        EXPECT_EQ(f->getValue<std::string>("file_name"), rows[i + 1][12]);
    }
}

TEST_F(EvidenceExportTest, AllUnitsGetAFolderEach) {
    auto files = exportFor("", s.clerk());
    EXPECT_EQ(files["XA16/1.1.2/KH (2).pdf"], kPlan2);
    EXPECT_EQ(files.size(), 6u);
}

TEST_F(EvidenceExportTest, UnitsExportOnlyThemselves) {
    EXPECT_EQ(get(s, "/api/v1/periods/2022/evidence-export", s.unitUser()).status, 400);
    EXPECT_EQ(get(s, "/api/v1/periods/2022/evidence-export?unit=XA02", s.unitUser()).status, 403);
    EXPECT_EQ(get(s, "/api/v1/periods/2022/evidence-export?unit=NOPE", s.clerk()).status, 404);
    EXPECT_EQ(get(s, "/api/v1/periods/2022/evidence-export?round=x", s.clerk()).status, 400);
    EXPECT_EQ(get(s, "/api/v1/periods/1999/evidence-export", s.clerk()).status, 404);
}

// A unit's self-assessment round ends at its extension: a file it uploads during the extension
// (after everyone else's round closed) belongs to its self round, in the export as of that round
// and in the list, where it is not marked new since step 1.
TEST(EvidenceExtensionTest, AnExtendedUnitsSelfRoundEndsAtItsExtension) {
    EvidenceServer s{[](Config& c) { c.sessionLifetime = std::chrono::hours(24 * 100); }};
    auto ext = s.request("POST", "/api/v1/periods/2022/units/XA16/extensions", s.clerk(),
                         R"({"phase":"self_assessment","until":"2023-01-03T16:59:59Z",)"
                         R"("reason":"Bão lũ"})");
    ASSERT_EQ(ext.status, 201) << ext.dump();
    s.clock.set(*parseIso("2023-01-02T00:00:00Z"));  // step 1 for everyone else
    auto up = s.upload("1.1.1", {{"file", "gia hạn.pdf", kPlan}});
    ASSERT_EQ(up.status, 201) << up.dump();
    EXPECT_EQ(up.array()->getObject(0)->getValue<std::string>("round"), "self");
    auto files =
        unzip(get(s, "/api/v1/periods/2022/evidence-export?unit=XA16&round=self", s.clerk()).body);
    EXPECT_EQ(files["1.1.1/gia hạn.pdf"], kPlan);
    auto list = s.request("GET", "/api/v1/periods/2022/units/XA16/evidence", s.reviewer());
    ASSERT_EQ(list.status, 200) << list.dump();
    EXPECT_FALSE(list.array()->getObject(0)->getValue<bool>("new_since_step1"));
    auto selfList =
        s.request("GET", "/api/v1/periods/2022/units/XA16/evidence?round=self", s.reviewer());
    ASSERT_EQ(selfList.status, 200) << selfList.dump();
    EXPECT_EQ(selfList.array()->size(), 1u);
}

// Windows ignores case in names, Vietnamese letters too: "BÁO CÁO.pdf" beside "Báo cáo.pdf" in
// one folder would overwrite it when the zip is unpacked there.
TEST(EvidenceExportNamesTest, NamesAlikeIgnoringVietnameseCaseGetANumber) {
    EvidenceServer s;
    ASSERT_EQ(s.upload("1.1.1", {{"file", "Báo cáo.pdf", kPlan}}).status, 201);
    ASSERT_EQ(s.upload("1.1.1", {{"file", "BÁO CÁO.pdf", kPlan2}}).status, 201);
    ASSERT_EQ(s.upload("1.1.1", {{"file", "Đề án.pdf", kLate}}).status, 201);
    ASSERT_EQ(s.upload("1.1.1", {{"file", "đề án.pdf", kWithdrawn}}).status, 201);
    auto files = unzip(get(s, "/api/v1/periods/2022/evidence-export?unit=XA16", s.clerk()).body);
    EXPECT_EQ(files["1.1.1/Báo cáo.pdf"], kPlan);
    EXPECT_EQ(files["1.1.1/BÁO CÁO (2).pdf"], kPlan2);
    EXPECT_EQ(files["1.1.1/Đề án.pdf"], kLate);
    EXPECT_EQ(files["1.1.1/đề án (2).pdf"], kWithdrawn);
}

// Names Windows cannot create (a Mac's "97:KH-UBND.pdf", a device name) are made creatable in
// the zip, so Explorer unpacks the whole export; the manifest keeps each name as uploaded.
TEST(EvidenceExportNamesTest, NamesWindowsRefusesAreMadeCreatable) {
    EvidenceServer s;
    ASSERT_EQ(s.upload("1.1.1", {{"file", "97:KH-UBND <mới>?.pdf", kPlan}}).status, 201);
    ASSERT_EQ(s.upload("1.1.1", {{"file", "con.txt", kPlan2}}).status, 201);
    ASSERT_EQ(s.upload("1.1.1", {{"file", "Báo cáo.", kLate}}).status, 201);
    auto files = unzip(get(s, "/api/v1/periods/2022/evidence-export?unit=XA16", s.clerk()).body);
    EXPECT_EQ(files["1.1.1/97_KH-UBND _mới__.pdf"], kPlan);
    EXPECT_EQ(files["1.1.1/con_.txt"], kPlan2);
    EXPECT_EQ(files["1.1.1/Báo cáo"], kLate);
    auto json =
        Poco::JSON::Parser().parse(files["manifest.json"]).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(json->getArray("files")->getObject(0)->getValue<std::string>("file_name"),
              "97:KH-UBND <mới>?.pdf");
}

// Long names: the " (2)" of a second "a…a.pdf" of 255 bytes, and the "_" after a device name,
// would pass the 255 bytes a zip entry's name may have; the name is cut before its extension.
// A name stored with a C1 control before uploads refused them gets "_" for it. The whole export
// is written every time (it was cut off after its 200 before).
TEST(EvidenceExportNamesTest, EveryStoredNameBecomesAnEntryTheZipTakes) {
    EvidenceServer s;
    const std::string longName = std::string(251, 'a') + ".pdf";
    const std::string device = "CON." + std::string(247, 'x') + ".pdf";
    ASSERT_EQ(s.upload("1.1.1", {{"file", longName, kPlan}}).status, 201);
    ASSERT_EQ(s.upload("1.1.1", {{"file", longName, kPlan2}}).status, 201);
    ASSERT_EQ(s.upload("1.1.1", {{"file", device, kLate}}).status, 201);
    auto refused = s.upload("1.1.1", {{"file",
                                       "bao\xC2\x85"
                                       "cao.txt",
                                       kWithdrawn}});
    EXPECT_EQ(refused.status, 400) << refused.dump();
    ASSERT_EQ(s.upload("1.1.1", {{"file", "legacy.txt", kWithdrawn}}).status, 201);
    {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::Session db("SQLite", s.config.databasePath);
        db << "UPDATE evidence SET file_name = 'bao\xC2\x85"
              "cao.txt' WHERE file_name = 'legacy.txt'",
            Poco::Data::Keywords::now;
    }
    auto r = get(s, "/api/v1/periods/2022/evidence-export?unit=XA16", s.clerk());
    ASSERT_EQ(r.status, 200);
    auto files = unzip(r.body);
    EXPECT_EQ(files["1.1.1/" + longName], kPlan);
    EXPECT_EQ(files["1.1.1/" + std::string(247, 'a') + " (2).pdf"], kPlan2);
    EXPECT_EQ(files["1.1.1/CON_." + std::string(246, 'x') + ".pdf"], kLate);
    EXPECT_EQ(files["1.1.1/bao_cao.txt"], kWithdrawn);
    for (const auto& [path, bytes] : files)
        EXPECT_LE(path.size() - path.rfind('/') - 1, 255u) << path;
    auto all = unzip(get(s, "/api/v1/periods/2022/evidence-export", s.clerk()).body);
    EXPECT_EQ(all["XA16/1.1.1/bao_cao.txt"], kWithdrawn);
}

// The archive import follows the unit's own dates like a single upload: refused once the
// period's self-assessment has closed, taken again after the unit is given an extension.
TEST(EvidenceExtensionTest, AnExtendedUnitImportsArchivesAsItUploads) {
    EvidenceServer s{[](Config& c) { c.sessionLifetime = std::chrono::hours(24 * 100); }};
    s.clock.set(*parseIso("2023-01-02T00:00:00Z"));  // step 1
    const std::string zip = makeZip({{"1.1.1 Kế hoạch/gia hạn.pdf", kPlan}});
    auto closed = uploadArchive(s, "hồ sơ.zip", zip, "?dry_run=true");
    ASSERT_EQ(closed.status, 409) << closed.dump();
    auto ext = s.request("POST", "/api/v1/periods/2022/units/XA16/extensions", s.clerk(),
                         R"({"phase":"self_assessment","until":"2023-01-03T16:59:59Z",)"
                         R"("reason":"Bão lũ"})");
    ASSERT_EQ(ext.status, 201) << ext.dump();
    auto r = uploadArchive(s, "hồ sơ.zip", zip);
    ASSERT_EQ(r.status, 201) << r.dump();
    auto list =
        s.request("GET", "/api/v1/periods/2022/units/XA16/evidence?round=self", s.reviewer());
    ASSERT_EQ(list.status, 200) << list.dump();
    ASSERT_EQ(list.array()->size(), 1u);
    EXPECT_EQ(list.array()->getObject(0)->getValue<std::string>("file_name"), "gia hạn.pdf");
}

// A blob lost from disk is found only while streaming: the connection is cut, so the client
// cannot mistake what it got for a whole zip.
TEST_F(EvidenceExportTest, MissingBlobCutsTheDownloadShort) {
    std::filesystem::remove(s.kernel->blobs().path(Sha256::hex(kPlan2)));
    bool complete = false;
    try {
        auto r = get(s, "/api/v1/periods/2022/evidence-export?unit=XA16", s.clerk());
        complete = r.status == 200 && unzip(r.body).size() == 6u;
    } catch (const std::exception&) {  // Poco's "unexpected EOF in chunked encoding" too
    }
    EXPECT_FALSE(complete);
    // The server is still fine.
    EXPECT_EQ(get(s, "/api/v1/periods/2022/evidence-export?unit=XA16&round=x", s.clerk()).status,
              400);
}

TEST_F(EvidenceExportTest, CommandWritesTheSameZip) {
    const std::string out = s.dir.file("export.zip");
    std::ostringstream log;
    int rc = runExportEvidence(
        *s.kernel,
        {"export-evidence", "--year", "2022", "--unit", "XA16", "--round", "self", "--out", out},
        log);
    ASSERT_EQ(rc, 0) << log.str();
    auto files = unzip(readFile(out));
    EXPECT_EQ(files.size(), 5u);
    EXPECT_EQ(files["1.1.2/KH (2).pdf"], kPlan2);
    EXPECT_FALSE(std::filesystem::exists(out + ".part"));
    EXPECT_EQ(runExportEvidence(*s.kernel, {"export-evidence", "--year", "2022"}, log), 2);
}

}  // namespace
}  // namespace kc::test
