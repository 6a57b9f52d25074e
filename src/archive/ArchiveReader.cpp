#include "archive/ArchiveReader.h"

#include <archive.h>
#include <archive_entry.h>
#include <langinfo.h>
#include <zlib.h>

#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "archive/ArchivePath.h"
#include "archive/NameDecoder.h"
#include "archive/RarHeaders.h"
#include "core/Text.h"

namespace kc {
namespace {

constexpr std::size_t kBufferSize = 64 * 1024;

struct ArchiveFree {
    void operator()(archive* a) const { archive_read_free(a); }
};

void requireUtf8Locale() {
    const char* codeset = nl_langinfo(CODESET);
    if (!codeset || std::strcmp(codeset, "UTF-8") != 0)
        throw std::logic_error(
            "ArchiveReader needs a UTF-8 locale: call setlocale(LC_ALL, \"C.UTF-8\") at start-up");
}

// Each call either enables the format in-process or fails; a warning would mean libarchive
// falls back to running an external decompressor, which we never want for uploads.
void enable(int result, const char* what) {
    if (result != ARCHIVE_OK)
        throw std::runtime_error(std::string("libarchive lacks built-in support for ") + what);
}

std::string libarchiveMessage(archive* a) {
    const char* message = archive_error_string(a);
    return message ? message : "unknown libarchive error";
}

Error encryptedArchive() {
    return Error::invalid(
        "Tệp nén được đặt mật khẩu (mã hóa cả tên tệp) nên không đọc được; hãy nén lại, không "
        "đặt mật khẩu");
}

bool rarNamesEncrypted(const std::string& path) {
    auto rar = readRarHeaders(path);
    return rar.ok() && rar.value() && rar.value()->encryptedHeaders;
}

std::string describeBytes(std::uint64_t bytes) {
    if (bytes >= (1ULL << 20) && bytes % (1ULL << 20) == 0)
        return std::to_string(bytes >> 20) + " MB";
    return std::to_string(bytes) + " byte";
}

Error tooLarge(std::string message, std::string path = {}) {
    std::vector<ErrorDetail> details;
    if (!path.empty())
        details.push_back({std::move(path), message});
    return {ErrorCode::TooLarge, std::move(message), std::move(details)};
}

Error totalTooLarge(std::uint64_t maxTotalBytes) {
    return tooLarge("Tổng dung lượng giải nén vượt quá giới hạn (tối đa " +
                    describeBytes(maxTotalBytes) + ")");
}

// wchar_t is UTF-32 on the platforms we build for. Invalid code points become 0xFF, which
// keeps the result invalid UTF-8 so the name is refused as BadName.
std::string wideToUtf8(const wchar_t* w) {
    std::string out;
    for (; *w; ++w) {
        auto c = static_cast<std::uint32_t>(*w);
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000 && (c < 0xD800 || c > 0xDFFF)) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c >= 0x10000 && c <= 0x10FFFF) {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += '\xFF';
        }
    }
    return out;
}

// archive_entry_pathname() gives the stored bytes untouched when the archive does not say its
// names are Unicode (legacy zips), which is what NameDecoder needs; the other two are fallbacks
// for formats whose names only exist as Unicode.
std::string rawName(archive_entry* entry) {
    if (const char* name = archive_entry_pathname(entry))
        return name;
    if (const char* name = archive_entry_pathname_utf8(entry))
        return name;
    if (const wchar_t* name = archive_entry_pathname_w(entry))
        return wideToUtf8(name);
    return {};
}

}  // namespace

struct ArchiveReader::Impl {
    explicit Impl(const ArchiveLimits& l) : limits(l), buffer(kBufferSize) {}

