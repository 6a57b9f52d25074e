#pragma once

// A full disk, for tests: while an instance lives, writes by this process past `bytes` into
// any regular file fail (RLIMIT_FSIZE; a write that fails whole gives EFBIG, one that fits
// in part is cut short), and the SIGXFSZ that would otherwise end the process is ignored.

#include <sys/resource.h>

#include <csignal>
#include <stdexcept>

namespace kc::test {

class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        if (getrlimit(RLIMIT_FSIZE, &_saved) != 0)
            throw std::runtime_error("getrlimit");
        _handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = _saved;
        limit.rlim_cur = bytes;
        if (setrlimit(RLIMIT_FSIZE, &limit) != 0)
            throw std::runtime_error("setrlimit");
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &_saved);
        std::signal(SIGXFSZ, _handler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit _saved{};
    void (*_handler)(int) = SIG_DFL;
};

}  // namespace kc::test
