#include "services/DocumentService.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <latch>
#include <thread>

#include "core/Sha256.h"
#include "pdf/DemoCertificate.h"
#include "pdf/PdfTools.h"
#include "services/AssessmentFixture.h"
#include "services/EvidenceService.h"
#include "services/ResultsService.h"
#include "services/SurveyService.h"
#include "storage/BlobContentStore.h"

namespace kc {
namespace {

using test::at;
using test::kClerk;
using test::kOtherUnit;
using test::kReviewer;
using test::kUnit;
using test::runTool;

// The assessment fixture plus evidence, two demo keys and the document service over the
// repository's templates.
class DocumentServiceTest : public test::AssessmentFixture {
protected:
    DocumentServiceTest()
        : blobs(dir.path() / "storage"),
          content(blobs),
          evidence(*store, content, clock),
          documents(*store, content, clock,
                    DocumentSettings{std::string(KC_SOURCE_DIR) + "/templates",
                                     "https://cchc.baoyen.gov.vn"},
                    signers()) {}

    DocumentSigners signers() {
        pdf::DemoCertificateSpec org;
        org.commonName = "UBND huyện Bảo Yên";
        pdf::DemoCertificateSpec chair;
        chair.commonName = "Nguyễn Văn An";
        chair.keyType = pdf::DemoKeyType::EcP256;
        EXPECT_TRUE(pdf::DemoCertificate::writePkcs12(dir.file("org.p12"), "k", org).ok());
        EXPECT_TRUE(pdf::DemoCertificate::writePkcs12(dir.file("chair.p12"), "k", chair).ok());
        DocumentSigners s;
        s.organisation = report::Pkcs12DocumentSigner::load(dir.file("org.p12"), "k").value();
        s.approver = report::Pkcs12DocumentSigner::load(dir.file("chair.p12"), "k").value();
        return s;
    }

    Id upload(const std::string& sub, const std::string& bytes, const std::string& name) {
        auto w = content.begin(1 << 20);
        EXPECT_TRUE(w->write(bytes.data(), bytes.size()).ok());
        auto stored = w->commit();
        auto items = evidence.upload(kUnit, 2022, "XA16", sub, {{stored.value(), name}}, {});
        EXPECT_TRUE(items.ok());
        return items->front().id;
    }

    // XA16 with two scored items and two files; returns the generated sheet.
    OfficialDocument sheet() {
        planId = upload("1.1.1", "%PDF-1.4 kế hoạch", "Kế hoạch 97-KH-UBND.pdf");
        upload("1.1.1", "%PDF-1.4 báo cáo", "Báo cáo CCHC quý I.pdf");
        EXPECT_TRUE(self("1.1.1", "1").ok());
        DocumentRequest req;
        req.unitCode = "XA16";
        req.number = 5;
        req.date = at("2023-02-02T03:00:00Z");
        auto doc = documents.generate(kClerk, 2022, req);
        EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().message);
        return doc.value();
    }

    std::string bytesOf(const OfficialDocument& d) {
        auto c = documents.content(kClerk, d.id);
        EXPECT_TRUE(c.ok());
        return std::string((std::istreambuf_iterator<char>(*c->stream)), {});
    }

    // pdfsig's verdict per signature: "valid" / "mismatch" / other text.
    std::vector<std::string> pdfsig(const std::string& bytes) {
        const std::string path = dir.file("check.pdf");
        test::writeAll(path, bytes);
        const std::string out = runTool(dir, "pdfsig " + path).output;
        std::vector<std::string> verdicts;
        std::istringstream lines(out);
        for (std::string line; std::getline(lines, line);)
            if (line.find("Signature Validation:") != std::string::npos)
                verdicts.push_back(line.find("Signature is Valid") != std::string::npos ? "valid"
                                   : line.find("Digest Mismatch") != std::string::npos  ? "mismatch"
                                                                                        : line);
        return verdicts;
    }