    std::unique_ptr<archive, ArchiveFree> handle;
    ArchiveLimits limits;
    NameDecoder names;
    std::vector<char> buffer;
    std::uint64_t entries = 0;
    std::uint64_t totalBytes = 0;
    std::uint64_t declaredTotal = 0;
    bool dataPending = false;
    // The entry last returned still has data in the stream that readData() did not take; its
    // declared size if it was refused (an accepted entry's is already in declaredTotal).
    bool unreadData = false;
    std::uint64_t unreadDeclared = 0;
    std::string currentPath;
    std::optional<Error> failure;
    std::string path;
    // RAR only: the archive's own headers (RarHeaders.h), read when the first entry shows the
    // format; the next entry's index in them; the current entry's CRC-32 for readData to check.
    std::optional<RarHeaders> rar;
    std::size_t rarIndex = 0;
    std::optional<std::uint32_t> expectedCrc;
    uLong crc = 0;

    // What the RAR headers say about the entry libarchive has just read; nullopt for the other
    // formats, whose readers report encryption and check CRCs themselves.
    Result<std::optional<RarEntryHeader>> nextRarHeader(bool isDirectory) {
        const int format = archive_format(handle.get()) & ARCHIVE_FORMAT_BASE_MASK;
        if (format != ARCHIVE_FORMAT_RAR && format != ARCHIVE_FORMAT_RAR_V5)
            return std::optional<RarEntryHeader>{};
        if (!rar) {
            auto headers = readRarHeaders(path);
            if (!headers.ok())
                return headers.takeError();
            if (!headers.value())  // libarchive found it behind a self-extractor's program
                return Error::invalid(
                    "Tệp RAR tự giải nén (.exe) không được nhận; hãy gửi tệp .rar");
            rar = std::move(*headers.value());
        }
        if (rarIndex >= rar->entries.size() || rar->entries[rarIndex].directory != isDirectory)
            return Error::invalid("Tệp nén RAR bị hỏng hoặc không đọc được",
                                  {{"", "RAR headers do not match libarchive's entries"}});
        return std::optional<RarEntryHeader>(rar->entries[rarIndex++]);
    }

    // For readData and skipData: the reader's failure, Conflict when no accepted entry's data
    // waits, else takes that data as handled.
    Status takePending() {
        if (failure)
            return *failure;
        if (!dataPending)
            return Error::conflict("Không có tệp nào đang chờ đọc trong tệp nén");
        dataPending = false;
        return Ok{};
    }

    // Reads past the data of the entry last returned, if readData() did not. libarchive's own
    // skip would inflate a compressed tar, a solid 7z or RAR, or a streamed zip entry to its
    // end, uncounted and uninterruptible; read here, those bytes count toward maxTotalBytes
    // like any other, so a refused or unmatched entry cannot make an archive expand past it.
    // Errors: TooLarge. A damaged entry nobody keeps is not an error here: if the archive
    // cannot go on, the next header says so.
    // Returns the bytes read past, nullopt when the data ended in damage (or there was none
    // left to read).
    Result<std::optional<std::uint64_t>> skipUnread() {
        if (!unreadData)
            return std::optional<std::uint64_t>{};
        unreadData = false;
        declaredTotal += unreadDeclared;
        if (declaredTotal > limits.maxTotalBytes)
            return totalTooLarge(limits.maxTotalBytes);
        std::uint64_t skipped = 0;
        for (;;) {
            la_ssize_t n = archive_read_data(handle.get(), buffer.data(), buffer.size());
            if (n == 0)
                return std::optional<std::uint64_t>(skipped);
            if (n < 0)
                return std::optional<std::uint64_t>{};
            skipped += static_cast<std::uint64_t>(n);
            totalBytes += static_cast<std::uint64_t>(n);
            if (totalBytes > limits.maxTotalBytes)
                return totalTooLarge(limits.maxTotalBytes);
        }
    }
};

ArchiveReader::ArchiveReader(std::unique_ptr<Impl> impl) : _impl(std::move(impl)) {}

ArchiveReader::~ArchiveReader() = default;

