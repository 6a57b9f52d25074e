#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "SheetFixture.h"
#include "pdf/PdfTools.h"
#include "report/Manifest.h"
#include "report/ResultsLayout.h"

namespace kc::report {
namespace {

// Whatever the length of section I, the SIPAS heading sits on the page where its table starts
// and each unit type's heading on the page of its summary (the page break sweeps across them
// as section I grows a paragraph at a time).
TEST(AnnualReportLayoutTest, HeadingsStayOnThePageOfWhatFollowsThem) {
    test::TempDir dir;
    const std::vector<AppraisalSheet> sheets{test::smallSheet()};
    YearResults results;
    results.year = 2022;
    results.types.push_back(resultsFromSheets("xa", "UBND cấp xã", sheets));
    results.sipas = {{"Tiếp cận dịch vụ", *Points::parse("87.5")},
                     {"Kết quả", *Points::parse("75")}};
    DocumentTemplates templates = test::repositoryTemplates();
    DocumentFacts facts{12, *parseIso("2023-02-02T03:00:00Z"), false};
    const std::vector<std::string> overview = templates.report.overview;
    for (int extra = 0; extra <= 36; ++extra) {
        templates.report.overview = overview;
        for (int i = 0; i < extra; ++i) templates.report.overview.push_back("Một dòng thêm.");
        auto b =
            layoutAnnualReport(results, templates, facts, {"Đánh giá.", "Phương hướng."}, "{}");
        const std::string pdf = dir.file("report.pdf");
        ASSERT_TRUE(b.writeFile(pdf).ok());
        std::map<std::string, int> page;
        for (const auto& w : test::boxedWords(dir, pdf)) page.try_emplace(w.text, w.page);
        EXPECT_EQ(page["(SIPAS)"], page["Tỷ"]) << extra << " paragraphs more";
        EXPECT_EQ(page["1."], page["đạt"]) << extra << " paragraphs more";  // "… đạt 94,17 điểm"
        EXPECT_EQ(page["III."], page["1."]) << extra << " paragraphs more";
    }
}

// Section I names each type's scale, section II the period's deadlines, and section III each
// type's points per area and its change from last year (DOMAIN.md §7).
TEST(AnnualReportLayoutTest, ComputedFactsOfSectionsOneToThree) {
    test::TempDir dir;
    YearResults results;
    results.year = 2022;
    results.dates.selfAssessmentCloses = parseIso("2022-12-31T16:59:59Z");
    results.dates.step1Closes = parseIso("2023-01-04T16:59:59Z");
    results.dates.step2Closes = parseIso("2023-01-20T16:59:59Z");
    results.types.push_back(resultsFromSheets("xa", "UBND cấp xã", {test::smallSheet()}));
    TypeResults& xa = results.types.back();
    xa.previous = TypeResults::Previous{2021, Points::fromHundredths(150),
                                        Points::fromHundredths(3000), xa.averageMax};
    auto render = [&] {
        auto b = layoutAnnualReport(results, test::repositoryTemplates(),
                                    {12, *parseIso("2023-02-02T03:00:00Z"), false}, {"", ""}, "{}");
        const std::string pdf = dir.file("report.pdf");
        EXPECT_TRUE(b.writeFile(pdf).ok());
        std::string text = test::runTool(dir, "pdftotext " + pdf + " -").output;
        std::replace(text.begin(), text.end(), '\n', ' ');
        return text;
    };
    auto changeText = [](std::int64_t diff, const std::string& unit) {
        return std::string(diff > 0 ? "tăng " : "giảm ") +
               Points::fromHundredths(diff > 0 ? diff : -diff).toString(true) + " " + unit;
    };
    std::string text = render();
    const ResultRow& unit = xa.rows.front();
    for (const std::string& expected :
         {"Điểm tối đa theo loại đơn vị: UBND cấp xã " +
              std::to_string(xa.averageMax.hundredths() / 100) + " điểm.",
          std::string(
              "Thời hạn: các đơn vị tự đánh giá, chấm điểm đến hết ngày 31/12/2022; Tổ thẩm "
              "định thẩm định bước 1 đến hết ngày 04/01/2023; thẩm định bước 2 đến hết ngày "
              "20/01/2023."),
          unit.unitName + " đạt " + unit.total.toString(true) + "* điểm",  // 2.1.1: self only
          "So với năm 2021 (1,50 điểm, chỉ số 30,00%), " +
              changeText(unit.total.hundredths() - 150, "điểm") + ".",
          std::string("Điểm đạt được"), xa.areas.front().name})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;

    // Last year on another scale (a survey run one year, not the other): the index is compared.
    xa.previous->averageMax = xa.averageMax + Points::fromHundredths(3000);
    text = render();
    const std::string byIndex =
        "So với năm 2021 (chỉ số 30,00%, trên thang điểm " +
        std::to_string(xa.previous->averageMax.hundredths() / 100) + "), chỉ số " +
        changeText(unit.indexPct.hundredths() - 3000, "điểm phần trăm") + ".";
    EXPECT_NE(text.find(byIndex), std::string::npos) << byIndex << "\n" << text;
}

// As in the decision draft: a total that counts the self-score of an item nobody appraised is
// marked, and a note under the table says what that means; a type where every unit is
// appraised on every item has neither.
TEST(AnnualReportLayoutTest, TotalsThatAreNotAppraisalsAreMarkedWithANote) {
    test::TempDir dir;
    auto render = [&](const std::vector<AppraisalSheet>& sheets, const char* name) {
        YearResults results;
        results.year = 2022;
        results.types.push_back(resultsFromSheets("xa", "UBND cấp xã", sheets));
        auto b = layoutAnnualReport(results, test::repositoryTemplates(),
                                    {12, *parseIso("2023-02-02T03:00:00Z"), false}, {"", ""}, "{}");
        const std::string pdf = dir.file(name);
        EXPECT_TRUE(b.writeFile(pdf).ok());
        return test::runTool(dir, "pdftotext -layout " + pdf + " -").output;
    };
    // The table's line of a unit (its name is on one line, so its row is).
    auto rowOf = [](const std::string& text, const std::string& name) {
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);)
            if (line.find(" " + name + " ") != std::string::npos)
                return line;
        return std::string();
    };
    AppraisalSheet selfOnly = test::smallSheet();  // 2.1.1 scored by the unit alone
    AppraisalSheet appraised = test::smallSheet();
    appraised.unitCode = "XA17";
    appraised.unitName = "UBND xã Bảo Hà";
    for (ScoreRow& r : appraised.rows)
        if (r.code == "2.1.1")
            r.step1 = Points::fromHundredths(150);
    const TypeResults t = resultsFromSheets("xa", "UBND cấp xã", {selfOnly, appraised});
    ASSERT_EQ(t.rows.size(), 2u);
    const ResultRow& marked = t.rows[0].notAppraised ? t.rows[0] : t.rows[1];
    const ResultRow& plain = t.rows[0].notAppraised ? t.rows[1] : t.rows[0];
    ASSERT_EQ(marked.unitCode, selfOnly.unitCode);
    ASSERT_EQ(plain.notAppraised, 0);

