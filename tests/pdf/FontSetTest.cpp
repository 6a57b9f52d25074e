#include <gtest/gtest.h>

#include "PdfTools.h"
#include "TempDir.h"
#include "pdf/PdfDocumentBuilder.h"

namespace kc::pdf {
namespace {

using kc::test::boxedWords;
using kc::test::runTool;
using kc::test::TempDir;

// Characters the document font has no glyph for (an emoji with its variation selector, Chinese)
// print as □, measured as drawn, so a line still fits its cell and the reader sees that something
// could not be printed; Vietnamese around them is untouched.
TEST(FontSetTest, CharactersWithoutAGlyphPrintAsABoxThatFits) {
    // An emoji with its variation selector, a family emoji joined by U+200D, Chinese, and a name
    // wrapped in direction isolates as a browser may paste it.
    const std::string name =
        "Đặc khu Côn Đảo \U0001F3DD\uFE0F \U0001F468\u200D\U0001F469\u200D\U0001F467 "
        "\u2068昆島\u2069 – Ặ";
    Table table;
    table.columns = {{0.3}, {0.7}};
    table.rows = {
        {TableCell(name), TableCell(std::string(40, 'x'))},
        {TableCell("報告越南報告越南報告越南報告越南報告越南報告越南報告越南"), TableCell("y")}};
    PdfDocumentBuilder builder;
    builder.addParagraph(name).addTable(table);
    TempDir dir;
    const std::string pdf = dir.file("boxes.pdf");
    ASSERT_TRUE(builder.writeFile(pdf).ok());

    const auto text = runTool(dir, "pdftotext " + pdf + " -");
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_NE(text.output.find("Đặc khu Côn Đảo □ □□□ □□ – Ặ"), std::string::npos) << text.output;
    EXPECT_EQ(text.output.find("\u200D"), std::string::npos);
    EXPECT_EQ(text.output.find("\u2068"), std::string::npos);
    // The first column ends at 30 % of the text width (from the 30 mm margin, 165 mm wide).
    constexpr double kPt = 72.0 / 25.4;
    const double columnEnd = 30 * kPt + 0.3 * 165 * kPt;
    int boxes = 0;
    for (const auto& w : boxedWords(dir, pdf)) {
        if (w.text.find("□□□") == std::string::npos)
            continue;
        ++boxes;
        EXPECT_LE(w.xMax, columnEnd) << w.text;
    }
    EXPECT_GE(boxes, 2);  // the long run wrapped inside its cell
}

}  // namespace
}  // namespace kc::pdf
