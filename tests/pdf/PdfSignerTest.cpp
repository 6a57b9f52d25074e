#include "pdf/PdfSigner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <set>
#include <sstream>

#include "PdfTools.h"
#include "SampleDocument.h"
#include "TempDir.h"
#include "pdf/DemoCertificate.h"
#include "pdf/PdfVerifier.h"

namespace kc::pdf {
namespace {

using kc::test::readAll;
using kc::test::runTool;
using kc::test::TempDir;
using kc::test::writeAll;

constexpr const char* kPassword = "mật-khẩu-thử";
// 2023-02-02T03:30:00Z, i.e. 10:30 in Hà Nội.
const TimePoint kSigningTime = std::chrono::sys_days(std::chrono::year(2023) / 2 / 2) +
                               std::chrono::hours(3) + std::chrono::minutes(30);

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

class PdfSignerTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        _keys = new TempDir;
        ASSERT_TRUE(DemoCertificate::writePkcs12(_keys->file("an.p12"), kPassword).ok());
        DemoCertificateSpec second;
        second.commonName = "Trần Thị Bình";
        second.organization = "UBND huyện Bảo Yên";
        second.keyType = DemoKeyType::EcP256;
        ASSERT_TRUE(DemoCertificate::writePkcs12(_keys->file("binh.p12"), "", second).ok());
    }
    static void TearDownTestSuite() { delete _keys; }

    void SetUp() override { ASSERT_TRUE(sample::sampleDocument({}, 45).writeFile(_unsigned).ok()); }

    static PdfSigner signer(const std::string& file, const std::string& password) {
        auto loaded = PdfSigner::fromPkcs12(_keys->file(file), password);
        EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().message);
        return std::move(loaded).value();
    }

    static SignOptions options() {
        SignOptions o;
        o.reason = "Phê duyệt kết quả đánh giá";
        o.location = "Phúc Khánh, Bảo Yên";
        o.signingTime = kSigningTime;
        return o;
    }

    std::vector<SignatureReport> verify(const std::string& path) {
        auto reports = PdfVerifier::verifyFile(path);
        EXPECT_TRUE(reports.ok());
        return reports.ok() ? *reports : std::vector<SignatureReport>{};
    }

    static inline TempDir* _keys = nullptr;
    TempDir _dir;
    std::string _unsigned = _dir.file("report.pdf");
    std::string _signed = _dir.file("report-signed.pdf");
};

TEST_F(PdfSignerTest, PdfsigAndOurVerifierAgreeTheSignatureIsValid) {
    const PdfSigner an = signer("an.p12", kPassword);
    EXPECT_EQ(an.signerName(), "Nguyễn Văn An");
    const auto start = std::chrono::steady_clock::now();
    ASSERT_TRUE(an.signFile(_unsigned, _signed, options()).ok());
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::cout << "[ timing ] signing a 3-page document (RSA 2048, incl. self-check): " << ms
              << " ms\n";

    const auto pdfsig = runTool(_dir, "pdfsig " + _signed);
    EXPECT_NE(pdfsig.output.find("Signature is Valid"), std::string::npos) << pdfsig.output;
    EXPECT_NE(pdfsig.output.find("Total document signed"), std::string::npos) << pdfsig.output;
    EXPECT_NE(pdfsig.output.find("ETSI.CAdES.detached"), std::string::npos) << pdfsig.output;
    EXPECT_NE(pdfsig.output.find("Nguyễn Văn An"), std::string::npos) << pdfsig.output;
    EXPECT_EQ(runTool(_dir, "qpdf --check " + _signed).exitCode, 0);

    const auto reports = verify(_signed);
    ASSERT_EQ(reports.size(), 1u);
    const SignatureReport& r = reports[0];
    EXPECT_TRUE(r.valid()) << r.problem;
    EXPECT_TRUE(r.coversWholeFile);
    EXPECT_TRUE(r.signingCertificateBound);
    EXPECT_FALSE(r.chainVerified);
    EXPECT_EQ(r.fieldName, "Signature1");
    EXPECT_EQ(r.subFilter, "ETSI.CAdES.detached");
    EXPECT_EQ(r.signerCommonName, "Nguyễn Văn An");
    EXPECT_EQ(r.signerOrganization, "UBND xã Phúc Khánh");
    ASSERT_TRUE(r.signingTime.has_value());
    EXPECT_EQ(*r.signingTime, kSigningTime);
    // The original bytes are untouched: the signature is an incremental update.
    EXPECT_TRUE(readAll(_signed).starts_with(readAll(_unsigned)));
}

