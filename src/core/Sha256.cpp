#include "core/Sha256.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace kc {

struct Sha256::Impl {
    EVP_MD_CTX* ctx = nullptr;
};

Sha256::Sha256() : _impl(std::make_unique<Impl>()) {
    _impl->ctx = EVP_MD_CTX_new();
    if (!_impl->ctx || EVP_DigestInit_ex(_impl->ctx, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("OpenSSL SHA-256 initialisation failed");
}

Sha256::~Sha256() { EVP_MD_CTX_free(_impl->ctx); }

void Sha256::update(const void* data, std::size_t size) {
    if (EVP_DigestUpdate(_impl->ctx, data, size) != 1)
        throw std::runtime_error("OpenSSL SHA-256 update failed");
}

std::string Sha256::digest() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(_impl->ctx, md, &len) != 1)
        throw std::runtime_error("OpenSSL SHA-256 final failed");
    return std::string(reinterpret_cast<const char*>(md), len);
}

std::string Sha256::hexDigest() {
    static const char* digits = "0123456789abcdef";
    const std::string md = digest();
    std::string out;
    out.reserve(md.size() * 2);
    for (unsigned char b : md) {
        out += digits[b >> 4];
        out += digits[b & 0xF];
    }
    return out;
}

std::string Sha256::hex(std::string_view data) {
    Sha256 h;
    h.update(data);
    return h.hexDigest();
}

}  // namespace kc
