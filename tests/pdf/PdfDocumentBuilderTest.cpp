#include "pdf/PdfDocumentBuilder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <thread>
#include <tuple>

#include "PdfTools.h"
#include "SampleDocument.h"
#include "TempDir.h"

namespace kc::pdf {
namespace {

using kc::test::boxedWords;
using kc::test::runTool;
using kc::test::TempDir;
using sample::kManifest;
using sample::rowTag;
using sample::sampleDocument;

constexpr double kPt = 72.0 / 25.4;
constexpr double kTolerance = 0.6;

class PdfDocumentBuilderTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto start = std::chrono::steady_clock::now();
        ASSERT_TRUE(sampleDocument().writeFile(_pdf).ok());
        const auto ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
        RecordProperty("render_ms", std::to_string(ms.count()));
        // To look at the document: KC_PDF_KEEP_DIR=/some/dir ./pdf_tests
        if (const char* keep = std::getenv("KC_PDF_KEEP_DIR"))
            kc::test::writeAll(std::string(keep) + "/report.pdf", kc::test::readAll(_pdf));
    }
    TempDir _dir;
    std::string _pdf = _dir.file("report.pdf");
};

TEST_F(PdfDocumentBuilderTest, EveryFontIsEmbedded) {
    const auto run = runTool(_dir, "pdffonts " + _pdf);
    ASSERT_EQ(run.exitCode, 0) << run.output;
    std::istringstream lines(run.output);
    int fonts = 0;
    bool pastRule = false;
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("----")) {
            pastRule = true;
            continue;
        }
        if (!pastRule || line.empty())
            continue;
        std::istringstream fields(line);
        std::vector<std::string> tokens;
        for (std::string t; fields >> t;) tokens.push_back(t);
        ASSERT_GE(tokens.size(), 6u) << line;
        EXPECT_EQ(tokens[tokens.size() - 5], "yes") << "not embedded: " << line;
        EXPECT_NE(line.find("Identity-H"), std::string::npos) << line;
        ++fonts;
    }
    EXPECT_GE(fonts, 3);
}

TEST_F(PdfDocumentBuilderTest, TextExtractsAsExactNfcVietnamese) {
    const auto run = runTool(_dir, "pdftotext -layout " + _pdf + " -");
    ASSERT_EQ(run.exitCode, 0);
    for (const char* expected :
         {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND HUYỆN BẢO YÊN",
          "UBND XÃ PHÚC KHÁNH", "Số: 207/BC-UBND", "Phúc Khánh, ngày 02 tháng 02 năm 2023",
          "BÁO CÁO", "UBND xã Phúc Khánh", "94,29", "Chỉ số đánh giá các thôn (%)",
          "Thôn Nậm Khắt"})
        EXPECT_NE(run.output.find(expected), std::string::npos) << expected;
    EXPECT_EQ(run.output.find("Phu\u0301c"), std::string::npos) << "NFD text leaked";
}

TEST_F(PdfDocumentBuilderTest, QpdfFindsNoErrors) {
    const auto run = runTool(_dir, "qpdf --check " + _pdf);
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("No syntax or stream encoding errors"), std::string::npos);
}

TEST_F(PdfDocumentBuilderTest, NoWordOutsideTheMarginsExceptThePageNumber) {
    const double left = 30 * kPt, right = (210 - 15) * kPt, top = 20 * kPt,
                 bottom = (297 - 20) * kPt;
    const auto words = boxedWords(_dir, _pdf);
    ASSERT_GT(words.size(), 500u);
    int pageNumbers = 0;
    for (const auto& w : words) {
        if (w.yMax < top && w.text == std::to_string(w.page) && w.page >= 2) {
            EXPECT_NEAR((w.xMin + w.xMax) / 2, (left + right) / 2, 1.0);
            ++pageNumbers;
            continue;
        }
        EXPECT_GE(w.xMin, left - kTolerance) << w.text << " p" << w.page;
        EXPECT_LE(w.xMax, right + kTolerance) << w.text << " p" << w.page;
        EXPECT_GE(w.yMin, top - kTolerance) << w.text << " p" << w.page;
        EXPECT_LE(w.yMax, bottom + kTolerance) << w.text << " p" << w.page;
    }
    const int pages = words.back().page;
    EXPECT_GE(pages, 3);
    EXPECT_EQ(pageNumbers, pages - 1);
    // Justified lines end exactly at the right margin (the paragraph has three of them).
    int flushRight = 0;
    for (const auto& w : words)
        if (w.page == 1 && std::abs(w.xMax - right) < kTolerance)
            ++flushRight;
    EXPECT_GE(flushRight, 3);
}