TEST_F(PdfSignerTest, OpensslAgreesOnTheDetachedCms) {
    ASSERT_TRUE(signer("an.p12", kPassword).signFile(_unsigned, _signed, options()).ok());
    const auto reports = verify(_signed);
    ASSERT_EQ(reports.size(), 1u);
    const std::string pdf = readAll(_signed);
    const auto [a, b, c, d] = reports[0].byteRange;
    writeAll(_dir.file("range.bin"), pdf.substr(a, b) + pdf.substr(c, d));
    std::string der;
    const std::string hex = pdf.substr(b + 1, c - b - 2);
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        der += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    writeAll(_dir.file("sig.der"), der);
    const auto run =
        runTool(_dir, "openssl cms -verify -binary -inform DER -in " + _dir.file("sig.der") +
                          " -content " + _dir.file("range.bin") + " -noverify -out /dev/null");
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("Verification successful"), std::string::npos) << run.output;
}

TEST_F(PdfSignerTest, AFlippedByteIsCaughtByPdfsigAndOurVerifier) {
    ASSERT_TRUE(signer("an.p12", kPassword).signFile(_unsigned, _signed, options()).ok());
    std::string pdf = readAll(_signed);
    // A byte inside the first page's compressed content stream: the file still parses.
    const std::size_t stream = pdf.find("stream", pdf.find("/Contents"));
    ASSERT_NE(stream, std::string::npos);
    pdf[stream + 20] = static_cast<char>(pdf[stream + 20] ^ 0x01);
    const std::string tampered = _dir.file("tampered.pdf");
    writeAll(tampered, pdf);

    const auto pdfsig = runTool(_dir, "pdfsig " + tampered);
    EXPECT_EQ(pdfsig.output.find("Signature is Valid"), std::string::npos) << pdfsig.output;
    EXPECT_NE(pdfsig.output.find("Digest Mismatch"), std::string::npos) << pdfsig.output;
    const auto reports = verify(tampered);
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_FALSE(reports[0].valid());
    EXPECT_FALSE(reports[0].problem.empty());
}