Result<std::unique_ptr<ArchiveReader>> ArchiveReader::open(const std::string& path,
                                                           const ArchiveLimits& limits) {
    requireUtf8Locale();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Error::notFound("Không tìm thấy tệp nén");

    auto impl = std::make_unique<Impl>(limits);
    impl->path = path;
    impl->handle.reset(archive_read_new());
    if (!impl->handle)
        throw std::bad_alloc();
    archive* a = impl->handle.get();
    enable(archive_read_support_format_zip(a), "zip");
    enable(archive_read_support_format_7zip(a), "7z");
    enable(archive_read_support_format_rar(a), "rar");
    enable(archive_read_support_format_rar5(a), "rar5");
    enable(archive_read_support_format_tar(a), "tar");
    enable(archive_read_support_filter_gzip(a), "gzip");
    enable(archive_read_support_filter_bzip2(a), "bzip2");
    enable(archive_read_support_filter_xz(a), "xz");
    if (archive_read_open_filename(a, path.c_str(), kBufferSize) < ARCHIVE_WARN)
        return Error::invalid(
            "Tệp không phải là tệp nén hợp lệ hoặc có định dạng chưa được hỗ trợ "
            "(hỗ trợ zip, 7z, rar, tar.gz, tar.xz, tar.bz2)",
            {{"", libarchiveMessage(a)}});
    return std::unique_ptr<ArchiveReader>(new ArchiveReader(std::move(impl)));
}

Error ArchiveReader::fail(Error error) {
    _impl->failure = error;
    return error;
}

Result<std::optional<ArchiveEntry>> ArchiveReader::next() {
    Impl& s = *_impl;
    if (s.failure)
        return *s.failure;
    s.dataPending = false;
    if (auto skipped = s.skipUnread(); !skipped.ok())
        return fail(skipped.takeError());
    for (;;) {
        archive_entry* entry = nullptr;
        int r = archive_read_next_header(s.handle.get(), &entry);
        if (r == ARCHIVE_EOF)
            return std::optional<ArchiveEntry>{};
        if (r < ARCHIVE_WARN) {
            // Of an archive whose names are encrypted, libarchive says only "not supported"
            // (it fails on the first header, so such an archive never reaches nextRarHeader);
            // it knows for 7z and RAR 4, RarHeaders for RAR 5.
            if (archive_read_has_encrypted_entries(s.handle.get()) > 0 || rarNamesEncrypted(s.path))
                return fail(encryptedArchive());
            return fail(Error::invalid("Tệp nén bị hỏng hoặc không đọc được",
                                       {{"", libarchiveMessage(s.handle.get())}}));
        }
        if (++s.entries > s.limits.maxEntries)
            return fail(tooLarge("Tệp nén có quá nhiều mục (tối đa " +
                                 std::to_string(s.limits.maxEntries) + ")"));
        auto rarHeader = s.nextRarHeader(archive_entry_filetype(entry) == AE_IFDIR);
        if (!rarHeader.ok())
            return fail(rarHeader.takeError());

        std::string raw = rawName(entry);
        std::optional<std::string> decoded = s.names.decode(raw);
        ArchiveEntry result;
        result.path = decoded ? text::toNfc(*decoded) : NameDecoder::printable(raw);
        if (result.path.empty())  // libarchive gave no name at all: say which entry it is
            result.path =
                "(mục thứ " + std::to_string(s.entries) + " trong tệp nén, không đọc được tên)";
        std::optional<std::uint64_t> declared;
        if (archive_entry_size_is_set(entry) && archive_entry_size(entry) >= 0)
            declared = static_cast<std::uint64_t>(archive_entry_size(entry));
        auto refuse = [&](RejectReason reason) {
            result.rejection = reason;
            result.declaredSize = declared;
            // Encrypted data cannot be read without the password; libarchive skips it.
            s.unreadData = reason != RejectReason::Encrypted;
            s.unreadDeclared = declared.value_or(0);
            return std::optional<ArchiveEntry>(std::move(result));
        };

        // Tar hard links have file type 0, so the link target is the only reliable sign.
        if (archive_entry_hardlink(entry))
            return refuse(RejectReason::Hardlink);
        mode_t type = archive_entry_filetype(entry);
        if (type == AE_IFLNK || archive_entry_symlink(entry))
            return refuse(RejectReason::Symlink);
        if (type == AE_IFDIR)
            continue;
        if (type == AE_IFIFO)
            return refuse(RejectReason::Fifo);
        if (type == AE_IFCHR || type == AE_IFBLK)
            return refuse(RejectReason::Device);
        if (type != AE_IFREG)
            return refuse(RejectReason::NotRegularFile);
        if (!decoded)
            return refuse(RejectReason::BadName);
        PathCheck check = checkArchivePath(*decoded);
        if (check.rejection)
            return refuse(*check.rejection);
        if (check.path.empty())
            return refuse(RejectReason::BadName);
        if (archive_entry_is_encrypted(entry) ||
            (rarHeader.value() && rarHeader.value()->encrypted))
            return refuse(RejectReason::Encrypted);

        result.path = check.path;
        if (declared) {
            result.declaredSize = declared;
            if (*declared > s.limits.maxEntryBytes)
                return fail(tooLarge("Tệp trong tệp nén vượt quá dung lượng cho phép (tối đa " +
                                         describeBytes(s.limits.maxEntryBytes) + ")",
                                     result.path));
            s.declaredTotal += *declared;
            if (s.declaredTotal > s.limits.maxTotalBytes)
                return fail(totalTooLarge(s.limits.maxTotalBytes));
        }
        s.dataPending = true;
        s.unreadData = true;
        s.unreadDeclared = 0;
        s.currentPath = result.path;
        s.expectedCrc = rarHeader.value() ? rarHeader.value()->crc32 : std::nullopt;
        s.crc = crc32(0, nullptr, 0);
        return std::optional<ArchiveEntry>(std::move(result));
    }
}

