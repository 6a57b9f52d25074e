#pragma once

#include <cstddef>
#include <string>

namespace kc {

// The media type of content as libmagic sees it ("application/pdf", "image/jpeg",
// "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ...), whatever
// name or type the uploader claimed. "application/octet-stream" when libmagic cannot tell or
// cannot read the file.
//
// Thread-safe: libmagic handles are not, so each thread lazily opens its own (a few
// milliseconds once per thread) and keeps it until the thread exits.
// Throws std::runtime_error if libmagic's database cannot be loaded (broken installation).
std::string detectMediaType(const std::string& path);

// Same, from the first bytes of the content (a few KB are enough for every common type).
std::string detectMediaType(const void* data, std::size_t size);

}  // namespace kc
