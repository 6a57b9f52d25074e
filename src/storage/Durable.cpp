#include "storage/Durable.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace kc {
namespace {

void sync(const std::filesystem::path& path, int flags, const char* what) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0)
        throw std::system_error(errno, std::generic_category(),
                                std::string("open ") + what + " " + path.string());
    int rc = ::fsync(fd);
    int savedErrno = errno;
    ::close(fd);
    if (rc != 0)
        throw std::system_error(savedErrno, std::generic_category(),
                                std::string("fsync ") + what + " " + path.string());
}

}  // namespace

void syncFile(const std::filesystem::path& file) {
    sync(file, O_RDONLY, "file");
}

void syncDirectory(const std::filesystem::path& dir) {
    sync(dir, O_RDONLY | O_DIRECTORY, "directory");
}

}  // namespace kc
