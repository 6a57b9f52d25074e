#pragma once

#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <thread>

namespace kc {

class Sha256;

// Hashes a file while another thread appends to it, on a thread of its own: the writer says how
// far the file has been written (advance), this thread reads those bytes back with pread (from
// the page cache) and feeds them to the hash, and finish() waits for the last byte. It takes
// SHA-256 (~40 % of a large upload's CPU) off the request thread without copying or holding the
// request's buffers; memory is one 256 KiB read buffer. The bytes hashed are the file's own.
// Used by one BlobWriter; not thread-safe beyond that writer/hasher pair.
class FileHasher {
public:
    // Continues hash, which has already taken the file's first offset bytes, from offset. Takes
    // ownership of fd (open for reading); path is for error messages. hash must outlive this.
    // Throws std::system_error if the thread cannot be started (fd is closed then).
    FileHasher(int fd, std::filesystem::path path, Sha256& hash, std::uint64_t offset);
    // Stops without finishing (a failed or abandoned upload) and joins the thread.
    ~FileHasher();
    FileHasher(const FileHasher&) = delete;
    FileHasher& operator=(const FileHasher&) = delete;

    // The file's first size bytes are written (size never decreases).
    void advance(std::uint64_t size);

    // The file is complete at size bytes: waits until all of them are hashed and joins the
    // thread; the hash can then be finished. Throws std::system_error if a read failed or came
    // up short (the file changed under us). Call once.
    void finish(std::uint64_t size);

private:
    void run();

    int _fd;
    std::filesystem::path _path;
    Sha256& _hash;
    std::uint64_t _hashed;  // the thread's; read by finish() after join
    std::mutex _mutex;
    std::condition_variable _wake;
    std::uint64_t _available;  // guarded by _mutex
    bool _closing = false;     // guarded by _mutex
    std::atomic<bool> _cancelled{false};
    int _error = 0;  // errno of a failed read (EIO for a short one); set by the thread
    std::thread _thread;
};

}  // namespace kc
