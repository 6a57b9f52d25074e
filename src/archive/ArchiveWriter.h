#pragma once

#include <cstdint>
#include <ctime>
#include <functional>
#include <memory>
#include <string_view>

#include "archive/ArchiveReader.h"
#include "core/Result.h"

namespace kc {

// Fills buffer with up to capacity bytes of an entry's content and returns how many it wrote;
// 0 means the end of the content.
using ByteSource = std::function<Result<std::size_t>(char* buffer, std::size_t capacity)>;

// How an entry's bytes go into the zip: deflated, or stored as they are (for content that is
// already compressed, where deflating costs ~20 s of CPU per GiB and saves next to nothing).
enum class ZipMethod { Deflate, Store };

// Writes a zip archive (exports of evidence bundles) as a stream: entries are deflated or stored
// as they are added and handed to the output sink in blocks of at most 64 KiB, so neither an
// entry nor the archive is ever held in memory. Names are stored as UTF-8 with the zip UTF-8 flag,
// so Windows Explorer and unzip show Vietnamese names correctly. Zip64 is used when sizes need it.
//
// Usage: openZip(sink), add() each file, close(). Destroying a writer without close() abandons
// the archive (the sink has received an incomplete zip and should be discarded).
// Not thread-safe. libarchive errors are returned as errors, never thrown.
class ArchiveWriter {
public:
    // Starts a zip written through out (which receives the bytes in order; an error from it
    // fails the current operation).
    static Result<std::unique_ptr<ArchiveWriter>> openZip(ByteSink out);
    ~ArchiveWriter();
    ArchiveWriter(const ArchiveWriter&) = delete;
    ArchiveWriter& operator=(const ArchiveWriter&) = delete;

    // Adds a regular file at path whose content is exactly size bytes pulled from source.
    // path must pass checkArchivePath() (relative, no "..", no '\'); it is stored in NFC.
    // mtime is the timestamp recorded in the zip (0 means 1980-01-01, the zip minimum).
    // method: deflated (the default) or stored.
    // Errors: InvalidInput (unsafe path, or source giving more or fewer than size bytes),
    // Duplicate (path already added), the source's or the sink's error, Conflict after close()
    // or after an earlier failure (the archive is then unusable).
    Status add(std::string_view path, std::uint64_t size, const ByteSource& source,
               std::time_t mtime = 0, ZipMethod method = ZipMethod::Deflate);

    // Writes the central directory and flushes everything to the sink. Call once.
    Status close();

private:
    struct Impl;
    explicit ArchiveWriter(std::unique_ptr<Impl> impl);
    Error fail(Error error);

    std::unique_ptr<Impl> _impl;
};

}  // namespace kc
