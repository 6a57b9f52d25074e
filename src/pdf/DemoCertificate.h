#pragma once

#include <string>

#include "core/Result.h"

namespace kc::pdf {

enum class DemoKeyType { Rsa2048, EcP256 };

struct DemoCertificateSpec {
    std::string commonName = "Nguyễn Văn An";         // UTF-8
    std::string organization = "UBND xã Phúc Khánh";  // UTF-8
    std::string country = "VN";
    int validDays = 3 * 365;
    DemoKeyType keyType = DemoKeyType::Rsa2048;
};

// A self-signed signing certificate for tests, demos and the server's `init`: never for real
// documents (only a CA-issued certificate gives a signature legal value).
class DemoCertificate {
public:
    // Generates a key and a self-signed certificate (keyUsage digitalSignature and
    // nonRepudiation) and writes them as PKCS#12 to path, readable by the owner only (0600),
    // replacing any file there.
    // Errors: InvalidInput (names not UTF-8, country not two letters, validDays < 1);
    // NotFound (directory missing or not writable).
    static Status writePkcs12(const std::string& path, const std::string& password,
                              const DemoCertificateSpec& spec = {});
};

}  // namespace kc::pdf