TEST_F(PdfDocumentBuilderTest, PageTwoIsNumberedAtTheTop) {
    bool found = false;
    for (const auto& w : boxedWords(_dir, _pdf))
        if (w.page == 2 && w.text == "2" && w.yMax < 20 * kPt)
            found = true;
    EXPECT_TRUE(found);
}

TEST_F(PdfDocumentBuilderTest, TableRowsAreNeverSplitAndHeadersRepeat) {
    std::map<std::string, std::set<int>> pagesOf;
    std::set<int> headerPages, rowPages;
    for (const auto& w : boxedWords(_dir, _pdf)) {
        pagesOf[w.text].insert(w.page);
        if (w.text == "STT")
            headerPages.insert(w.page);
        if (w.text.starts_with("DV"))
            rowPages.insert(w.page);
    }
    for (int r = 1; r <= 120; ++r) {
        const std::string tag = rowTag(r);
        std::set<int> pages;
        for (const std::string& token :
             {tag, tag + "e", std::to_string(r) + ",25", std::to_string(r) + ",75"}) {
            ASSERT_EQ(pagesOf[token].size(), 1u) << token;
            pages.insert(*pagesOf[token].begin());
        }
        EXPECT_EQ(pages.size(), 1u) << "row " << r << " split across pages";
    }
    EXPECT_GE(rowPages.size(), 2u);
    EXPECT_EQ(headerPages, rowPages);
}

TEST_F(PdfDocumentBuilderTest, LinksAndAttachmentArePresent) {
    const std::string bytes = kc::test::readAll(_pdf);
    EXPECT_NE(bytes.find("https://phuckhanh.baoyen.laocai.gov.vn/ho-so"), std::string::npos);
    EXPECT_NE(bytes.find("https://example.gov.vn/DV120"), std::string::npos);
    EXPECT_NE(bytes.find("/Link"), std::string::npos);

    const auto list = runTool(_dir, "pdfdetach -list " + _pdf);
    EXPECT_NE(list.output.find("manifest.json"), std::string::npos) << list.output;
    const std::string saved = _dir.file("saved.json");
    ASSERT_EQ(runTool(_dir, "pdfdetach -save 1 -o " + saved + " " + _pdf).exitCode, 0);
    EXPECT_EQ(kc::test::readAll(saved), kManifest);
}

TEST_F(PdfDocumentBuilderTest, TheLinkAnnotationCoversItsWords) {
    double xMin = 0, xMax = 0, yMin = 0, yMax = 0;
    for (const auto& w : boxedWords(_dir, _pdf)) {
        if (w.page != 1)
            continue;
        if (w.text == "cổng")
            std::tie(xMin, yMin, yMax) = std::tie(w.xMin, w.yMin, w.yMax);
        if (w.text == "tử")
            xMax = w.xMax;
    }
    ASSERT_GT(xMax, xMin);
    const std::string bytes = kc::test::readAll(_pdf);
    static const std::regex rectRe(R"(/Rect\s*\[\s*([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\s*\])");
    bool found = false;
    for (std::sregex_iterator it(bytes.begin(), bytes.end(), rectRe), end; it != end; ++it) {
        const double x1 = std::stod((*it)[1]), y1 = std::stod((*it)[2]), x2 = std::stod((*it)[3]),
                     y2 = std::stod((*it)[4]);
        const double pageHeight = 297 * kPt;
        if (std::abs(x1 - xMin) < 0.5 && std::abs(x2 - xMax) < 0.5 &&
            std::abs(pageHeight - y2 - yMin) < 0.5 && std::abs(pageHeight - y1 - yMax) < 0.5)
            found = true;
    }
    EXPECT_TRUE(found);
}

