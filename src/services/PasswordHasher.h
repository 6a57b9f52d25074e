#pragma once

#include <string>
#include <string_view>

namespace kc {

// PBKDF2-HMAC-SHA256 (OpenSSL) password hashes in the self-describing form
// "pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>", so the iteration count can rise later
// without invalidating stored hashes. Thread-safe.
class PasswordHasher {
public:
    // REQUIRES: iterations >= 1. Production uses >= 600000 (OWASP 2023); tests may use fewer.
    explicit PasswordHasher(int iterations) : _iterations(iterations) {}

    std::string hash(std::string_view password) const;

    // True when password matches encoded (constant-time comparison). False for malformed input.
    static bool verify(std::string_view password, std::string_view encoded);

private:
    int _iterations;
};

}  // namespace kc
