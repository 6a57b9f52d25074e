#include <gtest/gtest.h>

#include <map>

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
        EXPECT_EQ(page["1."], page["Có"]) << extra << " paragraphs more";
        EXPECT_EQ(page["III."], page["1."]) << extra << " paragraphs more";
    }
}

}  // namespace
}  // namespace kc::report
