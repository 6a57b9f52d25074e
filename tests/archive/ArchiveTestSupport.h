#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "archive/ArchiveReader.h"

namespace kc::test {

// tests/fixtures/archives/<name>; the fixtures are made by make-fixtures.py in that directory.
std::string archiveFixture(const std::string& name);

// What a test sees of one entry: its path, the rejection code ("" if accepted) and, for
// accepted entries, the bytes read.
struct ReadEntry {
    std::string path;
    std::string reason;
    std::string content;
};

// Every entry of an archive, or the error that stopped the reading.
struct ReadAll {
    std::vector<ReadEntry> entries;
    std::optional<Error> error;
};

ReadAll readAll(const std::string& path, const ArchiveLimits& limits = {});

struct BombEntry {
    std::string name;
    std::uint64_t actualMiB;      // zeros really produced by the deflate stream
    std::uint64_t declaredBytes;  // uncompressed size written in the headers (may lie)
};

// Writes a zip whose entries inflate to actualMiB MiB of zeros each while the file stays about
// 1 KB per MiB. CRCs are right, so an entry whose declared size is true reads cleanly.
void writeZipBomb(const std::string& path, const std::vector<BombEntry>& entries);

// Writes a gzip-compressed tar whose entries hold actualMiB MiB of zeros each (tar sizes are
// exact, declaredBytes is ignored). The file stays about 1 KB per MiB: the zeros are one gzip
// member of 1 MiB repeated, which gzip readers take as one stream.
void writeTarGzBomb(const std::string& path, const std::vector<BombEntry>& entries);

}  // namespace kc::test
