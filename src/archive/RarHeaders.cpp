#include "archive/RarHeaders.h"

#include <algorithm>
#include <cstring>
#include <fstream>

namespace kc {
namespace {

// RARLAB's "technote.txt" (RAR 1.5-4.x) and "RAR 5.0 archive format".
constexpr char kRar4Signature[] = "Rar!\x1a\x07\x00";
constexpr char kRar5Signature[] = "Rar!\x1a\x07\x01\x00";
constexpr std::uint64_t kMaxRar5Header = 2 * 1024 * 1024;

Error malformed(const std::string& what) {
    return Error::invalid("Tệp nén RAR bị hỏng hoặc không đọc được", {{"", what}});
}

std::uint32_t le32(const unsigned char* p) {
    return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

// The file, read forward header by header; data areas are skipped with seeks, which must not
// pass the end (seekg would).
class Input {
public:
    explicit Input(const std::string& path) : _in(path, std::ios::binary) {
        _in.seekg(0, std::ios::end);
        _size = static_cast<std::uint64_t>(std::max<std::streamoff>(0, _in.tellg()));
        _in.seekg(0);
    }
    bool good() const { return _in.is_open(); }
    // Exactly n bytes, or false at the end of the file.
    bool read(void* out, std::size_t n) {
        _in.read(static_cast<char*>(out), static_cast<std::streamsize>(n));
        _position += static_cast<std::uint64_t>(_in.gcount());
        return static_cast<std::size_t>(_in.gcount()) == n;
    }
    bool atEnd() const { return _position >= _size; }
    bool skip(std::uint64_t n) {
        if (n > _size - _position)
            return false;
        _position += n;
        _in.seekg(static_cast<std::streamoff>(_position));
        return static_cast<bool>(_in);
    }

private:
    std::ifstream _in;
    std::uint64_t _size = 0;
    std::uint64_t _position = 0;
};

// RAR 4: every block starts HEAD_CRC(2) HEAD_TYPE(1) HEAD_FLAGS(2) HEAD_SIZE(2); with flag
// 0x8000 a 32-bit data size follows, and the data comes after the header.
Result<RarHeaders> readRar4(Input& in) {
    RarHeaders out;
    while (!in.atEnd()) {
        unsigned char base[7];
        if (!in.read(base, sizeof base))
            return malformed("RAR 4 block header cut short");
        const unsigned type = base[2];
        const unsigned flags = base[3] | (base[4] << 8);
        const unsigned size = base[5] | (base[6] << 8);
        if (size < 7)
            return malformed("RAR 4 block header too small");
        std::vector<unsigned char> h(size);
        std::memcpy(h.data(), base, 7);
        if (!in.read(h.data() + 7, size - 7))
            return malformed("RAR 4 block header cut short");
        if (type == 0x73 && (flags & 0x0080)) {  // main header, MHD_PASSWORD
            out.encryptedHeaders = true;
            return out;
        }
        if (type == 0x7B)  // end of archive
            break;
        std::uint64_t data = 0;
        if (flags & 0x8000) {
            if (size < 11)
                return malformed("RAR 4 block header too small");
            data = le32(&h[7]);
        }
        const bool fileLike = type == 0x74 || type == 0x7A;  // file, or service (NEWSUB)
        if (fileLike && (size < 32 || ((flags & 0x0100) && size < 40)))
            return malformed("RAR 4 file header too small");
        if (fileLike && (flags & 0x0100))  // LHD_LARGE: high 32 bits of the packed size
            data |= static_cast<std::uint64_t>(le32(&h[32])) << 32;
        if (type == 0x74) {
            RarEntryHeader e;
            e.directory = (flags & 0x00E0) == 0x00E0;
            e.encrypted = (flags & 0x0004) != 0;
            if (!(flags & 0x0003))  // not split across volumes: the CRC covers the whole file
                e.crc32 = le32(&h[16]);
            out.entries.push_back(e);
        }
        if (!in.skip(data))
            return malformed("RAR 4 data area past the end of the file");
    }
    return out;
}

// A RAR 5 variable-length integer: 7 bits a byte, low first, high bit = more.
bool vint(const unsigned char*& p, const unsigned char* end, std::uint64_t& value) {
    value = 0;
    for (int shift = 0; p < end && shift < 64; shift += 7) {
        const unsigned char byte = *p++;
        value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

// True if the extra area [p, end) of a RAR 5 file header holds a file encryption record.
bool hasEncryptionRecord(const unsigned char* p, const unsigned char* end) {
    while (p < end) {
        std::uint64_t size = 0, type = 0;
        if (!vint(p, end, size) || size > static_cast<std::uint64_t>(end - p))
            return false;
        const unsigned char* next = p + size;
        if (vint(p, next, type) && type == 0x01)
            return true;
        p = next;
    }
    return false;
}

// RAR 5: every header is CRC32(4), size (vint), then type, flags, [extra size], [data size] and
// the type's fields, all vints; the extra area ends the header and the data area follows it.
Result<RarHeaders> readRar5(Input& in) {
    RarHeaders out;
    std::vector<unsigned char> h;
    while (!in.atEnd()) {
        unsigned char crc[4];  // not checked here: libarchive checks every header's
        if (!in.read(crc, sizeof crc))
            return malformed("RAR 5 header cut short");
        std::uint64_t size = 0;
        for (int shift = 0;; shift += 7) {  // at most 3 bytes (the 2 MB cap)
            unsigned char byte = 0;
            if (shift == 21 || !in.read(&byte, 1))
                return malformed("RAR 5 header size unreadable");
            size |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if (!(byte & 0x80))
                break;
        }
        if (size == 0 || size > kMaxRar5Header)
            return malformed("RAR 5 header size out of range");
        h.resize(size);
        if (!in.read(h.data(), size))
            return malformed("RAR 5 header cut short");
        const unsigned char* p = h.data();
        const unsigned char* end = p + size;
        std::uint64_t type = 0, flags = 0, extraSize = 0, dataSize = 0;
        if (!vint(p, end, type) || !vint(p, end, flags) ||
            ((flags & 0x01) && !vint(p, end, extraSize)) ||
            ((flags & 0x02) && !vint(p, end, dataSize)) || extraSize > size)
            return malformed("RAR 5 header fields unreadable");
        if (type == 4) {  // archive encryption header
            out.encryptedHeaders = true;
            return out;
        }
        if (type == 5)  // end of archive
            break;
        if (type == 2) {
            std::uint64_t fileFlags = 0, unpacked = 0, attributes = 0;
            if (!vint(p, end, fileFlags) || !vint(p, end, unpacked) || !vint(p, end, attributes))
                return malformed("RAR 5 file header unreadable");
            if (fileFlags & 0x02) {  // Unix modification time
                if (end - p < 4)
                    return malformed("RAR 5 file header unreadable");
                p += 4;
            }
            RarEntryHeader e;
            e.directory = (fileFlags & 0x01) != 0;
            if (fileFlags & 0x04) {
                if (end - p < 4)
                    return malformed("RAR 5 file header unreadable");
                if (!(flags & 0x18))  // not split across volumes
                    e.crc32 = le32(p);
            }
            e.encrypted = hasEncryptionRecord(end - extraSize, end);
            out.entries.push_back(e);
        }
        if (!in.skip(dataSize))
            return malformed("RAR 5 data area past the end of the file");
    }
    return out;
}

}  // namespace

Result<std::optional<RarHeaders>> readRarHeaders(const std::string& path) {
    Input in(path);
    if (!in.good())
        return Error::notFound("Không tìm thấy tệp nén");
    char signature[8] = {};
    if (!in.read(signature, 7))
        return std::optional<RarHeaders>{};
    if (std::memcmp(signature, kRar4Signature, 7) == 0) {
        auto headers = readRar4(in);
        if (!headers.ok())
            return headers.takeError();
        return std::optional<RarHeaders>(std::move(headers.value()));
    }
    if (std::memcmp(signature, kRar5Signature, 7) == 0 && in.read(signature + 7, 1) &&
        signature[7] == '\0') {
        auto headers = readRar5(in);
        if (!headers.ok())
            return headers.takeError();
        return std::optional<RarHeaders>(std::move(headers.value()));
    }
    return std::optional<RarHeaders>{};
}

}  // namespace kc