TEST(PdfDocumentBuilder, RenderIsRepeatableAndCountsPages) {
    const auto first = sampleDocument().render();
    ASSERT_TRUE(first.ok());
    EXPECT_GE(first->pageCount, 3);
    EXPECT_TRUE(first->bytes.starts_with("%PDF-"));
}

TEST(PdfDocumentBuilder, DraftMarkIsDrawnOnEveryPage) {
    TempDir dir;
    DocumentOptions options;
    options.draftMark = true;
    const std::string pdf = dir.file("draft.pdf");
    ASSERT_TRUE(sampleDocument(options).writeFile(pdf).ok());
    // pdftotext breaks diagonal text into pieces; compare without white space.
    std::string text = runTool(dir, "pdftotext -raw " + pdf + " -").output;
    std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
    std::size_t marks = 0;
    for (std::size_t at = text.find("DỰTHẢO"); at != std::string::npos;
         at = text.find("DỰTHẢO", at + 1))
        ++marks;
    EXPECT_EQ(marks, static_cast<std::size_t>(sampleDocument().render()->pageCount));
}

TEST(PdfDocumentBuilder, SeparateBuildersRenderConcurrently) {
    std::vector<std::thread> threads;
    std::atomic<int> succeeded = 0;
    for (int i = 0; i < 3; ++i)
        threads.emplace_back([&] {
            if (sampleDocument({}, 30).render().ok())
                ++succeeded;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(succeeded, 3);
}

TEST(PdfDocumentBuilder, RejectsTextThatIsNotUtf8) {
    PdfDocumentBuilder builder;
    builder.addParagraph("ok").addParagraph(std::string("bad \xC3\x28 byte"));
    const auto result = builder.render();
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidInput);
    ASSERT_EQ(result.error().details.size(), 1u);
    EXPECT_NE(result.error().details[0].path.find("khối 2"), std::string::npos);
}

TEST(PdfDocumentBuilder, ReportsAMissingFontDirectory) {
    DocumentOptions options;
    options.fontDirectory = "/nonexistent/fonts";
    PdfDocumentBuilder builder(options);
    builder.addParagraph("Xin chào");
    const auto result = builder.render();
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::NotFound);
}

TEST(PdfDocumentBuilder, RejectsMalformedTablesAndCharts) {
    auto table = [](std::vector<TableColumn> columns, std::vector<TableRow> rows) {
        Table t;
        t.columns = std::move(columns);
        t.rows = std::move(rows);
        return t;
    };
    const std::vector<std::pair<const char*, Table>> tables = {
        {"no columns", Table{}},
        {"fractions over 1", table({{0.7, false}, {0.5, false}}, {})},
        {"zero width", table({{0.5, false}, {0, false}}, {})},
        {"too many cells", table({{0.5, false}, {0.5, false}}, {{"a", "b", "c"}})},
        {"span past the end", table({{0.5, false}, {0.5, false}}, {{"a", {"b", false, {}, 2}}})},
        {"cell size", table({{0.5, false}, {0.5, false}}, {{"a",
                                                            [] {
                                                                TableCell c("b");
                                                                c.sizePt = 100;
                                                                return c;
                                                            }()}})},
    };
    for (const auto& [name, t] : tables) {
        PdfDocumentBuilder builder;
        builder.addTable(t);
        const auto result = builder.render();
        ASSERT_FALSE(result.ok()) << name;
        EXPECT_EQ(result.error().code, ErrorCode::InvalidInput) << name;
    }
    auto chart = [](std::vector<std::string> labels, std::vector<double> values) {
        BarChart c;
        c.labels = std::move(labels);
        c.values = std::move(values);
        return c;
    };
    for (const BarChart& c : {chart({}, {}), chart({"a"}, {-1}), chart({"a", "b"}, {1})}) {
        PdfDocumentBuilder builder;
        builder.addBarChart(c);
        EXPECT_FALSE(builder.render().ok());
    }
}

