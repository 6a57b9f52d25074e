#include "archive/ArchivePath.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

struct PathCase {
    std::string name;
    std::string path;    // expected when accepted
    std::string reason;  // expected code, "" if accepted
};

TEST(ArchivePathTest, ChecksEveryRule) {
    const std::vector<PathCase> cases = {
        {"1.1.2 Kế hoạch/KH 97.pdf", "1.1.2 Kế hoạch/KH 97.pdf", ""},
        {"./a/./b//c.pdf", "a/b/c.pdf", ""},
        {"./", "", ""},
        {"a/", "a", ""},
        {"Vie\xcc\x82\xcc\xa3t.txt", "Vi\xe1\xbb\x87t.txt", ""},  // NFD in, NFC out
        {"..", "", "parent_directory"},
        {"../evil.txt", "", "parent_directory"},
        {"a/../../b", "", "parent_directory"},
        {"a/..", "", "parent_directory"},
        {"..a/b..", "..a/b..", ""},
        {"/etc/passwd", "", "absolute_path"},
        {"//server/share/x", "", "absolute_path"},
        {"C:/x", "", "drive_letter"},
        {"c:x", "", "drive_letter"},
        {"..\\x", "", "backslash"},
        {"a\\b.txt", "", "backslash"},
        {"\\\\server\\share", "", "backslash"},
        {"", "", "bad_name"},
        {"a\nb", "", "bad_name"},
        {std::string("a\0b", 3), "", "bad_name"},
        {"a\xc2\x85.txt", "", "bad_name"},          // U+0085, a C1 control
        {"K\xea\xec hoa\xf2.pdf", "", "bad_name"},  // undecoded CP1258 bytes
        {std::string(256, 'a'), "", "name_too_long"},
        {std::string(255, 'a'), std::string(255, 'a'), ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        PathCheck check = checkArchivePath(c.name);
        EXPECT_EQ(check.rejection ? std::string(rejectReasonCode(*check.rejection)) : "", c.reason);
        EXPECT_EQ(check.path, c.path);
    }
}

TEST(ArchivePathTest, LimitsWholePathLength) {
    std::string name;
    for (int i = 0; i < 6; ++i) name += std::string(200, 'x') + "/";
    EXPECT_EQ(checkArchivePath(name).rejection, RejectReason::NameTooLong);
}

TEST(ArchivePathTest, EveryReasonHasCodeAndVietnameseMessage) {
    for (int i = 0; i <= static_cast<int>(RejectReason::Encrypted); ++i) {
        auto reason = static_cast<RejectReason>(i);
        EXPECT_NE(rejectReasonCode(reason), "unknown");
        EXPECT_FALSE(rejectReasonMessage(reason).empty());
    }
}

}  // namespace
}  // namespace kc
