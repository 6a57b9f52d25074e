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
// and chain embedded. Thread-safe for distinct content.
class CmsSignature {
public:
    // DER bytes of the SignedData.
    // Errors: InvalidInput when OpenSSL refuses the key (the message carries OpenSSL's reason).
    static Result<std::string> create(EVP_PKEY* key, X509* cert, STACK_OF(X509) * chain,
                                      std::string_view content, TimePoint signingTime);
};

}  // namespace kc::pdf
