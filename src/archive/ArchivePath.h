#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "archive/RejectReason.h"

namespace kc {

// The outcome of checking one member name of an archive.
struct PathCheck {
    // When accepted: the normalised relative path ("a/b.pdf": NFC, '/'-separated, no empty or "."
    // components, no leading "./"). Empty when the name is only "." or "./" components (the
    // archive root, which callers skip). When rejected: empty.
    std::string path;
    std::optional<RejectReason> rejection;
};

// Checks a member name already decoded to UTF-8. Never consults the filesystem: the result is a
// key inside the archive, not a place to write. Rules, first match wins:
//   invalid UTF-8, NUL or other control characters -> BadName;
//   leading '/' -> AbsolutePath;  leading "X:" -> DriveLetter;  any '\' -> Backslash;
//   a ".." component -> ParentDirectory;  over 1024 bytes or a component over 255 -> NameTooLong.
// Thread-safe.
PathCheck checkArchivePath(std::string_view utf8Name);

}  // namespace kc
