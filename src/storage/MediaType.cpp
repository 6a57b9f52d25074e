#include "storage/MediaType.h"

#include <magic.h>

#include <algorithm>
#include <stdexcept>

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

magic_t threadHandle() {
    thread_local MagicHandle handle;
    return handle.get();
}

std::string orUnknown(const char* type) {
    return type && *type ? type : kUnknown;
}

}  // namespace

std::string detectMediaType(const std::string& path) {
    return orUnknown(magic_file(threadHandle(), path.c_str()));
}

std::string detectMediaType(const void* data, std::size_t size) {
    return orUnknown(magic_buffer(threadHandle(), data, std::min(size, kMediaTypeBytes)));
}

}  // namespace kc