    BlobStore blobs;
    BlobContentStore content;
    EvidenceService evidence;
    DocumentService documents;
    Id planId = 0;
};

TEST_F(DocumentServiceTest, ASheetIsSignedStoredListedAndAudited) {
    const OfficialDocument d = sheet();
    EXPECT_EQ(d.kind, DocumentKind::AppraisalSheet);
    EXPECT_EQ(d.unitCode, "XA16");
    EXPECT_EQ(d.number, 5);
    EXPECT_EQ(d.signatureCount, 1);
    EXPECT_EQ(d.signedBy, "UBND huyện Bảo Yên");
    EXPECT_EQ(d.sha256.size(), 64u);
    EXPECT_EQ(d.manifestSha256.size(), 64u);
    EXPECT_EQ(auditCount("document.generate"), 1u);
    EXPECT_EQ(documents.list(kClerk, 2022)->size(), 1u);
    EXPECT_EQ(documents.list(kUnit, 2022)->size(), 1u);
    EXPECT_TRUE(documents.list(kOtherUnit, 2022)->empty());
    EXPECT_EQ(documents.get(kOtherUnit, d.id).error().code, ErrorCode::Forbidden);
    EXPECT_TRUE(documents.get(kReviewer, d.id).ok());
    EXPECT_EQ(blobs.size(d.sha256), d.size);

    const std::string bytes = bytesOf(d);
    EXPECT_EQ(pdfsig(bytes), std::vector<std::string>{"valid"});
    const std::string path = dir.file("sheet.pdf");
    test::writeAll(path, bytes);
    EXPECT_EQ(runTool(dir, "qpdf --check " + path).exitCode, 0);
    const std::string text = runTool(dir, "pdftotext " + path + " -").output;
    EXPECT_NE(text.find("Số: 05/PTĐ-TTĐ"), std::string::npos) << text;
    // The organisation's signature block cites the number and code too (Decree 30).
    EXPECT_NE(text.find("Số: 05/PTĐ-TTĐ – Thời gian: "), std::string::npos) << text;
    EXPECT_NE(text.find("UBND xã Phúc Khánh"), std::string::npos);
    EXPECT_NE(text.find("MC" + std::to_string(planId)), std::string::npos);
}

TEST_F(DocumentServiceTest, OurVerifierReportsSignatureManifestAndStoredDocument) {
    const OfficialDocument d = sheet();
    auto v = documents.verify(kClerk, bytesOf(d));
    ASSERT_TRUE(v.ok()) << v.error().message;
    ASSERT_EQ(v->signatures.size(), 1u);
    EXPECT_TRUE(v->signatures[0].valid);
    EXPECT_TRUE(v->signatures[0].coversWholeDocument);
    EXPECT_EQ(v->signatures[0].signerCommonName, "UBND huyện Bảo Yên");
    EXPECT_EQ(v->signatures[0].signingTime, clock.now());
    ASSERT_TRUE(v->manifest.has_value());
    EXPECT_TRUE(v->manifest->matches);
    EXPECT_EQ(v->manifest->files, 2);
    ASSERT_TRUE(v->stored.has_value());
    EXPECT_EQ(v->stored->id, d.id);
}

TEST_F(DocumentServiceTest, OneFlippedByteIsAMismatchForPdfsigAndForUs) {
    std::string bytes = bytesOf(sheet());
    // Inside the first content stream: covered by the signature, harmless to the PDF's structure.
    const std::size_t at = bytes.find("stream\n");
    ASSERT_NE(at, std::string::npos);
    bytes[at + 40] ^= 0x01;
    EXPECT_EQ(pdfsig(bytes), std::vector<std::string>{"mismatch"});
    auto v = documents.verify(kClerk, bytes);
    ASSERT_TRUE(v.ok());
    ASSERT_EQ(v->signatures.size(), 1u);
    EXPECT_FALSE(v->signatures[0].valid);
    EXPECT_FALSE(v->signatures[0].problem.empty());
    EXPECT_FALSE(v->stored.has_value());
}

TEST_F(DocumentServiceTest, ASecondSignerSignsOnTopAndBothSignaturesStayValid) {
    const OfficialDocument first = sheet();
    auto second = documents.signOnTop(kClerk, first.id);
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_EQ(second->previousId, first.id);
    EXPECT_EQ(second->signatureCount, 2);
    EXPECT_EQ(second->signedBy, "Nguyễn Văn An");
    EXPECT_EQ(auditCount("document.sign"), 1u);
    const std::string bytes = bytesOf(*second);
    EXPECT_EQ(pdfsig(bytes), (std::vector<std::string>{"valid", "valid"}));
    auto v = documents.verify(kClerk, bytes);
    ASSERT_EQ(v->signatures.size(), 2u);
    EXPECT_TRUE(v->signatures[0].valid);
    EXPECT_FALSE(v->signatures[0].coversWholeDocument);
    EXPECT_TRUE(v->signatures[1].valid);
    EXPECT_TRUE(v->signatures[1].coversWholeDocument);
    EXPECT_EQ(documents.list(kClerk, 2022)->size(), 2u);
}

TEST_F(DocumentServiceTest, ADocumentIsApprovedOnceAndItsApprovedCopyNotAgain) {
    const OfficialDocument first = sheet();
    auto second = documents.signOnTop(kClerk, first.id);
    ASSERT_TRUE(second.ok()) << second.error().message;
    for (Id again : {first.id, second->id}) {
        auto refused = documents.signOnTop(kClerk, again);
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().code, ErrorCode::Conflict);
        EXPECT_NE(refused.error().message.find("phê duyệt"), std::string::npos)
            << refused.error().message;
    }
    EXPECT_EQ(documents.list(kClerk, 2022)->size(), 2u);
    EXPECT_EQ(auditCount("document.sign"), 1u);
}

