#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "domain/ContentStore.h"

namespace kc {

// A temporary local file that holds an upload while it is read as a whole, e.g. an archive (a
// zip's directory is at its end, so it cannot be read as it arrives). Written like any
// ContentWriter; commit() only finishes the file (sha256 and mediaType stay empty). The file is
// deleted when the SpoolFile is destroyed, committed or not. Not thread-safe.
class SpoolFile : public ContentWriter {
public:
    // Where the bytes are; valid until destruction.
    virtual const std::string& path() const = 0;
};

// Creates spool files next to the blob store's temporary files. Thread-safe.
class Spool {
public:
    virtual ~Spool() = default;
    // A new empty spool file of at most maxBytes. Throws std::system_error on I/O failure.
    virtual std::unique_ptr<SpoolFile> create(std::uint64_t maxBytes) = 0;
};

}  // namespace kc
