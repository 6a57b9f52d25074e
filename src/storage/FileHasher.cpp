#include "storage/FileHasher.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <vector>

#include "core/Sha256.h"

namespace kc {
namespace {

constexpr std::size_t kReadBytes = 256 * 1024;

}  // namespace

FileHasher::FileHasher(int fd, std::filesystem::path path, Sha256& hash, std::uint64_t offset)
    : _fd(fd), _path(std::move(path)), _hash(hash), _hashed(offset), _available(offset) {
    try {
        _thread = std::thread([this] { run(); });
    } catch (...) {
        ::close(_fd);
        throw;
    }
}

FileHasher::~FileHasher() {
    if (_thread.joinable()) {
        _cancelled = true;
        {
            std::lock_guard lock(_mutex);
            _closing = true;
        }
        _wake.notify_one();
        _thread.join();
    }
    ::close(_fd);
}

void FileHasher::advance(std::uint64_t size) {
    {
        std::lock_guard lock(_mutex);
        _available = size;
    }
    _wake.notify_one();
}

void FileHasher::finish(std::uint64_t size) {
    {
        std::lock_guard lock(_mutex);
        _available = size;
        _closing = true;
    }
    _wake.notify_one();
    _thread.join();
    if (_error != 0)
        throw std::system_error(_error, std::generic_category(), "read back " + _path.string());
}

void FileHasher::run() {
    std::vector<char> buffer(kReadBytes);
    for (;;) {
        std::uint64_t until;
        {
            std::unique_lock lock(_mutex);
            _wake.wait(lock, [&] { return _closing || _available > _hashed; });
            until = _available;
        }
        if (_cancelled || _hashed >= until)
            return;  // cancelled, or closing with everything hashed
        while (_hashed < until) {
            if (_cancelled)
                return;
            const auto want =
                static_cast<std::size_t>(std::min<std::uint64_t>(kReadBytes, until - _hashed));
            ssize_t n = ::pread(_fd, buffer.data(), want, static_cast<off_t>(_hashed));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                _error = n < 0 ? errno : EIO;
                return;
            }
            _hash.update(buffer.data(), static_cast<std::size_t>(n));
            _hashed += static_cast<std::uint64_t>(n);
        }
    }
}

}  // namespace kc
