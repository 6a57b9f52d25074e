#include "pdf/CmsSignature.h"

#include "pdf/OpenSslSupport.h"

namespace kc::pdf {

namespace {

Error failed(const char* step) {
    return Error::invalid(std::string("Không tạo được chữ ký CMS (") + step +
                          "): " + ossl::drainErrors());
}

}  // namespace

Result<std::string> CmsSignature::create(EVP_PKEY* key, X509* cert, STACK_OF(X509) * chain,
                                         std::string_view sha256, TimePoint signingTime) {
    if (sha256.size() != kDigestSize)
        return Error::invalid("SHA-256 phải dài 32 byte");
    ossl::drainErrors();
    const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
    ossl::Cms cms(CMS_sign(nullptr, nullptr, chain, nullptr, flags));
    if (!cms || CMS_set_detached(cms.get(), 1) != 1)
        return failed("CMS_sign");
    // CMS_CADES makes OpenSSL 3.0 add the ESS signing-certificate-v2 attribute itself (SHA-256
    // hash of the certificate plus issuer and serial), exactly as RFC 5035 encodes it.
    CMS_SignerInfo* signer = CMS_add1_signer(cms.get(), cert, key, EVP_sha256(), flags | CMS_CADES);
    if (!signer)
        return failed("CMS_add1_signer");
    // Our own signingTime, so the CMS and the PDF's /M agree and tests control the clock.
    ossl::Asn1Time time(ASN1_TIME_set(nullptr, std::chrono::system_clock::to_time_t(signingTime)));
    if (!time || CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_signingTime,
                                             ASN1_STRING_type(time.get()), time.get(), -1) <= 0)
        return failed("signingTime");
    // What CMS_final would add after hashing the content itself (RFC 5652, 5.3 and 11.2).
    if (CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_contentType, V_ASN1_OBJECT,
                                    OBJ_nid2obj(NID_pkcs7_data), -1) <= 0 ||
        CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
                                    sha256.data(), static_cast<int>(sha256.size())) <= 0)
        return failed("messageDigest");
    if (CMS_SignerInfo_sign(signer) != 1)
        return failed("CMS_SignerInfo_sign");

    unsigned char* der = nullptr;
    const int length = i2d_CMS_ContentInfo(cms.get(), &der);
    if (length <= 0)
        return failed("i2d_CMS_ContentInfo");
    std::string bytes(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return bytes;
}

Status CmsSignature::verify(std::string_view der, std::string_view sha256) {
    ossl::drainErrors();
    ossl::Bio in = ossl::memoryBio(der);
    ossl::Cms cms(d2i_CMS_bio(in.get(), nullptr));
    STACK_OF(CMS_SignerInfo)* signers = cms ? CMS_get0_SignerInfos(cms.get()) : nullptr;
    if (!signers || sk_CMS_SignerInfo_num(signers) < 1)
        return Error::invalid("Không đọc được CMS: " + ossl::drainErrors());
    CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(signers, 0);
    if (CMS_set1_signers_certs(cms.get(), nullptr, 0) < 1 || CMS_SignerInfo_verify(signer) != 1)
        return Error::invalid("Chữ ký CMS không khớp các thuộc tính đã ký: " + ossl::drainErrors());
    const int index = CMS_signed_get_attr_by_NID(signer, NID_pkcs9_messageDigest, -1);
    const ASN1_TYPE* digest =
        index < 0 ? nullptr : X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(signer, index), 0);
    if (!digest || digest->type != V_ASN1_OCTET_STRING ||
        std::string_view(reinterpret_cast<const char*>(digest->value.octet_string->data),
                         static_cast<std::size_t>(digest->value.octet_string->length)) != sha256)
        return Error::invalid("messageDigest của CMS không khớp SHA-256 của ByteRange");
    return Ok{};
}

}  // namespace kc::pdf
