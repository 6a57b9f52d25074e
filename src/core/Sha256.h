#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace kc {

// Incremental SHA-256 over OpenSSL EVP (hardware-accelerated; Poco's SHA2Engine is 17x slower).
// Not thread-safe; one instance per stream.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(const void* data, std::size_t size);
    void update(std::string_view data) { update(data.data(), data.size()); }

    // Finishes the digest and returns its 32 bytes. Call once (this or hexDigest).
    std::string digest();

    // Finishes the digest and returns 64 lowercase hex characters. Call once (this or digest).
    std::string hexDigest();

    static std::string hex(std::string_view data);

private:
    struct Impl;
    std::unique_ptr<Impl> _impl;
};

}  // namespace kc
