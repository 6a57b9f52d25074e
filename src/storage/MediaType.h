#pragma once

#include <cstddef>
#include <string>

namespace kc {

// The media type of content as libmagic sees it ("application/pdf", "image/jpeg",
// "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ...), whatever
// name or type the uploader claimed. "application/octet-stream" when libmagic cannot tell or
// cannot read the file.
//
// Thread-safe: libmagic handles are not, so each call borrows one from a pool of at most one per
// core (~8 MB and a few milliseconds to open each), opened as needed and kept; a call that finds
// them all in use waits for one.
// Throws std::runtime_error if libmagic's database cannot be loaded (broken installation).
// Only the first kMediaTypeBytes of the file are examined.
std::string detectMediaType(const std::string& path);

// How much of a file's beginning libmagic examines (its MAGIC_PARAM_BYTES_MAX here).
inline constexpr std::size_t kMediaTypeBytes = 64 * 1024;

// Same, from the first bytes of the content: the first kMediaTypeBytes (or all of a shorter
// file) give the same answer as detectMediaType(path) (bytes past that are ignored).
std::string detectMediaType(const void* data, std::size_t size);

// How many libmagic handles the process holds (the pool's size: at most one per core).
std::size_t mediaTypeHandlesOpened();

}  // namespace kc
