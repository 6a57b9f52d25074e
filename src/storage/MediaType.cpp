#include "storage/MediaType.h"

#include <magic.h>

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace kc {
namespace {

constexpr const char* kUnknown = "application/octet-stream";

class MagicHandle {
public:
    MagicHandle() : _cookie(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) {
        if (!_cookie)
            throw std::runtime_error("magic_open failed");
        if (magic_load(_cookie, nullptr) != 0) {
            std::string message = magic_error(_cookie) ? magic_error(_cookie) : "unknown";
            magic_close(_cookie);
            throw std::runtime_error("cannot load the libmagic database: " + message);
        }
        // libmagic 5.44 examines up to 7 MiB by default, and on content no rule recognises
        // (scans, random bytes) its text and search rules walk all of it: ~8 ms of CPU per
        // 1 MiB upload. Formats are told by their first bytes; OOXML's rules look for the third
        // or fourth zip entry within 3 x 6,000 bytes of the first, so 64 KiB is plenty
        // (tests/storage/MediaTypeTest checks PDF, DOCX, XLSX, JPEG, PNG and zip).
        // No MAGIC_NO_CHECK_* flag: the cost is the soft-magic rule walk (0.30 ms per call on
        // 64 KiB of random bytes, 0.06 ms on a PDF, 0.13 ms on a DOCX, cold cache, 28/11/2026),
        // which only NO_CHECK_SOFT skips, losing every format. None of COMPRESS, CDF, ELF, APPTYPE,
        // TOKENS, JSON, CSV makes it 3 % faster (JSON, CSV and TAR change answers: JSON and CSV
        // become text/plain, tar x-gtar); ENCODING saves ~15 % on random bytes but makes CSV and
        // HTML text/plain, TEXT makes text octet-stream (bench/README, "Tried and not kept").
        std::size_t bytesMax = kMediaTypeBytes;
        magic_setparam(_cookie, MAGIC_PARAM_BYTES_MAX, &bytesMax);
    }
    ~MagicHandle() { magic_close(_cookie); }
    MagicHandle(const MagicHandle&) = delete;
    MagicHandle& operator=(const MagicHandle&) = delete;

    magic_t get() const { return _cookie; }

private:
    magic_t _cookie;
};

std::string orUnknown(const char* type) {
    return type && *type ? type : kUnknown;
}

// Handles lent out one call at a time. Each holds its own copy of libmagic's compiled database
// (~8 MB resident with Debian 12's magic.mgc once a call on unknown content has walked every
// rule, and a few ms to load), so there are at most as many as the machine has cores: a call is
// CPU work of well under a millisecond, and more handles than cores would not run more calls
// at once. A call that finds every handle in use waits for one. (A handle per request thread
// cost 8 MB per thread that ever uploaded: 40 slow uploads at once, 64 threads, 300 MB.)
class MagicPool {
public:
    std::string detect(const std::function<const char*(magic_t)>& call) {
        Lease lease(*this);
        return orUnknown(call(lease.handle->get()));  // copied before the handle goes back
    }
    std::size_t opened() {
        std::lock_guard lock(_mutex);
        return _opened;
    }

private:
    struct Lease {
        explicit Lease(MagicPool& pool) : pool(pool) {
            {
                std::unique_lock lock(pool._mutex);
                pool._returned.wait(
                    lock, [&] { return !pool._idle.empty() || pool._opened < pool._max; });
                if (!pool._idle.empty()) {
                    handle = std::move(pool._idle.back());
                    pool._idle.pop_back();
                    return;
                }
                ++pool._opened;  // this slot is ours; the database loads outside the lock
            }
            try {
                handle = std::make_unique<MagicHandle>();
            } catch (...) {
                std::lock_guard lock(pool._mutex);
                --pool._opened;
                pool._returned.notify_one();
                throw;
            }
        }
        ~Lease() {
            {
                std::lock_guard lock(pool._mutex);
                pool._idle.push_back(std::move(handle));
            }
            pool._returned.notify_one();
        }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;

        MagicPool& pool;
        std::unique_ptr<MagicHandle> handle;
    };

    const std::size_t _max = std::max(1u, std::thread::hardware_concurrency());
    std::mutex _mutex;
    std::condition_variable _returned;
    std::vector<std::unique_ptr<MagicHandle>> _idle;
    std::size_t _opened = 0;
};

MagicPool& pool() {
    static MagicPool instance;
    return instance;
}

}  // namespace

std::string detectMediaType(const std::string& path) {
    return pool().detect([&](magic_t m) { return magic_file(m, path.c_str()); });
}

std::string detectMediaType(const void* data, std::size_t size) {
    return pool().detect(
        [&](magic_t m) { return magic_buffer(m, data, std::min(size, kMediaTypeBytes)); });
}

std::size_t mediaTypeHandlesOpened() {
    return pool().opened();
}

}  // namespace kc
