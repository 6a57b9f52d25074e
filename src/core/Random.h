#pragma once

#include <cstddef>
#include <string>

namespace kc {

// Cryptographically random bytes (OpenSSL RAND_bytes) as lowercase hex; 2*bytes characters.
// Throws std::runtime_error if the system RNG fails (broken infrastructure).
std::string randomHex(std::size_t bytes);

}  // namespace kc
