#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Result.h"

namespace kc {

// What a finished content write stored.
struct StoredContent {
    std::string sha256;  // 64 lowercase hex; the content's name
    std::uint64_t size = 0;
    std::string mediaType;  // detected from the bytes, never from what a client claimed
};

// One file being written into a ContentStore. Destroying it before commit() discards
// everything written, so a failed request leaves nothing behind. Not thread-safe.
class ContentWriter {
public:
    virtual ~ContentWriter() = default;
    // Appends bytes. TooLarge once the total passes the writer's limit (every later call fails
    // the same way). Throws std::system_error for I/O failures.
    virtual Status write(const char* data, std::size_t size) = 0;
    virtual std::uint64_t bytesWritten() const = 0;
    // Finishes writing without committing and frees the writer's descriptor and buffers, so
    // that many writers can wait for commit(); write() afterwards is a Conflict. Optional: the
    // default does nothing. Throws std::system_error for I/O failures.
    virtual void release() {}
    // Makes the content durable under its SHA-256 (kept once if it existed already).
    // InvalidInput for 0 bytes; the write() error if one happened; Conflict if called twice.
    virtual Result<StoredContent> commit() = 0;
};

// Immutable content-addressed file storage, as the services and HTTP layer see it (implemented
// over the storage module's BlobStore). Thread-safe.
class ContentStore {
public:
    virtual ~ContentStore() = default;
    // A writer for one new file of at most maxBytes. Throws std::system_error on I/O failure.
    virtual std::unique_ptr<ContentWriter> begin(std::uint64_t maxBytes) = 0;
    // A binary stream over stored content; NotFound when absent.
    virtual Result<std::unique_ptr<std::istream>> open(const std::string& sha256) = 0;
    // Commits many writers of this store at once, as commit() on each would (results in order),
    // possibly more cheaply (the blob store flushes the disk twice for the whole batch instead
    // of twice per file). Default: commit() each.
    virtual std::vector<Result<StoredContent>> commitAll(
        const std::vector<ContentWriter*>& writers) {
        std::vector<Result<StoredContent>> out;
        for (ContentWriter* w : writers) out.push_back(w->commit());
        return out;
    }
};

}  // namespace kc