TEST_F(PdfSignerTest, TwoVisibleSignaturesBothVerify) {
    SignOptions first = options();
    first.visible = VisibleSignature{1, 20, 250, 80, 24};
    ASSERT_TRUE(signer("an.p12", kPassword).signFile(_unsigned, _signed, first).ok());
    SignOptions second = options();
    second.reason = "Thẩm định";
    second.signingTime = kSigningTime + std::chrono::hours(2);
    second.visible = VisibleSignature{1, 110, 250, 80, 24};
    second.reference = "07/QĐ-UBND";  // Decree 30: number and code in the block
    // In place: output and input are the same file.
    const auto start = std::chrono::steady_clock::now();
    ASSERT_TRUE(signer("binh.p12", "").signFile(_signed, _signed, second).ok());
    if (const char* keep = std::getenv("KC_PDF_KEEP_DIR"))
        writeAll(std::string(keep) + "/signed-twice.pdf", readAll(_signed));
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::cout << "[ timing ] second, visible signature (EC P-256): " << ms << " ms\n";

    const auto pdfsig = runTool(_dir, "pdfsig " + _signed);
    EXPECT_EQ(count(pdfsig.output, "Signature is Valid"), 2u) << pdfsig.output;
    EXPECT_NE(pdfsig.output.find("Trần Thị Bình"), std::string::npos);
    EXPECT_EQ(runTool(_dir, "qpdf --check " + _signed).exitCode, 0);

    const auto reports = verify(_signed);
    ASSERT_EQ(reports.size(), 2u);
    EXPECT_TRUE(reports[0].valid()) << reports[0].problem;
    EXPECT_FALSE(reports[0].coversWholeFile);
    EXPECT_EQ(reports[0].signerCommonName, "Nguyễn Văn An");
    EXPECT_TRUE(reports[1].valid()) << reports[1].problem;
    EXPECT_TRUE(reports[1].coversWholeFile);
    EXPECT_EQ(reports[1].fieldName, "Signature2");
    EXPECT_EQ(reports[1].signerCommonName, "Trần Thị Bình");

    const auto fonts = runTool(_dir, "pdffonts " + _signed);
    EXPECT_EQ(fonts.output.find(" no "), std::string::npos) << fonts.output;
    const auto text = runTool(_dir, "pdftotext " + _signed + " -");
    EXPECT_NE(text.output.find("Ký bởi: Trần Thị Bình"), std::string::npos) << text.output;
    // (The block lies over the page's table here, so pdftotext interleaves their words.)
    EXPECT_NE(text.output.find("Số: 07/QĐ-UBND"), std::string::npos) << text.output;
    EXPECT_NE(text.output.find("2023-02-02T12:30:00+07:00"), std::string::npos) << text.output;
}

TEST_F(PdfSignerTest, SignsADocumentWithALargeAttachment) {
    // Large single writes during the incremental update must not confuse the placeholder search.
    PdfDocumentBuilder builder = sample::sampleDocument();
    Attachment big;
    big.name = "minh-chứng.bin";
    for (long i = 0; i < 300000; ++i) big.bytes += static_cast<char>((i * 7919) % 251);
    builder.attachFile(big);
    ASSERT_TRUE(builder.writeFile(_unsigned).ok());
    SignOptions visible = options();
    visible.visible = VisibleSignature{};
    ASSERT_TRUE(signer("an.p12", kPassword).signFile(_unsigned, _signed, visible).ok());
    const auto pdfsig = runTool(_dir, "pdfsig " + _signed);
    EXPECT_NE(pdfsig.output.find("Signature is Valid"), std::string::npos) << pdfsig.output;
    const auto list = runTool(_dir, "pdfdetach -list " + _signed);
    EXPECT_NE(list.output.find("minh-chứng.bin"), std::string::npos) << list.output;
}

