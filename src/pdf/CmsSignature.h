#pragma once

// Internal to kc_pdf.

#include <openssl/x509.h>

#include <string>
#include <string_view>

#include "core/Clock.h"
#include "core/Result.h"

namespace kc::pdf {

// Detached CMS SignedData over a PDF byte range, as PAdES baseline B wants it (SubFilter
// ETSI.CAdES.detached): SHA-256, signed attributes contentType, messageDigest, signingTime and
// signing-certificate-v2 (which binds the signer certificate's hash), the signer's certificate
// and chain embedded. The content is given by its SHA-256, so callers hash a large file's two
// ranges in place instead of copying them. Thread-safe for distinct content.
class CmsSignature {
public:
    static constexpr std::size_t kDigestSize = 32;

    // DER bytes of the SignedData whose messageDigest is sha256 (kDigestSize bytes).
    // Errors: InvalidInput when OpenSSL refuses the key (the message carries OpenSSL's reason).
    static Result<std::string> create(EVP_PKEY* key, X509* cert, STACK_OF(X509) * chain,
                                      std::string_view sha256, TimePoint signingTime);

    // Checks a SignedData as create() makes it: its first signer's signature over the signed
    // attributes verifies with the embedded signer certificate, and its messageDigest equals
    // sha256. Trailing zero bytes after the DER (a /Contents padding) are ignored.
    // Errors: InvalidInput saying what does not hold.
    static Status verify(std::string_view der, std::string_view sha256);
};

}  // namespace kc::pdf
