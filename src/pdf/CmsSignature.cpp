#include "pdf/CmsSignature.h"

#include "pdf/OpenSslSupport.h"

namespace kc::pdf {

Result<std::string> CmsSignature::create(EVP_PKEY* key, X509* cert, STACK_OF(X509) * chain,
                                         std::string_view content, TimePoint signingTime) {
    ossl::drainErrors();
    const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
    auto failed = [](const char* step) -> Result<std::string> {
        return Error::invalid(std::string("Không tạo được chữ ký CMS (") + step +
                              "): " + ossl::drainErrors());
    };
    ossl::Cms cms(CMS_sign(nullptr, nullptr, chain, nullptr, flags));
    if (!cms)
        return failed("CMS_sign");
    // CMS_CADES makes OpenSSL 3.0 add the ESS signing-certificate-v2 attribute itself (SHA-256
    // hash of the certificate plus issuer and serial), exactly as RFC 5035 encodes it.
    CMS_SignerInfo* signer = CMS_add1_signer(cms.get(), cert, key, EVP_sha256(), flags | CMS_CADES);
    if (!signer)
        return failed("CMS_add1_signer");
    // Our own signingTime, so the CMS and the PDF's /M agree and tests control the clock;
    // OpenSSL only adds the current time when the attribute is missing.
    ossl::Asn1Time time(ASN1_TIME_set(nullptr, std::chrono::system_clock::to_time_t(signingTime)));
    if (!time || CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_signingTime,
                                             ASN1_STRING_type(time.get()), time.get(), -1) <= 0)
        return failed("signingTime");
    ossl::Bio data = ossl::memoryBio(content);
    if (!data || CMS_final(cms.get(), data.get(), nullptr, flags) <= 0)
        return failed("CMS_final");

    unsigned char* der = nullptr;
    const int length = i2d_CMS_ContentInfo(cms.get(), &der);
    if (length <= 0)
        return failed("i2d_CMS_ContentInfo");
    std::string bytes(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return bytes;
}

}  // namespace kc::pdf