TEST_F(PdfSignerTest, ThreeSignaturesStackedInMemoryAllVerify) {
    const PdfSigner an = signer("an.p12", kPassword);
    const PdfSigner binh = signer("binh.p12", "");
    SignOptions visible = options();
    visible.visible = VisibleSignature{2, 20, 200, 80, 24};
    auto once = an.signBytes(readAll(_unsigned), visible);
    ASSERT_TRUE(once.ok()) << once.error().message;
    auto twice = binh.signBytes(*once, options());
    ASSERT_TRUE(twice.ok()) << twice.error().message;
    SignOptions third = options();
    third.fieldName = "Phê duyệt";
    third.visible = VisibleSignature{1, 110, 250, 80, 24};
    auto thrice = an.signBytes(*twice, third);
    ASSERT_TRUE(thrice.ok()) << thrice.error().message;
    EXPECT_TRUE(thrice->starts_with(*twice));
    EXPECT_TRUE(twice->starts_with(*once));
    writeAll(_signed, *thrice);

    const auto pdfsig = runTool(_dir, "pdfsig " + _signed);
    EXPECT_EQ(count(pdfsig.output, "Signature is Valid"), 3u) << pdfsig.output;
    EXPECT_EQ(count(pdfsig.output, "Total document signed"), 1u) << pdfsig.output;
    const auto qpdf = runTool(_dir, "qpdf --check " + _signed);
    EXPECT_EQ(qpdf.exitCode, 0) << qpdf.output;
    const auto reports = verify(_signed);
    ASSERT_EQ(reports.size(), 3u);
    for (const SignatureReport& r : reports) EXPECT_TRUE(r.valid()) << r.fieldName << r.problem;
    EXPECT_EQ(reports[0].fieldName, "Signature1");
    EXPECT_EQ(reports[1].fieldName, "Signature2");
    EXPECT_EQ(reports[2].fieldName, "Phê duyệt");
    EXPECT_TRUE(reports[2].coversWholeFile);
    EXPECT_EQ(reports[1].signerCommonName, "Trần Thị Bình");

    // Each visible block is drawn on its page with the embedded Vietnamese font.
    const auto page2 = runTool(_dir, "pdftotext -f 2 -l 2 " + _signed + " -");
    EXPECT_NE(page2.output.find("Ký bởi: Nguyễn Văn An"), std::string::npos) << page2.output;
    EXPECT_NE(page2.output.find("Lý do: Phê duyệt kết quả đánh giá"), std::string::npos);
    const auto page1 = runTool(_dir, "pdftotext -f 1 -l 1 " + _signed + " -");
    EXPECT_NE(page1.output.find("Cơ quan: UBND xã Phúc Khánh"), std::string::npos) << page1.output;
    const auto fonts = runTool(_dir, "pdffonts " + _signed);
    EXPECT_EQ(fonts.output.find(" no "), std::string::npos) << fonts.output;
    // Every subset has its own tag (ISO 32000-1, 9.6.4), across all revisions.
    std::istringstream lines(fonts.output);
    std::set<std::string> tags;
    int subsets = 0;
    for (std::string line; std::getline(lines, line);)
        if (line.size() > 7 && line[6] == '+') {
            ++subsets;
            tags.insert(line.substr(0, 6));
        }
    EXPECT_GE(subsets, 4) << fonts.output;
    EXPECT_EQ(tags.size(), static_cast<std::size_t>(subsets)) << fonts.output;
}

TEST_F(PdfSignerTest, AFlippedByteInTheAppendedRevisionIsCaught) {
    ASSERT_TRUE(signer("an.p12", kPassword).signFile(_unsigned, _signed, options()).ok());
    std::string pdf = readAll(_signed);
    const std::size_t reason = pdf.rfind("/Reason");
    ASSERT_NE(reason, std::string::npos);
    ASSERT_GT(reason, readAll(_unsigned).size());
    pdf[reason + 1] = 'S';  // "/Season": still a well-formed dictionary
    const std::string tampered = _dir.file("tampered.pdf");
    writeAll(tampered, pdf);
    const auto pdfsig = runTool(_dir, "pdfsig " + tampered);
    EXPECT_EQ(pdfsig.output.find("Signature is Valid"), std::string::npos) << pdfsig.output;
    const auto reports = verify(tampered);
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_FALSE(reports[0].valid());
}