    const std::string note = "(*) Đơn vị còn tiêu chí thành phần chưa được thẩm định";
    std::string text = render({selfOnly, appraised}, "mixed.pdf");
    EXPECT_NE(rowOf(text, marked.unitName).find(" " + marked.total.toString(true) + "* "),
              std::string::npos)
        << text;
    EXPECT_NE(rowOf(text, plain.unitName).find(" " + plain.total.toString(true) + " "),
              std::string::npos)
        << text;
    EXPECT_NE(text.find(note), std::string::npos) << text;

    text = render({appraised}, "appraised.pdf");
    EXPECT_EQ(text.find('*'), std::string::npos) << text;
    EXPECT_EQ(text.find(note), std::string::npos) << text;
}

// As in the decision: every default grade name and typical custom ones fit the table's
// "Xếp loại" column on one line.
TEST(AnnualReportLayoutTest, GradeNamesFitTheirColumnOnOneLine) {
    test::TempDir dir;
    const std::vector<std::string> grades{"Tốt", "Khá",      "Trung bình",
                                          "Yếu", "Xuất sắc", "Hoàn thành tốt"};
    std::vector<AppraisalSheet> sheets;
    for (std::size_t i = 0; i < grades.size(); ++i) {
        AppraisalSheet s = test::smallSheet();
        s.unitCode = "XA" + std::to_string(100 + i);
        s.unitName = "UBND xã số " + std::to_string(i + 1);
        sheets.push_back(std::move(s));
    }
    YearResults results;
    results.year = 2022;
    results.types.push_back(resultsFromSheets("xa", "UBND cấp xã", sheets));
    for (std::size_t i = 0; i < grades.size(); ++i) results.types.back().rows[i].grade = grades[i];
    auto b = layoutAnnualReport(results, test::repositoryTemplates(),
                                {12, *parseIso("2023-02-02T03:00:00Z"), false}, {"", ""}, "{}");
    const std::string pdf = dir.file("report.pdf");
    ASSERT_TRUE(b.writeFile(pdf).ok());
    const std::string text = test::runTool(dir, "pdftotext -layout " + pdf + " -").output;
    for (const std::string& grade : grades)
        EXPECT_NE(text.find(" " + grade + "\n"), std::string::npos) << grade << "\n" << text;
}

