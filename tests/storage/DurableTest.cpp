#include "storage/Durable.h"

#include <gtest/gtest.h>

#include <fstream>
#include <system_error>

#include "TempDir.h"

namespace kc {
namespace {

TEST(DurableTest, FlushesFilesAndDirectories) {
    test::TempDir dir;
    std::ofstream(dir.file("tệp.pdf")) << "bytes";
    EXPECT_NO_THROW(syncFile(dir.file("tệp.pdf")));
    EXPECT_NO_THROW(syncDirectory(dir.path()));
}

// What cannot be flushed is an error naming the path, not a silent success.
TEST(DurableTest, APathThatCannotBeFlushedThrowsWithItsName) {
    test::TempDir dir;
    std::ofstream(dir.file("a file")) << "bytes";
    for (auto call : {+[](const std::filesystem::path& p) { syncFile(p); },
                      +[](const std::filesystem::path& p) { syncDirectory(p); }}) {
        try {
            call(dir.path() / "missing");
            FAIL() << "no error";
        } catch (const std::system_error& e) {
            EXPECT_EQ(e.code(), std::errc::no_such_file_or_directory);
            EXPECT_NE(std::string(e.what()).find(dir.file("missing")), std::string::npos);
        }
    }
    try {
        syncDirectory(dir.file("a file"));
        FAIL() << "a file flushed as a directory";
    } catch (const std::system_error& e) {
        EXPECT_EQ(e.code(), std::errc::not_a_directory);
    }
}

}  // namespace
}  // namespace kc
