#pragma once

#include <filesystem>

namespace kc {

// fsync(2) by path, for what std::filesystem cannot make durable. Each throws
// std::system_error (with errno and the path) if the file cannot be opened or flushed.

// Flushes a file's content to disk.
void syncFile(const std::filesystem::path& file);

// Flushes a directory, making the names created, renamed or removed in it durable.
void syncDirectory(const std::filesystem::path& dir);

}  // namespace kc
