#include "pdf/DemoCertificate.h"

#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "core/Text.h"
#include "pdf/OpenSslSupport.h"
#include "pdf/PdfFailure.h"

namespace kc::pdf {

namespace {

void check(bool ok, const char* step) {
    if (!ok)
        throw PdfFailure(std::string("OpenSSL ") + step + ": " + ossl::drainErrors());
}

void addExtension(X509* cert, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    check(ext != nullptr, "X509V3_EXT_conf_nid");
    const int added = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    check(added == 1, "X509_add_ext");
}

ossl::Cert selfSigned(EVP_PKEY* key, const DemoCertificateSpec& spec) {
    ossl::Cert cert(X509_new());
    check(cert && X509_set_version(cert.get(), 2) == 1, "X509_new");
    BIGNUM* serial = BN_new();
    check(serial && BN_rand(serial, 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
              BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get())) != nullptr,
          "serial");
    BN_free(serial);
    check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr &&
              X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400L * spec.validDays) != nullptr,
          "validity");
    check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");
    X509_NAME* name = X509_get_subject_name(cert.get());
    auto add = [&](const char* field, int type, const std::string& value) {
        check(X509_NAME_add_entry_by_txt(name, field, type,
                                         reinterpret_cast<const unsigned char*>(value.c_str()), -1,
                                         -1, 0) == 1,
              "X509_NAME_add_entry_by_txt");
    };
    add("C", MBSTRING_ASC, spec.country);
    if (!spec.organization.empty())
        add("O", MBSTRING_UTF8, spec.organization);
    add("CN", MBSTRING_UTF8, spec.commonName);
    check(X509_set_issuer_name(cert.get(), name) == 1, "X509_set_issuer_name");
    addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(cert.get(), NID_key_usage, "critical,digitalSignature,nonRepudiation");
    addExtension(cert.get(), NID_subject_key_identifier, "hash");
    check(X509_sign(cert.get(), key, EVP_sha256()) > 0, "X509_sign");
    return cert;
}

}  // namespace

Status DemoCertificate::writePkcs12(const std::string& path, const std::string& password,
                                    const DemoCertificateSpec& spec) {
    std::vector<ErrorDetail> problems;
    for (const std::string* s : {&spec.commonName, &spec.organization, &password})
        if (!kc::text::isValidUtf8(*s))
            problems.push_back({"spec", "Không phải UTF-8 hợp lệ"});
    if (spec.commonName.empty())
        problems.push_back({"commonName", "Không được để trống"});
    if (spec.country.size() != 2)
        problems.push_back({"country", "Mã quốc gia gồm 2 chữ cái"});
    if (spec.validDays < 1)
        problems.push_back({"validDays", "Phải dương"});
    if (!problems.empty())
        return Error::invalid("Thông tin chứng thư không hợp lệ", problems);
    DemoCertificateSpec normalised = spec;
    normalised.commonName = kc::text::toNfc(spec.commonName);
    normalised.organization = kc::text::toNfc(spec.organization);

    ossl::drainErrors();
    ossl::Key key(spec.keyType == DemoKeyType::Rsa2048 ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256"));
    check(key != nullptr, "key generation");
    ossl::Cert cert = selfSigned(key.get(), normalised);
    ossl::Pkcs12 p12(PKCS12_create(password.c_str(), normalised.commonName.c_str(), key.get(),
                                   cert.get(), nullptr, 0, 0, 0, 0, 0));
    check(p12 != nullptr, "PKCS12_create");
    unsigned char* der = nullptr;
    const int length = i2d_PKCS12(p12.get(), &der);
    check(length > 0, "i2d_PKCS12");
    std::string bytes(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);

    const std::string temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error{ErrorCode::NotFound, "Không ghi được tệp " + path, {}};
    const bool written =
        ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) &&
        ::fsync(fd) == 0;
    ::close(fd);
    std::error_code ec;
    if (written)
        std::filesystem::rename(temporary, path, ec);
    if (!written || ec) {
        std::remove(temporary.c_str());
        return Error{ErrorCode::NotFound, "Không ghi được tệp " + path, {}};
    }
    return Ok{};
}

}  // namespace kc::pdf