Result<std::uint64_t> ArchiveReader::readData(const ByteSink& sink) {
    Impl& s = *_impl;
    KC_TRY(s.takePending());
    s.unreadData = false;
    std::uint64_t entryBytes = 0;
    for (;;) {
        la_ssize_t n = archive_read_data(s.handle.get(), s.buffer.data(), s.buffer.size());
        if (n == 0 && s.expectedCrc && s.crc != *s.expectedCrc)
            return fail(Error::invalid("Dữ liệu trong tệp nén bị hỏng",
                                       {{s.currentPath, "CRC-32 không khớp với tiêu đề RAR"}}));
        if (n == 0)
            return entryBytes;
        // ARCHIVE_WARN here is a CRC or size mismatch: the bytes already delivered are wrong.
        if (n < 0)
            return fail(Error::invalid("Dữ liệu trong tệp nén bị hỏng",
                                       {{s.currentPath, libarchiveMessage(s.handle.get())}}));
        auto size = static_cast<std::uint64_t>(n);
        if (entryBytes + size > s.limits.maxEntryBytes)
            return fail(
                tooLarge("Tệp trong tệp nén vượt quá dung lượng cho phép khi giải nén (tối đa " +
                             describeBytes(s.limits.maxEntryBytes) + ")",
                         s.currentPath));
        if (s.totalBytes + size > s.limits.maxTotalBytes)
            return fail(totalTooLarge(s.limits.maxTotalBytes));
        entryBytes += size;
        s.totalBytes += size;
        if (s.expectedCrc)
            s.crc = crc32(s.crc, reinterpret_cast<const Bytef*>(s.buffer.data()),
                          static_cast<uInt>(size));
        Status status = sink(s.buffer.data(), static_cast<std::size_t>(size));
        if (!status.ok())
            return fail(status.takeError());
    }
}

Result<std::optional<std::uint64_t>> ArchiveReader::skipData() {
    Impl& s = *_impl;
    KC_TRY(s.takePending());
    auto skipped = s.skipUnread();
    if (!skipped.ok())
        return fail(skipped.takeError());
    return skipped;
}

std::string ArchiveReader::formatName() const {
    const char* name = archive_format_name(_impl->handle.get());
    return name ? name : "";
}

}  // namespace kc
