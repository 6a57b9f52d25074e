#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Result.h"

namespace kc {

// What a RAR archive's own headers say about its entries that libarchive 3.6 does not pass on:
// it neither marks RAR 5 entries as encrypted nor checks the CRC-32 of stored (uncompressed)
// RAR 4 and RAR 5 entries, so an encrypted or damaged stored entry would read as good bytes.
struct RarEntryHeader {
    bool directory = false;
    bool encrypted = false;
    std::optional<std::uint32_t> crc32;  // of the unpacked bytes, when the header has one
};

struct RarHeaders {
    // The headers themselves are encrypted (WinRAR's "encrypt file names"): nothing, names
    // included, can be read without the password. entries is empty then.
    bool encryptedHeaders = false;
    std::vector<RarEntryHeader> entries;  // file headers in archive order, directories included
};

// Reads the block headers of the RAR 4 (1.5-4.x) or RAR 5 archive at path, skipping the data
// between them, in memory bounded by one header (RAR 5 caps a header at 2 MB). Service blocks
// (comments, recovery records, NTFS streams) are not entries, as in libarchive.
// Returns std::nullopt if the file does not begin with a RAR signature (self-extracting
// archives have a program in front and are not read). Errors: InvalidInput if a header is
// cut short or malformed.
Result<std::optional<RarHeaders>> readRarHeaders(const std::string& path);

}  // namespace kc
