#include "archive/ArchiveWriter.h"

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "archive/ArchivePath.h"

namespace kc {
namespace {

constexpr std::size_t kBlockSize = 64 * 1024;

struct ArchiveFree {
    void operator()(archive* a) const { archive_write_free(a); }
};

struct EntryFree {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};

std::string libarchiveMessage(archive* a) {
    const char* message = archive_error_string(a);
    return message ? message : "unknown libarchive error";
}

}  // namespace

struct ArchiveWriter::Impl {
    std::unique_ptr<archive, ArchiveFree> handle;
    ByteSink out;
    std::optional<Error> sinkError;
    std::optional<Error> failure;
    std::unordered_set<std::string> paths;
    std::vector<char> buffer = std::vector<char>(kBlockSize);
    bool closed = false;
    bool abandoned = false;

    static la_ssize_t write(archive* a, void* self, const void* data, size_t size) {
        auto* impl = static_cast<Impl*>(self);
        if (impl->abandoned) {
            archive_set_error(a, ECANCELED, "archive abandoned");
            return -1;
        }
        Status status = impl->out(static_cast<const char*>(data), size);
        if (status.ok())
            return static_cast<la_ssize_t>(size);
        impl->sinkError = status.takeError();
        archive_set_error(a, EIO, "output sink failed");
        return -1;
    }

    Error libarchiveError(const std::string& path) {
        if (sinkError)
            return *sinkError;
        return Error::invalid("Không ghi được tệp nén", {{path, libarchiveMessage(handle.get())}});
    }
};

ArchiveWriter::ArchiveWriter(std::unique_ptr<Impl> impl) : _impl(std::move(impl)) {}

// archive_write_free() finishes an unclosed archive through the write callback; an abandoned
// archive must not reach the sink, which the caller may already have discarded.
ArchiveWriter::~ArchiveWriter() {
    _impl->abandoned = true;
    _impl->handle.reset();
}

Result<std::unique_ptr<ArchiveWriter>> ArchiveWriter::openZip(ByteSink out) {
    auto impl = std::make_unique<Impl>();
    impl->out = std::move(out);
    impl->handle.reset(archive_write_new());
    if (!impl->handle)
        throw std::bad_alloc();
    archive* a = impl->handle.get();
    if (archive_write_set_format_zip(a) != ARCHIVE_OK ||
        archive_write_set_options(a, "zip:hdrcharset=UTF-8") != ARCHIVE_OK)
        throw std::runtime_error("libarchive cannot write UTF-8 zip: " + libarchiveMessage(a));
    // Without this libarchive pads the last block with zeros after the end of the zip.
    archive_write_set_bytes_per_block(a, static_cast<int>(kBlockSize));
    archive_write_set_bytes_in_last_block(a, 1);
    if (archive_write_open(a, impl.get(), nullptr, &Impl::write, nullptr) != ARCHIVE_OK)
        return impl->libarchiveError("");
    return std::unique_ptr<ArchiveWriter>(new ArchiveWriter(std::move(impl)));
}

Error ArchiveWriter::fail(Error error) {
    _impl->failure = error;
    return error;
}

Status ArchiveWriter::add(std::string_view path, std::uint64_t size, const ByteSource& source,
                          std::time_t mtime, ZipMethod method) {
    Impl& s = *_impl;
    if (s.failure)
        return Error::conflict("Tệp nén đã hỏng do lỗi trước đó: " + s.failure->message);
    if (s.closed)
        return Error::conflict("Tệp nén đã được đóng");
    PathCheck check = checkArchivePath(path);
    if (check.rejection || check.path.empty())
        return Error::invalid("Đường dẫn không hợp lệ trong tệp nén xuất ra",
                              {{std::string(path),
                                check.rejection ? std::string(rejectReasonMessage(*check.rejection))
                                                : "Đường dẫn rỗng"}});
    if (!s.paths.insert(check.path).second)
        return Error::duplicate("Tệp \"" + check.path + "\" đã có trong tệp nén");

    std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
    archive_entry_update_pathname_utf8(entry.get(), check.path.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(size));
    archive_entry_set_mtime(entry.get(), mtime, 0);
    archive* a = s.handle.get();
    // Per entry: libarchive's zip writer reads this when the header is written.
    const int set = method == ZipMethod::Store ? archive_write_zip_set_compression_store(a)
                                               : archive_write_zip_set_compression_deflate(a);
    if (set != ARCHIVE_OK || archive_write_header(a, entry.get()) != ARCHIVE_OK)
        return fail(s.libarchiveError(check.path));

    std::uint64_t written = 0;
    for (;;) {
        Result<std::size_t> n = source(s.buffer.data(), s.buffer.size());
        if (!n.ok())
            return fail(n.takeError());
        if (*n == 0)
            break;
        if (*n > s.buffer.size())
            return fail(
                Error::invalid("Nguồn dữ liệu trả về nhiều hơn bộ đệm", {{check.path, ""}}));
        written += *n;
        if (written > size)
            break;
        if (archive_write_data(a, s.buffer.data(), *n) < 0)
            return fail(s.libarchiveError(check.path));
    }
    if (written != size)
        return fail(Error::invalid(
            "Nội dung tệp không khớp với dung lượng đã khai báo",
            {{check.path, "khai báo " + std::to_string(size) + " byte, nhận " +
                              std::to_string(written) + (written > size ? "+" : "") + " byte"}}));
    if (archive_write_finish_entry(a) != ARCHIVE_OK)
        return fail(s.libarchiveError(check.path));
    return Ok{};
}

Status ArchiveWriter::close() {
    Impl& s = *_impl;
    if (s.failure)
        return Error::conflict("Tệp nén đã hỏng do lỗi trước đó: " + s.failure->message);
    if (s.closed)
        return Error::conflict("Tệp nén đã được đóng");
    s.closed = true;
    if (archive_write_close(s.handle.get()) != ARCHIVE_OK)
        return fail(s.libarchiveError(""));
    return Ok{};
}

}  // namespace kc
