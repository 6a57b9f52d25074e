#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.h"

namespace kc {

class FileHasher;
class Sha256;

// What commit() stored.
struct BlobInfo {
    std::string sha256;  // 64 lowercase hex characters; the blob's name
    std::uint64_t size = 0;
    bool alreadyExisted = false;  // the same content was stored before; kept once
};

// Every problem verify() found, each list sorted. A file can appear in both corrupt and orphans.
struct VerifyReport {
    std::vector<std::string> missing;     // expected SHA-256s without a blob file
    std::vector<std::string> corrupt;     // SHA-256 names of blob files whose content hashes to
                                          // something else or cannot be read
    std::vector<std::string> orphans;     // files under blobs/ that no expected SHA-256 names:
                                          // unexpected blobs, misplaced or misnamed files, links;
                                          // as paths relative to the root ("blobs/ab/cd/...")
    std::vector<std::string> staleTemps;  // files in tmp/ older than the stale age, relative to
                                          // the root; reported only, not removed
    std::vector<std::string> committing;  // blobs committed while verify ran whose rows had not
                                          // committed yet (settleOrphans); reported only

    bool ok() const { return missing.empty() && corrupt.empty() && orphans.empty(); }
};

// Streams one new blob into a temporary file while hashing and counting it. Obtained from
// BlobStore::begin(). Not thread-safe; one writer per upload. The first MiB is hashed as it is
// written; past that a FileHasher thread hashes the file behind the writes, and is joined when
// the file is sealed (commit, release) or the writer fails or is destroyed. Past the first MiB
// the disk is also asked to start writing the file every 8 MiB, so the final fsync is short.
//
// Destroying a writer that was not committed deletes its temporary file, so a failed request
// leaves nothing behind. I/O failures (disk full, EIO) throw std::system_error: they are broken
// infrastructure, not a property of the upload; the temporary file is still removed.
class BlobWriter {
public:
    ~BlobWriter();
    BlobWriter(const BlobWriter&) = delete;
    BlobWriter& operator=(const BlobWriter&) = delete;

    // Appends bytes. Errors: TooLarge once the total passes the writer's maxBytes (the temporary
    // file is deleted then and every later call fails the same way); Conflict after commit().
    Status write(const char* data, std::size_t size);

    // Makes the content durable under its SHA-256: fsyncs the file, moves it to
    // blobs/ab/cd/<sha256> without replacing an existing blob, fsyncs the directory. If the
    // blob exists already the temporary file is discarded and alreadyExisted is true.
    // Errors: InvalidInput "Tệp rỗng" for 0 bytes; the write() error if one happened; Conflict
    // if called twice. The writer is finished after commit(), whatever the outcome.
    Result<BlobInfo> commit();

    // Finishes writing without committing: flushes and closes the temporary file and frees the
    // write buffer, so that many writers can wait for commit() (an archive's entries) without
    // holding a descriptor and 256 KiB each. write() afterwards is a Conflict; commit() still
    // fsyncs the file before moving it. Idempotent; does nothing after a failure or commit().
    // Throws std::system_error on I/O failure.
    void release();

    // Makes commit() refuse content whose SHA-256 is not sha256 (a copy that must arrive
    // intact, see BlobStore::copyFrom): the temporary file is deleted and the error is a
    // Conflict naming the content's own SHA-256.
    void expect(std::string sha256) { _expected = std::move(sha256); }

    std::uint64_t bytesWritten() const { return _size; }

private:
    friend class BlobStore;
    BlobWriter(std::filesystem::path blobsDir, std::filesystem::path tmpPath, int fd,
               std::uint64_t maxBytes);
    void flush();
    void writeOut(const char* data, std::size_t size);
    void seal(bool sync);
    void syncClosed();
    Result<BlobInfo> place(bool syncEach);
    void discard();

    std::filesystem::path _blobsDir;
    std::filesystem::path _tmpPath;
    int _fd;
    std::uint64_t _maxBytes;
    std::uint64_t _size = 0;
    std::uint64_t _flushed = 0;      // bytes in the file (the rest of _size is in _buffer)
    std::uint64_t _writtenBack = 0;  // bytes whose writing to disk has been started
    std::unique_ptr<Sha256> _hash;
    std::unique_ptr<FileHasher> _hasher;  // past the first MiB; joined before _hash is read
    std::string _digest;                  // set when sealed
    std::string _expected;                // expect(); empty: any content
    std::vector<char> _buffer;
    std::optional<Error> _failure;
    bool _finished = false;
    bool _released = false;
    bool _unsynced = false;  // closed without fsync (release())
};

// What BlobStore::copyFrom() did; each list sorted.
struct BlobCopyReport {
    std::size_t copied = 0;  // blobs written into this store
    std::uint64_t bytesCopied = 0;
    std::size_t present = 0;             // here already with the source's size: not read again
    std::vector<std::string> missing;    // not in the source store
    std::vector<std::string> corrupt;    // in the source, but their content hashes to something
                                         // else or cannot be read: not copied
    std::vector<std::string> different;  // here already with another size than the source's:
                                         // left as they are (a blob is never replaced)

