#include "office/XlsxWorkbook.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <system_error>

#include "FileSizeLimit.h"
#include "TempDir.h"

namespace kc::office {
namespace {

// The sheet names in an XLSX's workbook.xml, read back with bsdtar (an XLSX is a zip).
std::vector<std::string> sheetNames(const std::string& xlsx) {
    const std::string path = std::filesystem::temp_directory_path() /
                             ("kc-office-" + std::to_string(::getpid()) + ".xlsx");
    std::ofstream(path, std::ios::binary) << xlsx;
    std::string workbook;
    if (FILE* p = ::popen(("bsdtar -xOf " + path + " xl/workbook.xml").c_str(), "r")) {
        char buf[4096];
        while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) workbook.append(buf, n);
        ::pclose(p);
    }
    std::filesystem::remove(path);
    std::vector<std::string> names;
    const std::regex sheet("<sheet name=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(workbook.begin(), workbook.end(), sheet);
         it != std::sregex_iterator(); ++it)
        names.push_back((*it)[1]);
    return names;
}

Sheet named(const std::string& name) {
    Sheet s;
    s.name = name;
    s.title = name;
    s.header = {"Mã"};
    s.rows = {{SheetCell::of(std::string("XA01"))}};
    return s;
}

// Two unit types whose names share their first 31 characters, as long Vietnamese names do, and
// a type named like the summary sheet in other letter case: each still gets its own sheet.
TEST(XlsxWorkbookTest, SheetNamesCutOrCasedAlikeAreMadeUnique) {
    auto xlsx = writeXlsx({named("Tổng hợp"), named("Cơ quan chuyên môn thuộc UBND huyện Bảo Yên"),
                           named("Cơ quan chuyên môn thuộc UBND huyện Bảo Thắng"),
                           named("TỔNG HỢP"), named("'Kế hoạch: 1/2'"), named("")},
                          std::filesystem::temp_directory_path().string());
    ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
    EXPECT_EQ(sheetNames(*xlsx),
              (std::vector<std::string>{"Tổng hợp", "Cơ quan chuyên môn thuộc UBND h",
                                        "Cơ quan chuyên môn thuộc UB (2)", "TỔNG HỢP (2)",
                                        "_Kế hoạch_ 1_2_", "Sheet6"}));
}

// On a full disk the export got a 500 "Zip generic error" and left its temporary file in tmp/
// until the server stopped. It is now the std::system_error every full-disk write raises (the
// router answers 507 and logs it), and nothing is left behind.
TEST(XlsxWorkbookTest, AFullDiskThrowsTheDiskErrorAndLeavesNoFile) {
    test::TempDir dir;
    try {
        test::FileSizeLimit full(0);
        (void)writeXlsx({named("Tổng hợp")}, dir.path().string());
        ADD_FAILURE() << "no error on a full disk";
    } catch (const std::system_error& e) {
        EXPECT_EQ(e.code().value(), EFBIG) << e.what();
    }
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
    EXPECT_TRUE(writeXlsx({named("Tổng hợp")}, dir.path().string()).ok());
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace kc::office
