#pragma once

#include <string_view>

namespace kc {

// Why one archive entry is refused. The rest of the archive is still read; a refused entry is
// reported to the uploader with its reason and never touches the blob store.
enum class RejectReason {
    AbsolutePath,     // "/etc/x", "//server/share/x"
    DriveLetter,      // "C:/x", "C:x"
    ParentDirectory,  // a ".." component anywhere
    Backslash,        // '\' left in a name (a separator on Windows, a trick elsewhere)
    BadName,          // empty, control characters, or bytes no supported code page decodes
    NameTooLong,      // over 1024 bytes, or a component over 255 bytes
    Symlink,
    Hardlink,
    Device,  // character or block device
    Fifo,
    NotRegularFile,  // sockets and unknown types
    Encrypted,       // password-protected data or metadata
};

// Stable snake_case code for JSON and tests, e.g. "parent_directory".
std::string_view rejectReasonCode(RejectReason reason);

// One Vietnamese sentence an uploader can read.
std::string_view rejectReasonMessage(RejectReason reason);

}  // namespace kc
