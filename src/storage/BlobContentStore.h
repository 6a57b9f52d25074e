#pragma once

#include "domain/ContentStore.h"
#include "storage/BlobStore.h"

namespace kc {

// The ContentStore over a BlobStore; detects each committed file's media type with libmagic
// from its first bytes, kept in memory while it is written.
// Thread-safe like BlobStore.
class BlobContentStore final : public ContentStore {
public:
    explicit BlobContentStore(const BlobStore& blobs) : _blobs(blobs) {}
    std::unique_ptr<ContentWriter> begin(std::uint64_t maxBytes) override;
    Result<std::unique_ptr<std::istream>> open(const std::string& sha256) override;
    std::vector<Result<StoredContent>> commitAll(
        const std::vector<ContentWriter*>& writers) override;

private:
    const BlobStore& _blobs;
};

}  // namespace kc
