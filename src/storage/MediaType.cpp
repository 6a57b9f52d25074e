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
