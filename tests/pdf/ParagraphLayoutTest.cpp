#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "PdfTools.h"
#include "TempDir.h"
#include "pdf/PdfDocumentBuilder.h"

namespace kc::pdf {
namespace {

// A grey-scale page rendered by pdftoppm at 72 dpi (one pixel per point).
struct Pixels {
    int width = 0, height = 0;
    std::string data;
    bool dark(int x, int y) const { return static_cast<unsigned char>(data[y * width + x]) < 128; }
};

Pixels render(const kc::test::TempDir& dir, const std::string& pdf) {
    kc::test::runTool(dir,
                      "pdftoppm -gray -r 72 -f 1 -l 1 -singlefile " + pdf + " " + dir.file("page"));
    std::ifstream in(dir.file("page.pgm"), std::ios::binary);
    std::string magic;
    int max = 0;
    Pixels p;
    in >> magic >> p.width >> p.height >> max;
    in.get();
    p.data.assign(std::istreambuf_iterator<char>(in), {});
    return p;
}

// Decree 30: under a named document's subject line, a centred rule a third as long as the line.
TEST(ParagraphLayoutTest, TheSubjectLineHasAShortRuleUnderIt) {
    PdfDocumentBuilder builder;
    builder
        .addTitle("QUYẾT ĐỊNH", "Phê duyệt và công bố kết quả Chỉ số cải cách hành chính năm 2022")
        .addParagraph("Căn cứ Luật Tổ chức chính quyền địa phương.");
    kc::test::TempDir dir;
    const std::string pdf = dir.file("title.pdf");
    ASSERT_TRUE(builder.writeFile(pdf).ok());

    double left = 1e9, right = 0, bottom = 0, next = 1e9;
    for (const auto& w : kc::test::boxedWords(dir, pdf)) {
        if (w.text == "Phê" || w.text == "2022") {
            left = std::min(left, w.xMin);
            right = std::max(right, w.xMax);
            bottom = std::max(bottom, w.yMax);
        }
        if (w.text == "Căn")
            next = w.yMin;
    }
    ASSERT_LT(bottom, next);
    const Pixels page = render(dir, pdf);
    ASSERT_GT(page.width, 0);
    // The longest run of dark pixels on a row between the subject and the next paragraph.
    int longest = 0, from = 0;
    for (int y = static_cast<int>(bottom) + 1; y < static_cast<int>(next); ++y)
        for (int x = 0, run = 0; x < page.width; ++x) {
            run = page.dark(x, y) ? run + 1 : 0;
            if (run > longest) {
                longest = run;
                from = x - run + 1;
            }
        }
    const double line = right - left;
    EXPECT_NEAR(longest, line / 3, 3.0);
    EXPECT_NEAR(from + longest / 2.0, (left + right) / 2, 3.0);  // centred under the line
}

}  // namespace
}  // namespace kc::pdf
