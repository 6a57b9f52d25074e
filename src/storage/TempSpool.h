#pragma once

#include <filesystem>

#include "domain/Spool.h"

namespace kc {

// Spool files in <dir> (the blob store's tmp/, so `kiemchung verify` lists any a crash left
// behind and BlobStore::removeStaleTemps clears them), named <random>.spool, mode 0600.
// Thread-safe.
class TempSpool final : public Spool {
public:
    // Creates dir if needed; throws std::filesystem::filesystem_error if it cannot.
    explicit TempSpool(std::filesystem::path dir);
    std::unique_ptr<SpoolFile> create(std::uint64_t maxBytes) override;

private:
    std::filesystem::path _dir;
};

}  // namespace kc
