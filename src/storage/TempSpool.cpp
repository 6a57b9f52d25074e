#include "storage/TempSpool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <vector>

#include "core/Random.h"

namespace kc {

namespace {

// Large writes: the spool sees the multipart reader's 256 KiB chunks.
constexpr std::size_t kBufferBytes = 1024 * 1024;

[[noreturn]] void throwErrno(const std::string& what, const std::string& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path);
}

class TempSpoolFile final : public SpoolFile {
public:
    TempSpoolFile(std::string path, int fd, std::uint64_t maxBytes)
        : _path(std::move(path)), _fd(fd), _maxBytes(maxBytes) {
        _buffer.reserve(kBufferBytes);
    }
    ~TempSpoolFile() override {
        if (_fd >= 0)
            ::close(_fd);
        ::unlink(_path.c_str());
    }

    Status write(const char* data, std::size_t size) override {
        if (_fd < 0)
            return Error::conflict("Tệp tạm đã đóng");
        if (size > _maxBytes - _size)
            return Error{
                ErrorCode::TooLarge,
                "Tệp vượt quá dung lượng cho phép (tối đa " + std::to_string(_maxBytes) + " byte)",
                {}};
        _size += size;
        if (_buffer.size() + size > kBufferBytes)
            flush();
        if (size >= kBufferBytes)
            writeAll(data, size);
        else
            _buffer.insert(_buffer.end(), data, data + size);
        return Ok{};
    }

    std::uint64_t bytesWritten() const override { return _size; }

    // No fsync: the spool is read back at once and never outlives the request.
    void release() override {
        if (_fd < 0)
            return;
        flush();
        std::vector<char>().swap(_buffer);
        int fd = _fd;
        _fd = -1;
        if (::close(fd) != 0)
            throwErrno("close", _path);
    }

    Result<StoredContent> commit() override {
        if (_size == 0)
            return Error::invalid("Tệp rỗng");
        release();
        return StoredContent{"", _size, ""};
    }

    const std::string& path() const override { return _path; }

private:
    void flush() {
        writeAll(_buffer.data(), _buffer.size());
        _buffer.clear();
    }
    void writeAll(const char* data, std::size_t size) {
        while (size > 0) {
            ssize_t n = ::write(_fd, data, size);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                throwErrno("write", _path);
            }
            data += n;
            size -= static_cast<std::size_t>(n);
        }
    }

    std::string _path;
    int _fd;
    std::uint64_t _maxBytes;
    std::uint64_t _size = 0;
    std::vector<char> _buffer;
};

}  // namespace

TempSpool::TempSpool(std::filesystem::path dir) : _dir(std::move(dir)) {
    std::filesystem::create_directories(_dir);
}

std::unique_ptr<SpoolFile> TempSpool::create(std::uint64_t maxBytes) {
    std::string path = (_dir / (randomHex(16) + ".spool")).string();
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throwErrno("create", path);
    return std::make_unique<TempSpoolFile>(std::move(path), fd, maxBytes);
}

}  // namespace kc
