#pragma once

#include <map>
#include <string>

namespace kc::test {

// Every entry of a zip held in memory, by name, with its compression method as its local header
// gives it (offset 8): 0 stored, 8 deflated.
inline std::map<std::string, int> zipMethods(const std::string& zip) {
    std::map<std::string, int> methods;
    for (std::size_t at = zip.find("PK\x03\x04"); at != std::string::npos && at + 30 <= zip.size();
         at = zip.find("PK\x03\x04", at + 4)) {
        auto u16 = [&](std::size_t i) {
            return static_cast<unsigned char>(zip[at + i]) |
                   (static_cast<unsigned char>(zip[at + i + 1]) << 8);
        };
        methods[zip.substr(at + 30, u16(26))] = u16(8);
    }
    return methods;
}

}  // namespace kc::test