TEST_F(PdfSignerTest, SignsFilesOtherWritersLaidOut) {
    // qpdf renumbers and rewrites every object, with a classic table; a file may also end
    // without a newline after %%EOF.
    const std::string rewritten = _dir.file("qpdf.pdf");
    ASSERT_EQ(
        runTool(_dir, "qpdf --object-streams=disable " + _unsigned + " " + rewritten).exitCode, 0);
    std::string noNewline = readAll(_unsigned);
    while (noNewline.back() == '\n' || noNewline.back() == '\r') noNewline.pop_back();
    writeAll(_dir.file("no-newline.pdf"), noNewline);
    const PdfSigner an = signer("an.p12", kPassword);
    for (const std::string& input : {rewritten, _dir.file("no-newline.pdf")}) {
        SignOptions visible = options();
        visible.visible = VisibleSignature{};
        ASSERT_TRUE(an.signFile(input, _signed, visible).ok()) << input;
        const auto pdfsig = runTool(_dir, "pdfsig " + _signed);
        EXPECT_EQ(count(pdfsig.output, "Signature is Valid"), 1u) << input << pdfsig.output;
        EXPECT_EQ(runTool(_dir, "qpdf --check " + _signed).exitCode, 0) << input;
        const auto reports = verify(_signed);
        ASSERT_EQ(reports.size(), 1u) << input;
        EXPECT_TRUE(reports[0].valid() && reports[0].coversWholeFile) << input;
    }
}

TEST_F(PdfSignerTest, SignsOnTopOfADocumentSignedByTheFormerPodofoPath) {
    const std::string old =
        std::string(KC_SOURCE_DIR) + "/tests/fixtures/pdf/signed-twice-by-podofo.pdf";
    SignOptions visible = options();
    visible.visible = VisibleSignature{1, 20, 250, 80, 24};
    ASSERT_TRUE(signer("binh.p12", "").signFile(old, _signed, visible).ok());
    EXPECT_TRUE(readAll(_signed).starts_with(readAll(old)));
    const auto pdfsig = runTool(_dir, "pdfsig " + _signed);
    EXPECT_EQ(count(pdfsig.output, "Signature is Valid"), 3u) << pdfsig.output;
    EXPECT_EQ(runTool(_dir, "qpdf --check " + _signed).exitCode, 0);
    const auto reports = verify(_signed);
    ASSERT_EQ(reports.size(), 3u);
    for (const SignatureReport& r : reports) EXPECT_TRUE(r.valid()) << r.fieldName << r.problem;
    EXPECT_EQ(reports[2].fieldName, "Signature3");
    EXPECT_EQ(reports[2].signerCommonName, "Trần Thị Bình");
    const auto text = runTool(_dir, "pdftotext " + _signed + " -");
    EXPECT_NE(text.output.find("Ký bởi: Trần Thị Bình"), std::string::npos) << text.output;
}

// A classic-xref PDF made of the given object bodies, numbered from 1.
std::string handMadePdf(const std::vector<std::string>& objects) {
    std::string pdf = "%PDF-1.7\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t at : offsets) {
        char entry[24];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", at);
        pdf += entry;
    }
    return pdf + "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
}

