#pragma once

// Internal to kc_pdf: owning pointers for OpenSSL objects and its error queue as text.

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

namespace kc::pdf::ossl {

template <auto Free>
struct Deleter {
    template <typename T>
    void operator()(T* p) const {
        Free(p);
    }
};

using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;
using Cms = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo_free>>;
using Pkcs12 = std::unique_ptr<PKCS12, Deleter<PKCS12_free>>;
using Asn1Time = std::unique_ptr<ASN1_TIME, Deleter<ASN1_TIME_free>>;

struct CertStackDeleter {
    void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
};
using CertStack = std::unique_ptr<STACK_OF(X509), CertStackDeleter>;

// Drains OpenSSL's error queue into one line (empty when the queue was empty).
std::string drainErrors();

// Makes OpenSSL 3's legacy algorithms (RC2, RC4, DES…) available beside the default ones, for
// the whole process, on the first call: "" once they are, else why not (the legacy provider's
// module is missing). Thread-safe.
std::string loadLegacyProvider();

// A read-only memory BIO over bytes that must outlive it.
Bio memoryBio(std::string_view bytes);

// The UTF-8 value of the first entry with nid in name, or "".
std::string nameEntry(const X509_NAME* name, int nid);

// DER encoding of a certificate ("" on failure).
std::string derOf(X509* cert);

}  // namespace kc::pdf::ossl