    bool ok() const { return missing.empty() && corrupt.empty() && different.empty(); }
};

// Content-addressed store of evidence files under one root directory:
//   <root>/blobs/ab/cd/<sha256>  immutable (mode 0440) blobs, ab and cd the first 2+2 hex digits
//                                (the 256 ab/ directories exist from the start; cd/ on demand)
//   <root>/tmp/                  uploads in progress, on the same filesystem so the final
//                                rename is atomic
// Blobs are written once and never modified; the same content is kept once.
// Thread-safe for concurrent writers and readers (each writer owns its temporary file; the
// final placement uses an atomic no-replace rename or link).
class BlobStore {
public:
    // Opens the store at root, creating root, blobs/, the 256 blobs/ab/ shards and tmp/ if
    // needed (new shards are made durable with one fsync of blobs/).
    // Throws std::filesystem::filesystem_error if they cannot be created, std::system_error if
    // blobs/ cannot be fsynced.
    explicit BlobStore(std::filesystem::path root);

    // Starts a new blob of at most maxBytes bytes.
    // Throws std::system_error if the temporary file cannot be created.
    std::unique_ptr<BlobWriter> begin(std::uint64_t maxBytes) const;

    // True for 64 lowercase hex characters, the only names this store accepts.
    static bool isSha256(std::string_view sha);

    // False for malformed names as for absent blobs.
    bool exists(std::string_view sha) const;

    // Where the blob lives (whether or not it exists).
    // REQUIRES: isSha256(sha); throws std::invalid_argument otherwise (keeps "../" out of paths).
    std::string path(std::string_view sha) const;

    // The blob's size in bytes, or nullopt if absent or malformed.
    std::optional<std::uint64_t> size(std::string_view sha) const;

    // A binary stream over the blob. Errors: NotFound if absent or malformed.
    Result<std::unique_ptr<std::istream>> open(std::string_view sha) const;

    // Commits many writers as one batch, with the same guarantees as commit() on each (the
    // results in order; each writer is finished afterwards) but two filesystem-wide flushes
    // (syncfs) in all instead of an fsync per file and per directory: for archive imports.
    // REQUIRES: every writer came from this store. Throws std::system_error on I/O failure.
    std::vector<Result<BlobInfo>> commitAll(const std::vector<BlobWriter*>& writers) const;

    // Copies the named blobs from source into this store (for backups), each checked against
    // its name as it is read, in batches made durable as commitAll() makes them. A blob here
    // already with the source's size is not read again: blobs never change, and verify()
    // re-hashes. Collects every problem instead of stopping at the first. Throws
    // std::system_error if this store cannot be written (a full disk): the blobs of batches
    // committed before then stay, and no temporary file is left.
    BlobCopyReport copyFrom(const BlobStore& source, const std::vector<std::string>& shas) const;

    // Re-hashes every file under blobs/ and compares with the SHA-256s the database expects,
    // collecting every problem instead of stopping at the first. Lists temporary files older
    // than staleAge but changes nothing (see removeStaleTemps). Reads every byte: run it from
    // a command or a background job, not a request.
    VerifyReport verify(const std::vector<std::string>& expected,
                        std::chrono::seconds staleAge = std::chrono::hours(1)) const;

    // For a verify() that ran beside a live server: a blob committed during the walk is an
    // orphan until its row commits, a moment later. Drops from report.orphans every blob that
    // recordedNow (the SHA-256s the database records, read after verify() returned) names, and
    // moves to report.committing the other blobs whose commit (the rename, which sets the
    // file's ctime) came at or after walkStarted. Misplaced and misnamed files stay orphans.
    // Returns how many blobs left unrecorded (orphans or committing) were committed at or after
    // recentSince: uploads that may still be on their way to the database.
    std::size_t settleOrphans(VerifyReport& report, const std::vector<std::string>& recordedNow,
                              std::chrono::system_clock::time_point walkStarted,
                              std::chrono::system_clock::time_point recentSince) const;

    // Deletes temporary files not written to for staleAge (left by a crash or a killed process;
    // a live upload writes far more often). Returns how many were removed.
    std::size_t removeStaleTemps(std::chrono::seconds staleAge = std::chrono::hours(1)) const;

    const std::filesystem::path& root() const { return _root; }

private:
    void syncFilesystem() const;
    std::vector<std::filesystem::path> staleTemps(std::chrono::seconds staleAge) const;

    std::filesystem::path _root;
    std::filesystem::path _blobs;
    std::filesystem::path _tmp;
};

}  // namespace kc
