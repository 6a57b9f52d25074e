#include "storage/BlobStore.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "core/Random.h"
#include "core/Sha256.h"
#include "storage/Durable.h"
#include "storage/FileHasher.h"

namespace fs = std::filesystem;

namespace kc {
namespace {

constexpr std::size_t kWriteBuffer = 256 * 1024;
constexpr std::size_t kDirectWrite = 64 * 1024;
// Files up to this size are hashed on the writer's thread; larger ones on a FileHasher thread
// (from this offset on), which is worth its start-up only for multi-MiB files.
constexpr std::uint64_t kInlineHashBytes = 1024 * 1024;
// A large file's written bytes are handed to the disk in pieces of this size (startWriteback).
constexpr std::uint64_t kWritebackBytes = 8 * 1024 * 1024;

[[noreturn]] void throwErrno(const std::string& what, const fs::path& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

void writeAll(int fd, const char* data, std::size_t size, const fs::path& path) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwErrno("write", path);
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

// Moves from to to unless to exists. True if moved, false if to was already there (from is
// left in place). RENAME_NOREPLACE makes "exists?" and "move" one atomic step, so two uploads
// of the same content cannot both believe they stored it; link() is the same guarantee on
// filesystems without renameat2 support. A filesystem with neither (exFAT or FAT through FUSE,
// as a backup drive may be) gets "exists?" then rename(): two writers of the same content at
// the same moment could then both move it, the second replacing identical bytes, so the
// content stays right and only alreadyExisted may be wrong for one of them.
bool moveNoReplace(const fs::path& from, const fs::path& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
        return true;
    if (errno == EEXIST)
        return false;
    if (errno != EINVAL && errno != ENOSYS)
        throwErrno("rename to", to);
    if (::link(from.c_str(), to.c_str()) == 0) {
        ::unlink(from.c_str());
        return true;
    }
    if (errno == EEXIST)
        return false;
    if (errno != EPERM && errno != EOPNOTSUPP && errno != ENOSYS)
        throwErrno("link to", to);
    if (::access(to.c_str(), F_OK) == 0)
        return false;
    if (::rename(from.c_str(), to.c_str()) != 0)
        throwErrno("rename to", to);
    return true;
}

// Starts the disk writing [from, to) of the file without waiting for it (Linux's
// sync_file_range, SYNC_FILE_RANGE_WRITE). Otherwise the kernel keeps a large upload's pages
// dirty until the final fsync (its background threshold is a share of RAM, gigabytes on a
// server), so the disk idles while the body arrives and the client then waits for all of it at
// once; started as the file arrives, the final fsync waits only for the last pieces. Advisory:
// durability comes from that fsync, which reports any write error, so a failure here is ignored.
void startWriteback(int fd, std::uint64_t from, std::uint64_t to) {
#ifdef __linux__
    ::sync_file_range(fd, static_cast<off_t>(from), static_cast<off_t>(to - from),
                      SYNC_FILE_RANGE_WRITE);
#else
    (void)fd, (void)from, (void)to;
#endif
}

std::string describeBytes(std::uint64_t bytes) {
    if (bytes >= (1ULL << 20) && bytes % (1ULL << 20) == 0)
        return std::to_string(bytes >> 20) + " MB";
    return std::to_string(bytes) + " byte";
}

}  // namespace

BlobWriter::BlobWriter(fs::path blobsDir, fs::path tmpPath, int fd, std::uint64_t maxBytes)
    : _blobsDir(std::move(blobsDir)),
      _tmpPath(std::move(tmpPath)),
      _fd(fd),
      _maxBytes(maxBytes),
      _hash(std::make_unique<Sha256>()) {
    _buffer.reserve(kWriteBuffer);
}

BlobWriter::~BlobWriter() {
    discard();
}

void BlobWriter::discard() {
    _hasher.reset();  // joins the thread before its file goes
    if (_fd >= 0) {
        ::close(_fd);
        _fd = -1;
    }
    if (!_tmpPath.empty()) {
        ::unlink(_tmpPath.c_str());
        _tmpPath.clear();
    }
}

void BlobWriter::flush() {
    if (_buffer.empty())
        return;
    writeOut(_buffer.data(), _buffer.size());
    _buffer.clear();
}

void BlobWriter::writeOut(const char* data, std::size_t size) {
    writeAll(_fd, data, size, _tmpPath);
    _flushed += size;
    if (_hasher) {
        _hasher->advance(_flushed);
        if (_flushed - _writtenBack >= kWritebackBytes) {
            startWriteback(_fd, _writtenBack, _flushed);
            _writtenBack = _flushed;
        }
    }
}

Status BlobWriter::write(const char* data, std::size_t size) {
    if (_finished || _released)
        return Error::conflict("Tệp đã được lưu, không ghi thêm được");
    if (_failure)
        return *_failure;
    if (size > _maxBytes - _size) {
        _failure =
            Error{ErrorCode::TooLarge,
                  "Tệp vượt quá dung lượng cho phép (tối đa " + describeBytes(_maxBytes) + ")",
                  {}};
        discard();
        return *_failure;
    }
    if (!_hasher && _size + size > kInlineHashBytes) {
        // A duplicate of the writer's own descriptor (opened read-write for this): the hasher
        // reads the very file written, whatever happens to the name; pread leaves the offset.
        int fd = ::fcntl(_fd, F_DUPFD_CLOEXEC, 0);
        if (fd < 0)
            throwErrno("dup for hashing", _tmpPath);
        _hasher = std::make_unique<FileHasher>(fd, _tmpPath, *_hash, _size);
    }
    if (!_hasher)
        _hash->update(data, size);
    _size += size;
    // Large pieces (the HTTP layer's are just under 256 KiB) go to write(2) as they are,
    // behind whatever is buffered; small ones are gathered first.
    if (_buffer.size() + size > kWriteBuffer || size >= kDirectWrite)
        flush();
    if (size >= kDirectWrite)
        writeOut(data, size);
    else
        _buffer.insert(_buffer.end(), data, data + size);
    return Ok{};
}

void BlobWriter::seal(bool sync) {
    if (_fd < 0)
        return;
    flush();
    std::vector<char>().swap(_buffer);
    // Read-only guards against a slip by hand; the name, the content's SHA-256, is what proves
    // a blob intact. FAT-family filesystems (a backup drive) refuse this mode, so a refusal
    // is let pass there.
    if (::fchmod(_fd, 0440) != 0 && errno != EPERM && errno != EOPNOTSUPP)
        throwErrno("chmod", _tmpPath);
    if (sync && ::fsync(_fd) != 0)
        throwErrno("fsync", _tmpPath);
    _unsynced = !sync;
    int fd = _fd;
    _fd = -1;
    if (::close(fd) != 0)
        throwErrno("close", _tmpPath);
    // The hasher has been reading behind the writes and through the fsync; it ends here.
    if (_hasher) {
        _hasher->finish(_size);
        _hasher.reset();
    }
    _digest = _hash->hexDigest();
}

void BlobWriter::syncClosed() {
    if (!_unsynced)
        return;
    syncFile(_tmpPath);
    _unsynced = false;
}

void BlobWriter::release() {
    if (_finished || _failure || _released)
        return;
    _released = true;
    seal(false);
}

Result<BlobInfo> BlobWriter::commit() {
    return place(true);
}

Result<BlobInfo> BlobWriter::place(bool syncEach) {
    if (_finished)
        return Error::conflict("Tệp đã được lưu");
    _finished = true;
    if (_failure)
        return *_failure;
    if (_size == 0) {
        discard();
        return Error::invalid("Tệp rỗng");
    }
    seal(syncEach);
    if (!_expected.empty() && _digest != _expected) {
        discard();
        return Error::conflict("Nội dung tệp có SHA-256 " + _digest + ", không phải " + _expected);
    }
    if (syncEach)
        syncClosed();

    BlobInfo info{_digest, _size, false};
    const fs::path shard = _blobsDir / info.sha256.substr(0, 2);
    const fs::path dir = shard / info.sha256.substr(2, 2);
    const bool newShard = !fs::exists(shard);
    const bool newDir = fs::create_directories(dir);
    info.alreadyExisted = !moveNoReplace(_tmpPath, dir / info.sha256);
    discard();  // removes the temporary file if the blob already existed
    if (!syncEach)
        return info;
    if (!info.alreadyExisted)
        syncDirectory(dir);
    if (newDir)
        syncDirectory(shard);
    if (newShard)
        syncDirectory(_blobsDir);
    return info;
}

// The 256 first-level shards are made once, here, so that an upload never creates one: that
// saved a durable fsync of blobs/ on ~25 % of the first uploads into an empty store. The
// second level (65,536 leaves, a 4 KiB block each on ext4) is still made on demand.
BlobStore::BlobStore(fs::path root)
    : _root(std::move(root)), _blobs(_root / "blobs"), _tmp(_root / "tmp") {
    fs::create_directories(_blobs);
    fs::create_directories(_tmp);
    static constexpr char kHex[] = "0123456789abcdef";
    bool created = false;
    for (int i = 0; i < 256; ++i) {
        const char name[] = {kHex[i >> 4], kHex[i & 15], '\0'};
        created |= fs::create_directory(_blobs / name);
    }
    if (created)
        syncDirectory(_blobs);
}

std::unique_ptr<BlobWriter> BlobStore::begin(std::uint64_t maxBytes) const {
    fs::path tmpPath = _tmp / (randomHex(16) + ".part");
    int fd = ::open(tmpPath.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throwErrno("create", tmpPath);
    return std::unique_ptr<BlobWriter>(new BlobWriter(_blobs, std::move(tmpPath), fd, maxBytes));
}

bool BlobStore::isSha256(std::string_view sha) {
    return sha.size() == 64 && std::all_of(sha.begin(), sha.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::string BlobStore::path(std::string_view sha) const {
    if (!isSha256(sha))
        throw std::invalid_argument("not a SHA-256 blob name: " + std::string(sha.substr(0, 80)));
    return (_blobs / sha.substr(0, 2) / sha.substr(2, 2) / sha).string();
}

bool BlobStore::exists(std::string_view sha) const {
    std::error_code ec;
    return isSha256(sha) && fs::is_regular_file(path(sha), ec);
}

std::optional<std::uint64_t> BlobStore::size(std::string_view sha) const {
    if (!exists(sha))
        return std::nullopt;
    std::error_code ec;
    std::uint64_t bytes = fs::file_size(path(sha), ec);
    if (ec)
        return std::nullopt;
    return bytes;
}

Result<std::unique_ptr<std::istream>> BlobStore::open(std::string_view sha) const {
    if (!exists(sha))
        return Error::notFound("Không tìm thấy tệp kiểm chứng");
    auto in = std::make_unique<std::ifstream>(path(sha), std::ios::binary);
    if (!in->is_open())
        return Error::notFound("Không tìm thấy tệp kiểm chứng");
    return std::unique_ptr<std::istream>(std::move(in));
}

// Committing many blobs one by one costs a file fsync and up to three directory fsyncs each
// (~2 ms apiece here). One syncfs() before the renames makes every file's data durable, one
// after makes every new name durable: two flushes for the whole batch.
std::vector<Result<BlobInfo>> BlobStore::commitAll(const std::vector<BlobWriter*>& writers) const {
    for (BlobWriter* w : writers)
        if (!w->_finished && !w->_failure)
            w->seal(false);
    syncFilesystem();
    for (BlobWriter* w : writers) w->_unsynced = false;
    std::vector<Result<BlobInfo>> out;
    out.reserve(writers.size());
    for (BlobWriter* w : writers) out.push_back(w->place(false));
    syncFilesystem();
    return out;
}

void BlobStore::syncFilesystem() const {
    int fd = ::open(_blobs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throwErrno("open directory", _blobs);
    int rc = ::syncfs(fd);
    int savedErrno = errno;
    ::close(fd);
    if (rc != 0) {
        errno = savedErrno;
        throwErrno("syncfs", _blobs);
    }
}

}  // namespace kc