// A province's 95 communes: three charts of 32, 32 and 31 bars in the table's order, titled
// with their ranges, on one scale (0 to 100 although the last chart's largest total is 63),
// together holding the bars 1 to 95.
TEST(AnnualReportLayoutTest, MoreThanFortyUnitsGetSeveralChartsOnOneScale) {
    test::TempDir dir;
    std::vector<AppraisalSheet> sheets;
    for (int i = 1; i <= 95; ++i) {
        AppraisalSheet s = test::smallSheet();
        s.unitCode = "XA" + std::to_string(100 + i);
        s.unitName = "UBND xã số " + std::to_string(i);
        sheets.push_back(std::move(s));
    }
    YearResults results;
    results.year = 2022;
    results.types.push_back(resultsFromSheets("xa", "UBND cấp xã", sheets));
    for (std::size_t i = 0; i < results.types.back().rows.size(); ++i)
        results.types.back().rows[i].total =
            Points::fromHundredths(9500 - 50 * static_cast<std::int64_t>(i));
    auto b = layoutAnnualReport(results, test::repositoryTemplates(),
                                {12, *parseIso("2023-02-02T03:00:00Z"), false}, {"", ""}, "{}");
    const std::string pdf = dir.file("report.pdf");
    ASSERT_TRUE(b.writeFile(pdf).ok());

    std::string text = test::runTool(dir, "pdftotext " + pdf + " -").output;
    std::replace(text.begin(), text.end(), '\n', ' ');
    for (const char* range : {"1–32", "33–64", "65–95"}) {
        const std::string title =
            std::string("Tổng điểm của các đơn vị - UBND cấp xã (đơn vị thứ ") + range +
            " theo số thứ tự trong bảng)";
        EXPECT_NE(text.find(title), std::string::npos) << title;
    }
    // A chart's category labels are the lines of five or more whole numbers (a table row has
    // three: its number, the one in the unit's name and its rank); its top tick is "100".
    std::map<std::pair<int, int>, std::vector<std::string>> lines;  // (page, top) -> numbers
    int hundreds = 0;
    for (const auto& w : test::boxedWords(dir, pdf)) {
        if (w.text.find_first_not_of("0123456789") == std::string::npos)
            lines[{w.page, static_cast<int>(w.yMin)}].push_back(w.text);
        hundreds += w.text == "100";
    }
    std::vector<std::string> bars;
    int charts = 0;
    for (const auto& [at, numbers] : lines)
        if (numbers.size() >= 5) {
            ++charts;
            bars.insert(bars.end(), numbers.begin(), numbers.end());
        }
    std::vector<std::string> expected;
    for (int i = 1; i <= 95; ++i) expected.push_back(std::to_string(i));
    EXPECT_EQ(charts, 3);
    EXPECT_EQ(bars, expected);
    EXPECT_EQ(hundreds, 3) << "each chart's axis goes up to 100";
}

}  // namespace
}  // namespace kc::report
