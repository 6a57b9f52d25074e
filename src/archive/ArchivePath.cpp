#include "archive/ArchivePath.h"

#include "core/Text.h"

namespace kc {
namespace {

constexpr std::size_t kMaxPathBytes = 1024;
constexpr std::size_t kMaxComponentBytes = 255;

bool isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

PathCheck rejected(RejectReason reason) {
    return {{}, reason};
}

}  // namespace

PathCheck checkArchivePath(std::string_view name) {
    if (name.empty() || !text::isValidUtf8(name) || text::hasNameControlCharacters(name))
        return rejected(RejectReason::BadName);
    if (name.front() == '/')
        return rejected(RejectReason::AbsolutePath);
    if (name.size() >= 2 && isAsciiLetter(name[0]) && name[1] == ':')
        return rejected(RejectReason::DriveLetter);
    if (name.find('\\') != std::string_view::npos)
        return rejected(RejectReason::Backslash);

    std::string nfc = text::toNfc(name);
    std::string path;
    std::string_view rest = nfc;
    while (!rest.empty()) {
        std::size_t slash = rest.find('/');
        std::string_view part = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
        if (part.empty() || part == ".")
            continue;
        if (part == "..")
            return rejected(RejectReason::ParentDirectory);
        if (part.size() > kMaxComponentBytes)
            return rejected(RejectReason::NameTooLong);
        if (!path.empty())
            path += '/';
        path += part;
    }
    if (path.size() > kMaxPathBytes)
        return rejected(RejectReason::NameTooLong);
    return {path, std::nullopt};
}

}  // namespace kc