std::string lineTag(int line) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "L%03d", line);
    return buffer;
}

// A row of 200 lines (an appraisal sheet's evidence cell for a sub-criterion with many files)
// starts under a paragraph, fills that page and continues on the next ones under the header.
TEST(PdfDocumentBuilder, ARowTallerThanAPageIsSplitBetweenLinesUnderTheRepeatedHeader) {
    TempDir dir;
    PdfDocumentBuilder builder;
    builder.addParagraph("Đoạn văn đứng trước bảng.");
    Table table;
    table.columns = {{0.2, false}, {0.8, false}};
    table.headerRows = {{{"Mã"}, {"Nội dung"}}};
    std::string lines;
    for (int i = 1; i <= 200; ++i)
        lines += lineTag(i) + " tài liệu kiểm chứng" + (i < 200 ? "\n" : "");
    table.rows = {{{"TRƯỚC"}, {"ngắn"}},
                  {{"DÀI", false, "https://example.gov.vn/long"}, {lines}},
                  {{"SAU"}, {"ngắn"}}};
    builder.addTable(table);
    const std::string pdf = dir.file("split.pdf");
    const auto written = builder.writeFile(pdf);
    ASSERT_TRUE(written.ok()) << written.error().message;

    std::map<std::string, int> count;
    std::set<int> headerPages, linePages;
    std::vector<std::pair<int, double>> positions;  // (page, top) of L001, L002, … in order
    int before = 0, after = 0;
    for (const auto& w : boxedWords(dir, pdf)) {
        ++count[w.text];
        EXPECT_LE(w.yMax, (297 - 20) * kPt + kTolerance) << w.text << " p" << w.page;
        if (w.text == "Mã")
            headerPages.insert(w.page);
        if (w.text.size() == 4 && w.text[0] == 'L') {
            linePages.insert(w.page);
            EXPECT_EQ(w.text, lineTag(static_cast<int>(positions.size()) + 1)) << "out of order";
            positions.emplace_back(w.page, w.yMin);
        }
        if (w.text == "TRƯỚC")
            before = w.page;
        if (w.text == "SAU")
            after = w.page;
    }
    ASSERT_EQ(positions.size(), 200u);
    for (int i = 1; i <= 200; ++i) EXPECT_EQ(count[lineTag(i)], 1) << lineTag(i);
    EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end()));
    EXPECT_EQ(positions.front().first, 1) << "the row starts on the page it follows";
    EXPECT_EQ(before, 1);
    EXPECT_GE(linePages.size(), 3u);
    EXPECT_EQ(after, positions.back().first);
    EXPECT_EQ(headerPages, linePages) << "the header is repeated on every page of the row";

    // The cell link covers its cell on each page the row spans.
    const std::string bytes = kc::test::readAll(pdf);
    std::size_t links = 0;
    for (std::size_t at = bytes.find("URI(https://example.gov.vn/long)"); at != std::string::npos;
         at = bytes.find("URI(https://example.gov.vn/long)", at + 1))
        ++links;
    EXPECT_EQ(links, linePages.size());
    EXPECT_EQ(runTool(dir, "qpdf --check " + pdf).exitCode, 0);
}

TEST(PdfDocumentBuilder, RejectsHeaderRowsTallerThanAPage) {
    Table table;
    table.columns = {{0.5, false}, {0.5, false}};
    table.headerRows.push_back({std::string(20000, 'x'), "b"});
    table.rows.push_back({"a", "b"});
    PdfDocumentBuilder builder;
    builder.addTable(table);
    const auto result = builder.render();
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidInput);
    EXPECT_NE(result.error().details.at(0).path.find("khối 1"), std::string::npos);
}

