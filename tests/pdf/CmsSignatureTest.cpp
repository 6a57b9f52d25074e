#include "pdf/CmsSignature.h"

#include <gtest/gtest.h>

#include "PdfTools.h"
#include "TempDir.h"
#include "core/Sha256.h"
#include "pdf/DemoCertificate.h"
#include "pdf/OpenSslSupport.h"

namespace kc::pdf {
namespace {

using kc::test::readAll;
using kc::test::runTool;
using kc::test::TempDir;
using kc::test::writeAll;

std::string sha256Of(const std::string& bytes) {
    Sha256 hash;
    hash.update(bytes);
    return hash.digest();
}

// A SignedData made from a digest verifies with openssl over the content itself, and
// CmsSignature::verify accepts exactly that digest.
TEST(CmsSignature, ASignatureMadeFromADigestVerifiesOverTheContent) {
    TempDir dir;
    const std::string p12 = dir.file("k.p12");
    ASSERT_TRUE(DemoCertificate::writePkcs12(p12, "x").ok());
    const std::string bytes = readAll(p12);
    ossl::Bio bio = ossl::memoryBio(bytes);
    ossl::Pkcs12 parsed(d2i_PKCS12_bio(bio.get(), nullptr));
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509)* chain = nullptr;
    ASSERT_EQ(PKCS12_parse(parsed.get(), "x", &key, &cert, &chain), 1);
    ossl::Key ownedKey(key);
    ossl::Cert ownedCert(cert);
    ossl::CertStack ownedChain(chain ? chain : sk_X509_new_null());

    const std::string content = "%PDF-1.7 nội dung đã ký";
    auto der = CmsSignature::create(key, cert, ownedChain.get(), sha256Of(content),
                                    TimePoint(std::chrono::seconds(1675308600)));
    ASSERT_TRUE(der.ok()) << der.error().message;
    writeAll(dir.file("content.bin"), content);
    writeAll(dir.file("sig.der"), *der);
    const auto run =
        runTool(dir, "openssl cms -verify -binary -inform DER -in " + dir.file("sig.der") +
                         " -content " + dir.file("content.bin") + " -noverify -out /dev/null");
    EXPECT_NE(run.output.find("Verification successful"), std::string::npos) << run.output;

    EXPECT_TRUE(CmsSignature::verify(*der + std::string(64, '\0'), sha256Of(content)).ok());
    EXPECT_EQ(CmsSignature::verify(*der, sha256Of(content + " ")).error().code,
              ErrorCode::InvalidInput);
    std::string flipped = *der;
    flipped[flipped.size() - 5] ^= 0x01;  // inside the signature value
    EXPECT_FALSE(CmsSignature::verify(flipped, sha256Of(content)).ok());
    EXPECT_FALSE(CmsSignature::verify("not a cms", sha256Of(content)).ok());
    EXPECT_FALSE(CmsSignature::create(key, cert, ownedChain.get(), "short", {}).ok());
}

}  // namespace
}  // namespace kc::pdf