TEST_F(DocumentServiceTest, OfSimultaneousApprovalsOneIsStored) {
    const OfficialDocument first = sheet();
    constexpr int kRequests = 4;
    std::latch start(kRequests);
    std::vector<std::optional<ErrorCode>> outcomes(kRequests);
    std::vector<std::thread> requests;
    for (int i = 0; i < kRequests; ++i)
        requests.emplace_back([&, i] {
            start.arrive_and_wait();
            auto r = documents.signOnTop(kClerk, first.id);
            if (!r.ok())
                outcomes[i] = r.error().code;
        });
    for (auto& t : requests) t.join();
    EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), std::nullopt), 1);
    EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ErrorCode::Conflict), kRequests - 1);
    EXPECT_EQ(documents.list(kClerk, 2022)->size(), 2u);
    EXPECT_EQ(auditCount("document.sign"), 1u);
}

TEST_F(DocumentServiceTest, AWithdrawnCitedFileBreaksTheManifest) {
    const std::string bytes = bytesOf(sheet());
    ASSERT_TRUE(evidence.withdraw(kUnit, planId).ok());
    auto v = documents.verify(kClerk, bytes);
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->signatures[0].valid) << "the document itself is intact";
    ASSERT_TRUE(v->manifest.has_value());
    EXPECT_FALSE(v->manifest->matches);
    ASSERT_EQ(v->manifest->problems.size(), 1u);
    EXPECT_EQ(v->manifest->problems[0].path, "MC" + std::to_string(planId));
}

// Anyone may verify a PDF, but a unit sees only its own evidence: a manifest made up to cite
// other units' files (or ids that do not exist) tells a unit nothing about them, while the
// office gets every detail.
TEST_F(DocumentServiceTest, AUnitsCheckTellsItNothingAboutOtherUnitsEvidence) {
    const std::string own = "%PDF-1.4 kế hoạch", theirBytes = "%PDF biên bản";
    auto theirs = content.begin(1 << 20);
    ASSERT_TRUE(theirs->write(theirBytes.data(), theirBytes.size()).ok());
    auto stored = theirs->commit();
    auto other = evidence.upload(kOtherUnit, 2022, "XA02", "1.1.1",
                                 {{stored.value(), "Biên bản kỷ luật XA02.pdf"}}, {});
    ASSERT_TRUE(other.ok()) << other.error().message;
    const Id otherId = other->front().id;
    EXPECT_TRUE(documents.verify(kUnit, bytesOf(sheet()))->manifest->matches);

    auto cite = [](Id id, const std::string& name, std::size_t size, const std::string& sha) {
        return "{\"id\":" + std::to_string(id) + ",\"file_name\":\"" + name +
               "\",\"size\":" + std::to_string(size) + ",\"sha256\":\"" + sha + "\"}";
    };
    const std::string guess = cite(otherId, "?", theirBytes.size(), stored->sha256);
    test::writeAll(dir.file("m.json"),
                   "{\"units\":[{\"code\":\"XA16\",\"items\":[{\"evidence\":[" +
                       cite(planId, "Kế hoạch 97-KH-UBND.pdf", own.size(), Sha256::hex(own)) + "," +
                       guess + "," + cite(99999, "?", 1, "0") +
                       "]}]},{\"code\":\"XA02\",\"items\":[{\"evidence\":[" + guess + "]}]}]}");
    ASSERT_EQ(runTool(dir, "qpdf --empty --add-attachment " + dir.file("m.json") +
                               " --key=manifest.json -- " + dir.file("forged.pdf"))
                  .exitCode,
              0);
    const std::string forged = test::readAll(dir.file("forged.pdf"));

    auto unit = documents.verify(kUnit, forged);
    ASSERT_TRUE(unit.ok()) << unit.error().message;
    ASSERT_TRUE(unit->manifest.has_value());
    EXPECT_FALSE(unit->manifest->matches);
    EXPECT_EQ(unit->manifest->files, 4);
    EXPECT_EQ(unit->manifest->notChecked, 1);
    const std::vector<ErrorDetail> expected{
        {"MC" + std::to_string(otherId), "Không có trong hồ sơ của đơn vị"},
        {"MC99999", "Không có trong hồ sơ của đơn vị"}};
    ASSERT_EQ(unit->manifest->problems.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(unit->manifest->problems[i].path, expected[i].path);
        EXPECT_EQ(unit->manifest->problems[i].message, expected[i].message);
    }

    auto office = documents.verify(kClerk, forged);
    ASSERT_TRUE(office.ok());
    EXPECT_EQ(office->manifest->notChecked, 0);
    std::string messages;
    for (const auto& p : office->manifest->problems) messages += p.path + " " + p.message + "\n";
    EXPECT_NE(messages.find("Thuộc đơn vị khác: XA02"), std::string::npos) << messages;
    EXPECT_NE(messages.find("Tên tệp khác: Biên bản kỷ luật XA02.pdf"), std::string::npos);
    EXPECT_NE(messages.find("MC99999 Không còn trong hệ thống"), std::string::npos) << messages;
}