TEST_F(PdfSignerTest, FindsPagesInANestedTreeAndUpdatesWhatOtherWritersShare) {
    // Nested /Pages with an inherited /MediaBox, a landscape page, an inline /AcroForm in the
    // catalog and a page whose /Annots is an indirect array.
    writeAll(_unsigned,
             handMadePdf({"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] >> >>",
                          "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 3 /MediaBox [0 0 595 842] >>",
                          "<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 >>",
                          "<< /Type /Page /Parent 2 0 R /Annots 7 0 R >>",
                          "<< /Type /Page /Parent 3 0 R >>",
                          "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 842 595] >>", "[]"}));
    ASSERT_EQ(runTool(_dir, "qpdf --check " + _unsigned).exitCode, 0);
    SignOptions third = options();
    third.visible = VisibleSignature{3, 20, 30, 80, 24};
    ASSERT_TRUE(signer("an.p12", kPassword).signFile(_unsigned, _signed, third).ok());
    SignOptions second = options();
    second.visible = VisibleSignature{2, 20, 30, 80, 24};
    ASSERT_TRUE(signer("binh.p12", "").signFile(_signed, _signed, second).ok());

    const auto pdfsig = runTool(_dir, "pdfsig " + _signed);
    EXPECT_EQ(count(pdfsig.output, "Signature is Valid"), 2u) << pdfsig.output;
    const auto qpdf = runTool(_dir, "qpdf --check " + _signed);
    EXPECT_EQ(qpdf.exitCode, 0) << qpdf.output;
    const auto reports = verify(_signed);
    ASSERT_EQ(reports.size(), 2u);
    EXPECT_TRUE(reports[0].valid() && reports[1].valid());
    const auto page3 = runTool(_dir, "pdftotext -f 3 -l 3 " + _signed + " -");
    EXPECT_NE(page3.output.find("Ký bởi: Nguyễn Văn An"), std::string::npos) << page3.output;
    const auto page2 = runTool(_dir, "pdftotext -f 2 -l 2 " + _signed + " -");
    EXPECT_NE(page2.output.find("Ký bởi: Trần Thị Bình"), std::string::npos) << page2.output;
    // 30 + 24 mm from the top: the block's bottom edge is at 842 (inherited) or 595 (landscape)
    // minus 153.07 pt.
    const std::string pdf = readAll(_signed);
    static const std::regex rectRe(R"(/Rect \[ ?([\d.]+) ([\d.]+) )");
    std::vector<double> bottoms;
    for (std::sregex_iterator it(pdf.begin(), pdf.end(), rectRe), end; it != end; ++it)
        bottoms.push_back(std::stod((*it)[2]));
    ASSERT_EQ(bottoms.size(), 2u);
    EXPECT_NEAR(bottoms[0], 842 - 153.07, 0.01);
    EXPECT_NEAR(bottoms[1], 595 - 153.07, 0.01);
}

TEST_F(PdfSignerTest, RefusesXrefStreamsAndEncryptedFilesAsInvalidInput) {
    const std::string streams = _dir.file("xref-stream.pdf");
    const std::string encrypted = _dir.file("encrypted.pdf");
    ASSERT_EQ(runTool(_dir, "qpdf --object-streams=generate " + _unsigned + " " + streams).exitCode,
              0);
    ASSERT_EQ(runTool(_dir, "qpdf --encrypt u o 256 -- " + _unsigned + " " + encrypted).exitCode,
              0);
    const PdfSigner an = signer("an.p12", kPassword);
    for (const std::string& input : {streams, encrypted}) {
        const Status status = an.signFile(input, _signed, options());
        ASSERT_FALSE(status.ok()) << input;
        EXPECT_EQ(status.error().code, ErrorCode::InvalidInput) << input;
        EXPECT_FALSE(std::filesystem::exists(_signed)) << input;
    }
    EXPECT_NE(an.signFile(encrypted, _signed).error().message.find("mã hóa"), std::string::npos);
}

TEST_F(PdfSignerTest, ReportsExpectedFailuresAsErrors) {
    EXPECT_EQ(PdfSigner::fromPkcs12(_keys->file("an.p12"), "sai").error().code,
              ErrorCode::InvalidInput);
    EXPECT_EQ(PdfSigner::fromPkcs12(_dir.file("none.p12"), "").error().code, ErrorCode::NotFound);
    writeAll(_dir.file("garbage.p12"), "not a key");
    EXPECT_EQ(PdfSigner::fromPkcs12(_dir.file("garbage.p12"), "").error().code,
              ErrorCode::InvalidInput);

    const PdfSigner an = signer("an.p12", kPassword);
    EXPECT_EQ(an.signFile(_dir.file("none.pdf"), _signed).error().code, ErrorCode::NotFound);
    const std::string full = readAll(_unsigned);
    for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
             {"empty.pdf", ""}, {"text.pdf", "xin chào"}, {"truncated.pdf", full.substr(0, 900)}}) {
        writeAll(_dir.file(name), bytes);
        const Status status = an.signFile(_dir.file(name), _signed);
        ASSERT_FALSE(status.ok()) << name;
        EXPECT_EQ(status.error().code, ErrorCode::InvalidInput) << name;
        EXPECT_FALSE(std::filesystem::exists(_signed)) << name;
        EXPECT_FALSE(PdfVerifier::verifyFile(_dir.file(name)).ok()) << name;
    }

    SignOptions named = options();
    named.fieldName = "GiamDoc";
    ASSERT_TRUE(an.signFile(_unsigned, _signed, named).ok());
    EXPECT_EQ(an.signFile(_signed, _signed, named).error().code, ErrorCode::Duplicate);
    SignOptions farPage = options();
    farPage.visible = VisibleSignature{};
    farPage.visible->page = 99;
    EXPECT_EQ(an.signFile(_unsigned, _signed, farPage).error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(verify(_signed).size(), 1u) << "a failed signing must leave the output alone";
}

