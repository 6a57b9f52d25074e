#include "services/PasswordHasher.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <stdexcept>
#include <vector>

#include "core/Random.h"

namespace kc {

namespace {

constexpr int kKeyBytes = 32;

std::string derive(std::string_view password, const std::string& saltHex, int iterations) {
    unsigned char out[kKeyBytes];
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                          reinterpret_cast<const unsigned char*>(saltHex.data()),
                          static_cast<int>(saltHex.size()), iterations, EVP_sha256(), kKeyBytes,
                          out) != 1)
        throw std::runtime_error("OpenSSL PBKDF2 failed");
    static const char* digits = "0123456789abcdef";
    std::string hex;
    for (unsigned char b : out) {
        hex += digits[b >> 4];
        hex += digits[b & 0xF];
    }
    return hex;
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == sep) {
            parts.emplace_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

}  // namespace

std::string PasswordHasher::hash(std::string_view password) const {
    std::string salt = randomHex(16);
    return "pbkdf2_sha256$" + std::to_string(_iterations) + "$" + salt + "$" +
           derive(password, salt, _iterations);
}

bool PasswordHasher::verify(std::string_view password, std::string_view encoded) {
    auto parts = split(encoded, '$');
    if (parts.size() != 4 || parts[0] != "pbkdf2_sha256") return false;
    int iterations = 0;
    try {
        iterations = std::stoi(parts[1]);
    } catch (const std::exception&) {
        return false;
    }
    if (iterations < 1 || parts[3].size() != kKeyBytes * 2) return false;
    std::string actual = derive(password, parts[2], iterations);
    return CRYPTO_memcmp(actual.data(), parts[3].data(), actual.size()) == 0;
}

}  // namespace kc