// With too little room left on page 1, a keepTogether table starts on page 2; without the flag
// its rows flow over the page break.
TEST(PdfDocumentBuilder, AKeepTogetherTableMovesWholeToTheNextPage) {
    for (bool keep : {false, true}) {
        TempDir dir;
        PdfDocumentBuilder builder;
        for (int i = 1; i <= 30; ++i) builder.addParagraph("Đoạn văn số " + std::to_string(i));
        Table table;
        table.borders = false;
        table.keepTogether = keep;
        table.columns = {{0.5, false}, {0.5, true}};
        for (int r = 1; r <= 10; ++r) table.rows.push_back({{"KT" + std::to_string(r)}, {""}});
        builder.addTable(table);
        const std::string pdf = dir.file("keep.pdf");
        ASSERT_TRUE(builder.writeFile(pdf).ok());
        std::set<int> pages;
        for (const auto& w : boxedWords(dir, pdf))
            if (w.text.starts_with("KT"))
                pages.insert(w.page);
        if (keep) {
            EXPECT_EQ(pages, std::set<int>{2});
        } else {
            EXPECT_EQ(pages, (std::set<int>{1, 2})) << "the filler leaves room for a few rows";
        }
    }
}

// A heading kept with the next block sits on the page where that block starts: a two-line
// heading followed by a table with a header row and three-line rows, then a run of two headings
// followed by a table whose only row is taller than a page (the heading stays where one line
// of the row fits). The filler before them grows in steps smaller than a line, so the page
// break sweeps across the headings; without the flag some heading is left at a page bottom.
TEST(PdfDocumentBuilder, KeepWithNextHeadingsStayOnThePageWhereTheTableStarts) {
    ParagraphStyle heading;
    heading.bold = true;
    heading.keepWithNext = true;
    Table rows;
    rows.columns = {{0.3, false}, {0.7, false}};
    rows.headerRows = {{{"Cột"}, {"Nội dung"}}};
    for (int r = 1; r <= 3; ++r)
        rows.rows.push_back({{"ROW" + std::to_string(r)}, {"một\nhai\nba"}});
    Table tall = rows;
    std::string lines;
    for (int i = 1; i <= 80; ++i) lines += lineTag(i) + (i < 80 ? "\n" : "");
    tall.rows = {{{"TALL"}, {lines}}};
    for (bool keep : {true, false}) {
        heading.keepWithNext = keep;
        int orphans = 0;
        for (int filler = 0; filler < 40; ++filler) {
            TempDir dir;
            PdfDocumentBuilder builder;
            ParagraphStyle small;
            small.sizePt = 4 + filler % 7;
            for (int i = 0; i < 26 + filler / 7; ++i) builder.addParagraph("Đệm", small);
            builder.addParagraph("HEADA tiêu đề dài " + std::string(120, 'a') + " hai dòng",
                                 heading);
            builder.addTable(rows);
            builder.addParagraph("HEADB", heading);
            builder.addParagraph("HEADC", heading);
            builder.addTable(tall);
            const std::string pdf = dir.file("keep.pdf");
            ASSERT_TRUE(builder.writeFile(pdf).ok());
            std::map<std::string, int> page;
            for (const auto& w : boxedWords(dir, pdf)) page.try_emplace(w.text, w.page);
            const bool together = page["HEADA"] == page["ROW1"] && page["HEADA"] == page["Cột"] &&
                                  page["HEADB"] == page["HEADC"] && page["HEADC"] == page["L001"];
            if (keep) {
                EXPECT_TRUE(together) << "filler " << filler;
            }
            orphans += together ? 0 : 1;
        }
        if (!keep) {
            EXPECT_GT(orphans, 0) << "the sweep never puts a page break after a heading";
        }
    }
}