// Keys exported by older tools (OpenSSL 1.1, Windows; `openssl pkcs12 -export -legacy`) are
// encrypted with RC2-40 and 3DES, which OpenSSL 3 reads only with its legacy provider loaded:
// such a key was refused as "sai mật khẩu hoặc tệp hỏng (… unsupported)".
TEST_F(PdfSignerTest, LoadsAKeyExportedWithLegacyEncryption) {
    const std::string modern = _dir.file("modern.p12"), pem = _dir.file("key.pem"),
                      legacy = _dir.file("legacy.p12");
    ASSERT_TRUE(DemoCertificate::writePkcs12(modern, "legacy-pass").ok());
    auto run =
        runTool(_dir, "openssl pkcs12 -in " + modern + " -passin pass:legacy-pass -nodes -out " +
                          pem + " && openssl pkcs12 -export -legacy -in " + pem +
                          " -passout pass:legacy-pass -out " + legacy);
    ASSERT_EQ(run.exitCode, 0) << run.output;
    // What it is: unreadable for OpenSSL 3 without the legacy algorithms.
    run = runTool(_dir, "openssl pkcs12 -in " + legacy + " -passin pass:legacy-pass -noout");
    ASSERT_NE(run.output.find("unsupported"), std::string::npos) << run.output;

    auto wrong = PdfSigner::fromPkcs12(legacy, "not-the-password");
    ASSERT_FALSE(wrong.ok());
    EXPECT_NE(wrong.error().message.find("sai mật khẩu"), std::string::npos);

    auto loaded = PdfSigner::fromPkcs12(legacy, "legacy-pass");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded->signerName(), "Nguyễn Văn An");
    ASSERT_TRUE(loaded->signFile(_unsigned, _signed, options()).ok());
    const auto reports = verify(_signed);
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_TRUE(reports[0].valid());
}

TEST_F(PdfSignerTest, AnUnsignedPdfHasNoSignatures) {
    EXPECT_TRUE(verify(_unsigned).empty());
    EXPECT_EQ(PdfVerifier::verifyFile(_dir.file("none.pdf")).error().code, ErrorCode::NotFound);
}

TEST(DemoCertificate, RejectsBadSpecs) {
    TempDir dir;
    DemoCertificateSpec noName;
    noName.commonName = "";
    EXPECT_EQ(DemoCertificate::writePkcs12(dir.file("a.p12"), "x", noName).error().code,
              ErrorCode::InvalidInput);
    DemoCertificateSpec badCountry;
    badCountry.country = "VNM";
    EXPECT_FALSE(DemoCertificate::writePkcs12(dir.file("a.p12"), "x", badCountry).ok());
    EXPECT_EQ(DemoCertificate::writePkcs12("/nonexistent/dir/a.p12", "x").error().code,
              ErrorCode::NotFound);
}

TEST(DemoCertificate, KeyFileIsPrivateToItsOwner) {
    TempDir dir;
    const std::string path = dir.file("k.p12");
    ASSERT_TRUE(DemoCertificate::writePkcs12(path, "x").ok());
    const auto perms = std::filesystem::status(path).permissions();
    EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
              std::filesystem::perms::none);
}

}  // namespace
}  // namespace kc::pdf
