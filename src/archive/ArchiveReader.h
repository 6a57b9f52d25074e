#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "archive/RejectReason.h"
#include "core/Result.h"

namespace kc {

// Caps on what one archive may expand to. Bytes are counted as they come out of the
// decompressor, whether the caller keeps them or not (refused and unwanted entries count too),
// never taken from the sizes the archive declares (those can lie); declared sizes are only
// used to refuse early. Passing any cap aborts the whole archive with
// ErrorCode::TooLarge. Inflating runs at roughly 500 MB/s here, so the time to refuse an archive
// whose sizes lie is about maxTotalBytes / 500 MB/s at worst.
struct ArchiveLimits {
    std::uint64_t maxEntries = 10'000;           // every header, directories included
    std::uint64_t maxTotalBytes = 1ULL << 30;    // sum over all entries read
    std::uint64_t maxEntryBytes = 256ULL << 20;  // one entry
};

// One member of an archive that the caller must hear about: a regular file (accepted) or an
// entry refused for a reason. Directories and the bare "./" entry are skipped silently.
struct ArchiveEntry {
    // Accepted: the safe relative path, UTF-8 NFC, '/'-separated, no "." / ".." / empty parts.
    // Rejected: the decoded name as found in the archive (possibly "../x"), for display only.
    std::string path;
    std::optional<RejectReason> rejection;
    // As stated by the archive; may be absent or false. Informational.
    std::optional<std::uint64_t> declaredSize;

    bool accepted() const { return !rejection.has_value(); }
};

// Receives decompressed bytes; an error stops the read and is returned by readData().
using ByteSink = std::function<Status(const char* data, std::size_t size)>;

// Reads an uploaded archive entry by entry: zip, 7z, rar (v4 and v5), and tar, plain or with
// gzip, bzip2 or xz compression. Nested archives are ordinary files, never opened.
//
// Member names are decoded to UTF-8 (legacy CP1258/CP437 zip names included, see NameDecoder)
// and checked by checkArchivePath(); entries that are links, devices, FIFOs or encrypted are
// refused per entry, and reading continues. For RAR, the archive's own headers (RarHeaders.h)
// add what libarchive 3.6 leaves out: RAR 5 encryption, and each entry's CRC-32. Two entries may yield the same path ("a.txt" and
// "./a.txt", or a repeated name): deciding what that means is the caller's job. Expected failures
// (corrupt or unsupported archive, a limit passed) are returned as errors; libarchive errors never
// escape as exceptions.
//
// REQUIRES: the process runs with a UTF-8 LC_CTYPE, e.g. setlocale(LC_ALL, "C.UTF-8") at
// start-up; libarchive converts names through the locale and returns none otherwise.
// open() throws std::logic_error if the locale is not UTF-8 (a deployment bug, not input).
//
// Not thread-safe; one reader per archive. Memory is bounded (a 64 KiB read buffer plus
// libarchive's per-format state) whatever the archive expands to.
class ArchiveReader {
public:
    // Opens the archive at path and recognises its format.
    // Errors: NotFound if there is no such file; InvalidInput if it is not an archive in a
    // supported format or its headers are damaged.
    static Result<std::unique_ptr<ArchiveReader>> open(const std::string& path,
                                                       const ArchiveLimits& limits = {});
    ~ArchiveReader();
    ArchiveReader(const ArchiveReader&) = delete;
    ArchiveReader& operator=(const ArchiveReader&) = delete;

    // Moves to the next file or refused entry; std::nullopt at the end of the archive.
    // Data of the previous entry that was not read (a refused entry, or a file the caller did
    // not want) is read past here, and counts toward maxTotalBytes as readData() would count it
    // (a refused entry's declared size toward the declared total too); only an encrypted
    // entry's data is skipped unread.
    // Errors: InvalidInput (damaged archive), TooLarge (maxEntries, a declared size over a cap,
    // or the skipped data passing maxTotalBytes). After any error the reader is finished: every
    // later call returns the same error.
    Result<std::optional<ArchiveEntry>> next();

    // Streams the current accepted entry's bytes into sink, in chunks of at most 64 KiB, and
    // returns how many bytes it delivered. The sink never receives bytes past a cap.
    // Errors: TooLarge (maxEntryBytes or maxTotalBytes passed), InvalidInput (damaged data,
    // CRC mismatch), the sink's own error, or Conflict if there is no unread accepted entry.
    // After an error other than Conflict the reader is finished, as for next().
    Result<std::uint64_t> readData(const ByteSink& sink);

    // Reads past the current accepted entry's data without delivering it, as next() would,
    // and returns how many bytes it held: for reporting the size of an entry the caller does
    // not keep. nullopt when the data is damaged (as for next(), not an error here: if the
    // archive cannot go on, the next header says so). The bytes count toward maxTotalBytes but
    // not maxEntryBytes, as next()'s skipping does.
    // Errors: TooLarge (maxTotalBytes passed), Conflict if there is no unread accepted entry.
    // After TooLarge the reader is finished, as for next().
    Result<std::optional<std::uint64_t>> skipData();

    // libarchive's name for the format, e.g. "ZIP 2.0 (deflation)"; empty before next().
    std::string formatName() const;

private:
    struct Impl;
    explicit ArchiveReader(std::unique_ptr<Impl> impl);
    Error fail(Error error);

    std::unique_ptr<Impl> _impl;
};

}  // namespace kc