// A citation that wraps inside a table cell is one link annotation covering all its lines (the
// cell holds nothing else on those lines); a link that wraps inside a paragraph, where other
// words share its lines, stays one annotation per line.
TEST(PdfDocumentBuilder, AWrappedCitationIsOneLinkOverItsLines) {
    TempDir dir;
    PdfDocumentBuilder builder;
    Table table;
    table.columns = {{0.2, false}, {0.3, false}};
    TableCell cited;
    for (int id : {101, 102})
        cited.runs.emplace_back("Kế hoạch số " + std::to_string(id) +
                                    "-KH-UBND về cải cách hành chính năm 2022.pdf" +
                                    (id == 101 ? "\n" : ""),
                                false, false, "https://example.gov.vn/evidence/" + std::to_string(id));
    table.rows.push_back({{"Tiêu chí 1.1"}, cited});
    builder.addTable(table);
    builder.addParagraph(Paragraph{
        {{"Hồ sơ minh chứng của các đơn vị trong toàn tỉnh được công khai tại "},
         {"cổng thông tin điện tử của Ủy ban nhân dân tỉnh", false, false,
          "https://example.gov.vn/cong"},
         {" để người dân tra cứu."}},
        {}});
    const std::string pdf = dir.file("links.pdf");
    ASSERT_TRUE(builder.writeFile(pdf).ok());

    const std::string bytes = kc::test::readAll(pdf);
    static const std::regex linkRe(
        R"(URI\((https://example\.gov\.vn/[a-z]+/?\d*)\)>>[^\n]*?/Rect\[\s*([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\s*\])");
    std::map<std::string, std::vector<std::array<double, 4>>> rects;  // top-left coordinates
    const double pageHeight = 297 * kPt;
    for (std::sregex_iterator it(bytes.begin(), bytes.end(), linkRe), end; it != end; ++it)
        rects[(*it)[1]].push_back({std::stod((*it)[2]), pageHeight - std::stod((*it)[5]),
                                   std::stod((*it)[4]), pageHeight - std::stod((*it)[3])});
    ASSERT_EQ(rects["https://example.gov.vn/evidence/101"].size(), 1u);
    ASSERT_EQ(rects["https://example.gov.vn/evidence/102"].size(), 1u);
    EXPECT_EQ(rects["https://example.gov.vn/cong"].size(), 2u) << "the paragraph link wraps once";

    // Every word of the citations lies inside exactly one of the two rectangles, and the
    // words "102-…" and "2022.pdf" ending the first citation are where they belong.
    auto inside = [](const kc::test::BoxedWord& w, const std::array<double, 4>& r) {
        return w.xMin > r[0] - kTolerance && w.xMax < r[2] + kTolerance &&
               w.yMin > r[1] - kTolerance && w.yMax < r[3] + kTolerance;
    };
    const auto first = rects["https://example.gov.vn/evidence/101"][0];
    const auto second = rects["https://example.gov.vn/evidence/102"][0];
    EXPECT_GT(first[3] - first[1], 20) << "spans more than one 10 pt line";
    int words = 0, inFirst = 0;
    for (const auto& w : boxedWords(dir, pdf)) {
        if (w.text == "Tiêu" || w.text == "chí" || w.text == "1.1")
            continue;
        if (w.yMin > second[3] + 5)
            break;  // the paragraph
        EXPECT_NE(inside(w, first), inside(w, second)) << w.text;
        if (w.text.starts_with("101-")) {
            EXPECT_TRUE(inside(w, first));
        }
        if (w.text.starts_with("102-")) {
            EXPECT_TRUE(inside(w, second));
        }
        ++words;
        inFirst += inside(w, first) ? 1 : 0;
    }
    EXPECT_EQ(inFirst * 2, words);
    EXPECT_GE(words, 20);
}

TEST(PdfDocumentBuilder, BuildsAThreePageDocumentQuickly) {
    for (int rows : {45, 120}) {
        ASSERT_TRUE(sampleDocument({}, rows).render().ok());  // warm-up: fonts into page cache
        const auto start = std::chrono::steady_clock::now();
        const auto pdf = sampleDocument({}, rows).render();
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        ASSERT_TRUE(pdf.ok());
        if (rows == 45) {
            EXPECT_EQ(pdf->pageCount, 3);
        }
        std::cout << "[ timing ] " << rows << " table rows: " << pdf->pageCount << " pages, "
                  << pdf->bytes.size() << " bytes, rendered in " << ms << " ms\n";
        EXPECT_LT(ms, 5000);
    }
}

}  // namespace
}  // namespace kc::pdf