TEST_F(DocumentServiceTest, RequestsAreChecked) {
    DocumentRequest req;
    EXPECT_EQ(documents.generate(kUnit, 2022, req).error().code, ErrorCode::Forbidden);
    EXPECT_EQ(documents.generate(kReviewer, 2022, req).error().code, ErrorCode::Forbidden);
    auto missing = documents.generate(kClerk, 2022, req);
    ASSERT_EQ(missing.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(missing.error().details.at(0).path, "$.unit");
    req.unitCode = "XA99";
    EXPECT_EQ(documents.generate(kClerk, 2022, req).error().code, ErrorCode::NotFound);
    req.unitCode = "XA16";
    EXPECT_EQ(documents.generate(kClerk, 2031, req).error().code, ErrorCode::NotFound);
    req.number = 0;
    EXPECT_EQ(documents.generate(kClerk, 2022, req).error().details.at(0).path, "$.number");
    EXPECT_EQ(documents.verify(kClerk, "not a pdf").error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(auditCount("document.generate"), 0u);
}

TEST_F(DocumentServiceTest, WithoutAKeyNothingIsGenerated) {
    DocumentService keyless(*store, content, clock,
                            DocumentSettings{std::string(KC_SOURCE_DIR) + "/templates", "http://x"},
                            DocumentSigners{nullptr, nullptr, "Không tìm thấy tệp khóa", ""});
    DocumentRequest req;
    req.unitCode = "XA16";
    auto r = keyless.generate(kClerk, 2022, req);
    ASSERT_EQ(r.error().code, ErrorCode::NotFound);
    EXPECT_NE(r.error().message.find("Không tìm thấy tệp khóa"), std::string::npos);
}

TEST_F(DocumentServiceTest, TheDecisionDraftAndTheAnnualReportComeFromTheSameData) {
    const OfficialDocument first = sheet();
    // Survey points and SIPAS, so the documents have every part of a result to print.
    SurveyService survey(*store, clock, cache);
    ASSERT_TRUE(
        survey.importSurveyCsv(kClerk, 2022, "unit_code,sub_code,pct\nXA16,1.7.1,94.29\n", false)
            .ok());
    ASSERT_TRUE(survey
                    .putFactors(kClerk, 2022,
                                {{"TC", "Tiếp cận dịch vụ", {"q1"}}, {"KQ", "Kết quả", {"q2"}}})
                    .ok());
    ASSERT_TRUE(
        survey
            .importAggregates(kClerk, 2022,
                              "unit_code,factor,valid,satisfied\nXA16,TC,8,7\nXA16,KQ,4,3\n", false)
            .ok());
    ResultsService results(*store, clock, cache);
    auto table = results.table(2022, "xa");
    ASSERT_TRUE(table.ok());
    const UnitResult& xa16 = table->units.front();
    ASSERT_EQ(xa16.unitCode, "XA16");
    EXPECT_EQ(xa16.total.toString(true), "2,41");  // self 1 (not yet appraised) + survey 1.41
    DocumentRequest req;
    req.kind = DocumentKind::DecisionDraft;
    req.date = at("2023-02-02T03:00:00Z");
    auto decision = documents.generate(kClerk, 2022, req);
    ASSERT_TRUE(decision.ok()) << decision.error().message;
    const std::string path = dir.file("decision.pdf");
    test::writeAll(path, bytesOf(*decision));
    const std::string text = runTool(dir, "pdftotext " + path + " -").output;
    for (const std::string& expected : std::vector<std::string>{
             "QUYẾT ĐỊNH", "/QĐ-UBND", "Điều 3.", "Phụ lục I", "UBND xã Phúc Khánh",
             "UBND xã Bảo Hà", "MC" + std::to_string(planId),
             // the results service's figures, with a decimal comma
             xa16.total.toString(true), xa16.indexPct.toString(true), xa16.grade})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n"
                                                          << text.substr(0, 600);
    EXPECT_EQ(pdfsig(bytesOf(*decision)), std::vector<std::string>{"valid"});
    EXPECT_TRUE(documents.verify(kClerk, bytesOf(*decision))->manifest->matches);

    req.kind = DocumentKind::AnnualReport;
    req.assessmentText = "Các đơn vị đã chủ động triển khai.\n\nMột số xã còn chậm.";
    req.directionsText = "Tiếp tục nâng cao chất lượng tài liệu kiểm chứng.";
    auto annual = documents.generate(kClerk, 2022, req);
    ASSERT_TRUE(annual.ok()) << annual.error().message;
    test::writeAll(path, bytesOf(*annual));
    const std::string report = runTool(dir, "pdftotext " + path + " -").output;
    for (const char* expected :
         {"BÁO CÁO", "I. KHÁI QUÁT CHUNG", "III. KẾT QUẢ XÁC ĐỊNH", "IV. ĐÁNH GIÁ CHUNG",
          "Một số xã còn chậm.", "V. PHƯƠNG HƯỚNG", "Tiếp tục nâng cao", "SIPAS",
          "Tiếp cận dịch vụ", "87,50%", "81,25%",  // TC 7/8, overall (87.50 + 75.00) / 2
          "Các đơn vị chưa tự đánh giá, chấm điểm: UBND xã Bảo Hà.",
          "Điểm tối đa theo loại đơn vị:", "Thời hạn: các đơn vị tự đánh giá", "Điểm trung bình"})
        EXPECT_NE(report.find(expected), std::string::npos) << expected << "\n" << report;
    EXPECT_EQ(documents.list(kUnit, 2022)->size(), 1u) << "units see only their own sheets";
}

// Sixty files on one sub-criterion make its row taller than a page on the unit's sheet and in
// the decision's last appendix: both are still generated and cite every file.
TEST_F(DocumentServiceTest, SixtyFilesOnOneSubCriterionStillGiveTheSheetAndTheDecision) {
    std::vector<UploadedFile> files;
    for (int i = 1; i <= 60; ++i) {
        const std::string bytes = "%PDF-1.4 tài liệu " + std::to_string(i);
        auto w = content.begin(1 << 20);
        ASSERT_TRUE(w->write(bytes.data(), bytes.size()).ok());
        files.push_back({w->commit().value(), "Tài liệu kiểm chứng số " + std::to_string(i) +
                                                  " về cải cách hành chính.pdf"});
    }
    auto uploaded = evidence.upload(kUnit, 2022, "XA16", "1.1.1", files, {});
    ASSERT_TRUE(uploaded.ok()) << uploaded.error().message;
    ASSERT_EQ(uploaded->size(), 60u);

    DocumentRequest req;
    req.unitCode = "XA16";
    req.date = at("2023-02-02T03:00:00Z");
    auto sheet = documents.generate(kClerk, 2022, req);
    ASSERT_TRUE(sheet.ok()) << sheet.error().message;
    req.kind = DocumentKind::DecisionDraft;
    auto decision = documents.generate(kClerk, 2022, req);
    ASSERT_TRUE(decision.ok()) << decision.error().message;
    for (const OfficialDocument* d : {&*sheet, &*decision}) {
        const std::string path = dir.file("sixty.pdf");
        test::writeAll(path, bytesOf(*d));
        const std::string text = runTool(dir, "pdftotext " + path + " -").output;
        for (const EvidenceItem& e : *uploaded)
            EXPECT_NE(text.find("MC" + std::to_string(e.id) + " ·"), std::string::npos)
                << "MC" << e.id << " in document " << d->id;
        EXPECT_TRUE(documents.verify(kClerk, bytesOf(*d))->manifest->matches);
    }
}

}  // namespace
}  // namespace kc
