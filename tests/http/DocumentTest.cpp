#include <gtest/gtest.h>

#include "EvidenceTestServer.h"
#include "TestServer.h"

namespace kc::test {
namespace {

// The demo server with signing keys, the sample criteria for communes, and XA16's evidence.
class DocumentTest : public ::testing::Test {
protected:
    DocumentTest() : s(TestServerOptions{.signingKeys = true}) {
        auto set = s.kernel->criteria().importSet(
            Kernel::systemActor(), CriteriaImport{2022, "xa", readFile(demoCriteriaPath()), false});
        if (!set.ok() && set.error().code != ErrorCode::Duplicate)
            throw std::runtime_error(set.error().message);
        s.clock.set(*parseIso("2022-12-01T08:00:00Z"));
        unit = s.login("xaphuckhanh", kUnitPassword);
        clerk = s.login("vanthu", kClerkPassword);
        std::string body = multipartBody({{"file", std::string("Kế hoạch 97-KH-UBND.pdf"),
                                           std::string("%PDF-1.4 kế hoạch")}});
        auto up = s.request("POST", "/api/v1/periods/2022/units/XA16/evidence/1.1.1", unit, body,
                            {{"Content-Type", "multipart/form-data; boundary=" + kBoundary}});
        EXPECT_EQ(up.status, 201) << up.body;
    }

    HttpResult generate(const std::string& token) {
        return s.post("/api/v1/periods/2022/documents", token,
                      R"({"kind":"appraisal_sheet","unit":"XA16","number":3,"date":"2023-02-02","draft":false})");
    }

    TestServer s;
    std::string unit, clerk;
};

TEST_F(DocumentTest, GenerateListDownloadVerifyAndSignOnTop) {
    auto made = generate(clerk);
    ASSERT_EQ(made.status, 201) << made.body;
    auto doc = made.object();
    const int id = doc->getValue<int>("id");
    EXPECT_EQ(doc->getValue<std::string>("kind"), "appraisal_sheet");
    EXPECT_EQ(doc->getValue<int>("signatures"), 1);
    EXPECT_EQ(doc->getValue<std::string>("document_date"), "2023-02-02");
    EXPECT_FALSE(doc->getValue<bool>("draft"));

    auto listed = s.get("/api/v1/periods/2022/documents", unit);
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.object()->getArray("documents")->size(), 1u);

    auto pdf = s.get("/api/v1/documents/" + std::to_string(id) + "/content", clerk);
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
    EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
    EXPECT_EQ(pdf.header("ETag"), "\"" + doc->getValue<std::string>("sha256") + "\"");
    EXPECT_EQ(pdf.header("Content-Disposition").rfind("attachment;", 0), 0u);
    auto preview = s.get("/api/v1/documents/" + std::to_string(id) + "/content?inline=1", clerk);
    ASSERT_EQ(preview.status, 200);
    EXPECT_EQ(preview.header("Content-Disposition").rfind("inline;", 0), 0u);
    EXPECT_EQ(preview.header("Content-Security-Policy"), "default-src 'none'; frame-ancestors 'self'");
    EXPECT_EQ(preview.body, pdf.body);
    auto head = s.request("HEAD", "/api/v1/documents/" + std::to_string(id) + "/content", clerk);
    ASSERT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.header("Content-Length"), std::to_string(pdf.body.size()));
    EXPECT_EQ(head.header("ETag"), pdf.header("ETag"));

    auto checked = s.request("POST", "/api/v1/verify", unit, pdf.body,
                             {{"Content-Type", "application/pdf"}});
    ASSERT_EQ(checked.status, 200) << checked.body;
    auto v = checked.object();
    EXPECT_TRUE(v->getValue<bool>("all_signatures_valid"));
    auto sig = v->getArray("signatures")->getObject(0);
    EXPECT_TRUE(sig->getValue<bool>("covers_whole_document"));
    EXPECT_NE(sig->getValue<std::string>("signer").find("CN=Văn phòng HĐND và UBND huyện Bảo Yên"),
              std::string::npos);
    EXPECT_EQ(sig->getValue<std::string>("signing_time"), "2022-12-01T15:00:00+07:00");
    EXPECT_TRUE(v->getObject("manifest")->getValue<bool>("matches"));
    EXPECT_EQ(v->getObject("manifest")->getValue<int>("files"), 1);
    EXPECT_EQ(v->getObject("manifest")->getValue<int>("files_not_checked"), 0);
    EXPECT_EQ(v->getObject("stored_document")->getValue<int>("id"), id);

    auto signedOnTop = s.post("/api/v1/documents/" + std::to_string(id) + "/signatures", clerk, "");
    ASSERT_EQ(signedOnTop.status, 201) << signedOnTop.body;
    EXPECT_EQ(signedOnTop.object()->getValue<int>("signatures"), 2);
    EXPECT_EQ(signedOnTop.object()->getValue<int>("previous_id"), id);

    // Approved once: neither the document nor its approved copy is signed again.
    const int approved = signedOnTop.object()->getValue<int>("id");
    for (int again : {id, approved}) {
        auto refused =
            s.post("/api/v1/documents/" + std::to_string(again) + "/signatures", clerk, "");
        EXPECT_EQ(refused.status, 409) << refused.body;
        EXPECT_EQ(refused.errorCode(), "conflict");
    }
    EXPECT_EQ(
        s.get("/api/v1/periods/2022/documents", clerk).object()->getArray("documents")->size(), 2u);
}

TEST_F(DocumentTest, OnlyTheOfficeGeneratesAndBadInputIsExplained) {
    auto refused = generate(unit);
    EXPECT_EQ(refused.status, 403);
    auto bad = s.post("/api/v1/periods/2022/documents", clerk, R"({"kind":"memo"})");
    ASSERT_EQ(bad.status, 400);
    EXPECT_EQ(bad.object()->getObject("error")->getValue<std::string>("code"), "invalid_input");
    auto garbage = s.request("POST", "/api/v1/verify", unit, "not a pdf",
                             {{"Content-Type", "application/pdf"}});
    EXPECT_EQ(garbage.status, 400);
    EXPECT_EQ(s.get("/api/v1/documents/999/content", clerk).status, 404);
}

}  // namespace
}  // namespace kc::test
