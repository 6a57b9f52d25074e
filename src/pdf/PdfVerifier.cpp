#include "pdf/PdfVerifier.h"

#include <openssl/ess.h>
#include <openssl/sha.h>

#include <cctype>
#include <ctime>
#include <fstream>
#include <sstream>

#include "pdf/OpenSslSupport.h"
#include "pdf/SignatureFields.h"
#include "pdf/SigningTime.h"

namespace kc::pdf {

namespace {

std::optional<TimePoint> fromAsn1(const ASN1_TIME* time) {
    std::tm tm{};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return std::nullopt;
    return TimePoint(std::chrono::seconds(timegm(&tm)));
}

const ASN1_TYPE* signedAttribute(CMS_SignerInfo* signer, int nid) {
    const int index = CMS_signed_get_attr_by_NID(signer, nid, -1);
    if (index < 0)
        return nullptr;
    return X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(signer, index), 0);
}

// The signing-certificate-v2 attribute parses and carries the SHA-256 of the signer's
// certificate (ESSCertIDv2.certHash; SHA-256 is the default hash algorithm there).
bool certificateBound(CMS_SignerInfo* signer, X509* cert) {
    const ASN1_TYPE* value = signedAttribute(signer, NID_id_smime_aa_signingCertificateV2);
    if (!value || value->type != V_ASN1_SEQUENCE || !cert)
        return false;
    const unsigned char* der = value->value.sequence->data;
    const long length = value->value.sequence->length;
    const unsigned char* cursor = der;
    ESS_SIGNING_CERT_V2* parsed = d2i_ESS_SIGNING_CERT_V2(nullptr, &cursor, length);
    if (!parsed)
        return false;
    ESS_SIGNING_CERT_V2_free(parsed);
    const std::string certDer = ossl::derOf(cert);
    unsigned char hash[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(certDer.data()), certDer.size(), hash);
    const std::string needle =
        std::string("\x04\x20", 2) + std::string(reinterpret_cast<char*>(hash), sizeof hash);
    return std::string_view(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length))
               .find(needle) != std::string_view::npos;
}

// The gap between the two ranges must hold exactly "<hex digits>".
bool gapIsContents(std::string_view pdf, std::int64_t begin, std::int64_t end) {
    if (end - begin < 2 || pdf[static_cast<std::size_t>(begin)] != '<' ||
        pdf[static_cast<std::size_t>(end - 1)] != '>')
        return false;
    for (auto i = static_cast<std::size_t>(begin + 1); i < static_cast<std::size_t>(end - 1); ++i)
        if (!std::isxdigit(static_cast<unsigned char>(pdf[i])))
            return false;
    return true;
}

void checkCms(SignatureReport& report, std::string_view cmsDer, std::string_view content) {
    ossl::drainErrors();
    ossl::Bio in = ossl::memoryBio(cmsDer);
    ossl::Cms cms(d2i_CMS_bio(in.get(), nullptr));
    if (!cms) {
        report.problem = "/Contents không phải CMS: " + ossl::drainErrors();
        return;
    }
    STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
    if (!signers || sk_CMS_SignerInfo_num(signers) < 1) {
        report.problem = "CMS không có người ký";
        return;
    }
    CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(signers, 0);
    CMS_set1_signers_certs(cms.get(), nullptr, 0);
    X509* cert = nullptr;
    CMS_SignerInfo_get0_algs(signer, nullptr, &cert, nullptr, nullptr);
    if (cert) {
        report.signerCommonName = ossl::nameEntry(X509_get_subject_name(cert), NID_commonName);
        report.signerOrganization =
            ossl::nameEntry(X509_get_subject_name(cert), NID_organizationName);
    }
    if (const ASN1_TYPE* time = signedAttribute(signer, NID_pkcs9_signingTime))
        report.signingTime = fromAsn1(time->value.utctime);
    report.signingCertificateBound = certificateBound(signer, cert);

    ossl::Bio data = ossl::memoryBio(content);
    const unsigned flags = CMS_BINARY | CMS_DETACHED | CMS_NO_SIGNER_CERT_VERIFY;
    if (CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr, flags) == 1) {
        report.digestValid = true;
    } else {
        report.problem = "Chữ ký không khớp nội dung (" + ossl::drainErrors() + ")";
    }
}

SignatureReport check(PoDoFo::PdfMemDocument& doc, const SignatureField& field,
                      std::string_view pdf) {
    SignatureReport report;
    report.fieldName = field.name;
    PoDoFo::PdfDictionary& sig = field.value->GetDictionary();
    if (const PoDoFo::PdfObject* sub = sig.GetKey("SubFilter"); sub && sub->IsName())
        report.subFilter = sub->GetName().GetName();
    if (const PoDoFo::PdfObject* m = sig.GetKey("M"); m && (m->IsString() || m->IsHexString()))
        report.signingTime = SigningTime::parsePdfDate(m->GetString().GetStringUtf8());

    PoDoFo::PdfObject* range = SignatureFields::resolve(doc, sig.GetKey("ByteRange"));
    if (!range || !range->IsArray() || range->GetArray().size() != 4) {
        report.problem = "Thiếu ByteRange";
        return report;
    }
    for (std::size_t i = 0; i < 4; ++i) {
        const PoDoFo::PdfObject& n = range->GetArray()[i];
        if (!n.IsNumber()) {
            report.problem = "ByteRange không hợp lệ";
            return report;
        }
        report.byteRange[i] = n.GetNumber();
    }
    const auto [a, b, c, d] = report.byteRange;
    const auto size = static_cast<std::int64_t>(pdf.size());
    if (a != 0 || b <= 0 || c <= b || d < 0 || c + d > size) {
        report.problem = "ByteRange nằm ngoài tệp";
        return report;
    }
    if (!gapIsContents(pdf, b, c)) {
        report.problem = "Khoảng trống của ByteRange không đúng vị trí /Contents";
        return report;
    }
    report.coversWholeFile = c + d == size;

    const PoDoFo::PdfObject* contents = sig.GetKey("Contents");
    if (!contents || !(contents->IsString() || contents->IsHexString())) {
        report.problem = "Thiếu /Contents";
        return report;
    }
    const PoDoFo::PdfString& cms = contents->GetString();
    std::string signedBytes(pdf.substr(0, static_cast<std::size_t>(b)));
    signedBytes.append(pdf.substr(static_cast<std::size_t>(c), static_cast<std::size_t>(d)));
    const std::optional<TimePoint> fromDictionary = report.signingTime;
    report.signingTime.reset();
    checkCms(report, std::string_view(cms.GetString(), cms.GetLength()), signedBytes);
    if (!report.signingTime)
        report.signingTime = fromDictionary;
    return report;
}

}  // namespace

Result<std::vector<SignatureReport>> PdfVerifier::verifyFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error::notFound("Không tìm thấy tệp " + path);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return verifyBytes(bytes.str());
}

Result<std::vector<SignatureReport>> PdfVerifier::verifyBytes(std::string_view pdf) {
    quietPodofo();
    try {
        PoDoFo::PdfMemDocument doc;
        doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
        std::vector<SignatureReport> reports;
        for (const SignatureField& field : SignatureFields::list(doc))
            if (field.value)
                reports.push_back(check(doc, field, pdf));
        return reports;
    } catch (const PoDoFo::PdfError& e) {
        return Error::invalid("Tệp không phải PDF đọc được (" + describe(e) + ")");
    }
}

}  // namespace kc::pdf
