#include "ArchiveTestSupport.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <clocale>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace kc::test {
namespace {

// ArchiveReader requires a UTF-8 locale, as the server's main() sets it.
class Utf8Locale : public ::testing::Environment {
public:
    void SetUp() override { ASSERT_NE(std::setlocale(LC_ALL, "C.UTF-8"), nullptr); }
};

[[maybe_unused]] ::testing::Environment* const kUtf8Locale =
    ::testing::AddGlobalTestEnvironment(new Utf8Locale);

// Raw deflate of 1 MiB of zeros ending in a full flush: byte-aligned and independent of what
// precedes it, so the same chunk can be repeated to make any multiple of 1 MiB.
std::string zeroChunk() {
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2");
    std::string in(1 << 20, '\0');
    std::string out(64 * 1024, '\0');
    z.next_in = reinterpret_cast<Bytef*>(in.data());
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    if (deflate(&z, Z_FULL_FLUSH) != Z_OK || z.avail_in != 0)
        throw std::runtime_error("deflate");
    out.resize(out.size() - z.avail_out);
    deflateEnd(&z);
    return out;
}

// One complete gzip member holding data.
std::string gzipMember(const std::string& data) {
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2");
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        throw std::runtime_error("deflate");
    out.resize(out.size() - z.avail_out);
    deflateEnd(&z);
    return out;
}

// A ustar header for a regular file of the given size.
std::string tarHeader(const std::string& name, std::uint64_t size) {
    std::string h(512, '\0');
    auto field = [&](std::size_t at, const std::string& value) {
        h.replace(at, value.size(), value);
    };
    char octal[16];
    field(0, name);
    field(100, "0000644");
    field(108, "0000000");
    field(116, "0000000");
    std::snprintf(octal, sizeof octal, "%011llo", static_cast<unsigned long long>(size));
    field(124, octal);
    field(136, "00000000000");
    field(148, "        ");
    field(156, "0");
    field(257, std::string("ustar\0"
                           "00",
                           8));
    unsigned sum = 0;
    for (char c : h) sum += static_cast<unsigned char>(c);
    std::snprintf(octal, sizeof octal, "%06o", sum);
    field(148, std::string(octal, 6) + std::string("\0 ", 2));
    return h;
}

void put16(std::string& s, std::uint32_t v) {
    s += static_cast<char>(v & 0xFF);
    s += static_cast<char>((v >> 8) & 0xFF);
}

void put32(std::string& s, std::uint32_t v) {
    put16(s, v & 0xFFFF);
    put16(s, v >> 16);
}

}  // namespace

std::string archiveFixture(const std::string& name) {
    return std::string(KC_SOURCE_DIR) + "/tests/fixtures/archives/" + name;
}

ReadAll readAll(const std::string& path, const ArchiveLimits& limits) {
    ReadAll result;
    auto reader = ArchiveReader::open(path, limits);
    if (!reader.ok()) {
        result.error = reader.error();
        return result;
    }
    for (;;) {
        auto entry = (*reader)->next();
        if (!entry.ok()) {
            result.error = entry.error();
            return result;
        }
        if (!entry->has_value())
            return result;
        const ArchiveEntry& e = **entry;
        ReadEntry out{e.path, e.rejection ? std::string(rejectReasonCode(*e.rejection)) : "", ""};
        if (e.accepted()) {
            auto n = (*reader)->readData([&](const char* data, std::size_t size) -> Status {
                out.content.append(data, size);
                return Ok{};
            });
            if (!n.ok()) {
                result.error = n.error();
                return result;
            }
        }
        result.entries.push_back(std::move(out));
    }
}

void writeZipBomb(const std::string& path, const std::vector<BombEntry>& entries) {
    const std::string chunk = zeroChunk();
    const std::string zeros(1 << 20, '\0');
    const uLong chunkCrc =
        crc32(0, reinterpret_cast<const Bytef*>(zeros.data()), static_cast<uInt>(zeros.size()));
    const std::string finalBlock("\x03\x00", 2);  // an empty final fixed-Huffman block
    std::ofstream out(path, std::ios::binary);
    std::string central;
    std::uint32_t offset = 0;
    for (const BombEntry& e : entries) {
        const auto compressed = static_cast<std::uint32_t>(chunk.size() * e.actualMiB + 2);
        const auto declared = static_cast<std::uint32_t>(e.declaredBytes);
        uLong crc = 0;
        for (std::uint64_t i = 0; i < e.actualMiB; ++i)
            crc = crc32_combine(crc, chunkCrc, static_cast<z_off_t>(zeros.size()));
        std::string local;
        put32(local, 0x04034B50);
        put16(local, 20);  // version needed
        put16(local, 0);   // flags
        put16(local, 8);   // deflate
        put32(local, 0);   // DOS time and date
        put32(local, static_cast<std::uint32_t>(crc));
        put32(local, compressed);
        put32(local, declared);
        put16(local, static_cast<std::uint32_t>(e.name.size()));
        put16(local, 0);
        local += e.name;
        out << local;
        for (std::uint64_t i = 0; i < e.actualMiB; ++i) out << chunk;
        out << finalBlock;

        put32(central, 0x02014B50);
        put16(central, 0x031E);  // made by Unix
        put16(central, 20);
        put16(central, 0);
        put16(central, 8);
        put32(central, 0);
        put32(central, static_cast<std::uint32_t>(crc));
        put32(central, compressed);
        put32(central, declared);
        put16(central, static_cast<std::uint32_t>(e.name.size()));
        put32(central, 0);  // extra and comment lengths
        put32(central, 0);  // disk number and internal attributes
        put32(central, 0100644u << 16);
        put32(central, offset);
        central += e.name;
        offset += static_cast<std::uint32_t>(local.size()) + compressed;
    }
    std::string end;
    put32(end, 0x06054B50);
    put32(end, 0);
    put16(end, static_cast<std::uint32_t>(entries.size()));
    put16(end, static_cast<std::uint32_t>(entries.size()));
    put32(end, static_cast<std::uint32_t>(central.size()));
    put32(end, offset);
    put16(end, 0);
    out << central << end;
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

void writeTarGzBomb(const std::string& path, const std::vector<BombEntry>& entries) {
    const std::string zeros = gzipMember(std::string(1 << 20, '\0'));
    std::ofstream out(path, std::ios::binary);
    for (const BombEntry& e : entries) {
        out << gzipMember(tarHeader(e.name, e.actualMiB << 20));
        for (std::uint64_t i = 0; i < e.actualMiB; ++i) out << zeros;
    }
    out << gzipMember(std::string(1024, '\0'));  // the end-of-archive blocks
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

}  // namespace kc::test
