#pragma once

// Bytes that do not compress and that no file-type rule recognises (xorshift64), the same for
// the same size: a scan's image data, an archive entry that deflate cannot shrink.

#include <cstddef>
#include <cstdint>
#include <string>

namespace kc::test {

inline std::string noise(std::size_t size) {
    std::string s(size, '\0');
    std::uint64_t x = 88172645463325252ULL;
    for (char& c : s) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        c = static_cast<char>(x);
    }
    return s;
}

}  // namespace kc::test
