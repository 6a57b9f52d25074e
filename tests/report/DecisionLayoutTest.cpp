#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "SheetFixture.h"
#include "pdf/PdfTools.h"
#include "report/Manifest.h"
#include "report/ResultsLayout.h"

namespace kc::report {
namespace {

using test::runTool;

std::string tag(int i) {
    char b[16];
    std::snprintf(b, sizeof b, "DV%03d", i);
    return b;
}

// 200 communes with the small tree; every other one has a long, wrapping name.
std::vector<AppraisalSheet> manySheets(int n) {
    std::vector<AppraisalSheet> sheets;
    for (int i = 1; i <= n; ++i) {
        AppraisalSheet s = test::smallSheet();
        s.unitCode = tag(i);
        s.unitName = i % 2 ? tag(i) + " UBND xã Phúc Khánh " + tag(i) + "z"
                           : tag(i) + " UBND xã Nậm Khắt, Nà Pồng và các thôn vùng cao " + tag(i) + "z";
        sheets.push_back(std::move(s));
    }
    return sheets;
}

TEST(DecisionLayoutTest, AProvinceSizedDraftPaginatesWithoutSplitRowsInsideTheMargins) {
    test::TempDir dir;
    const auto sheets = manySheets(200);
    YearResults results;
    results.year = 2022;
    results.types.push_back(resultsFromSheets("xa", "UBND cấp xã", sheets));
    DocumentFacts facts{207, *parseIso("2023-02-02T03:00:00Z"), true};
    const std::string manifest = manifestJson("decision_draft", 2022, facts.date, sheets);
    auto b = layoutDecision(results, {}, test::repositoryTemplates(), facts,
                            "http://127.0.0.1:8080", manifest);
    const std::string pdf = dir.file("decision.pdf");
    auto written = b.writeFile(pdf);
    ASSERT_TRUE(written.ok()) << written.error().message;

    const auto words = test::boxedWords(dir, pdf);
    // Per unit tag: the pages its words appear on in the appendix tables (two tables per type).
    std::map<std::string, std::set<int>> firstTable;
    const double mm = 72 / 25.4;
    int lastPage = 0;
    for (const auto& w : words) {
        lastPage = std::max(lastPage, w.page);
        if (w.text.find("DỰ") != std::string::npos || w.text.find("THẢO") != std::string::npos)
            continue;  // the diagonal draft mark crosses the margins by design
        if (w.text == std::to_string(w.page) && w.yMax < 20 * mm)
            continue;  // Decree 30: the page number is centred in the top margin
        EXPECT_GE(w.xMin, 30 * mm - 1) << w.text << " page " << w.page;
        EXPECT_LE(w.xMax, (210 - 15) * mm + 1) << w.text << " page " << w.page;
        EXPECT_GE(w.yMin, 20 * mm - 1) << w.text << " page " << w.page;
        EXPECT_LE(w.yMax, (297 - 20) * mm + 1) << w.text << " page " << w.page;
    }
    // Each wrapped unit name starts with its tag and ends with tag + "z": both halves of a row
    // must sit on one page, in each of the two tables.
    std::map<std::string, std::vector<int>> starts, ends;
    for (const auto& w : words) {
        if (w.text.size() == 5 && w.text.rfind("DV", 0) == 0)
            starts[w.text].push_back(w.page);
        if (w.text.size() == 6 && w.text.rfind("DV", 0) == 0 && w.text.back() == 'z')
            ends[w.text.substr(0, 5)].push_back(w.page);
    }
    ASSERT_EQ(starts.size(), 200u);
    for (const auto& [t, pages] : starts) {
        ASSERT_EQ(pages.size(), 2u) << t;
        EXPECT_EQ(ends[t], pages) << t << " is split across pages";
    }
    EXPECT_GT(lastPage, 8);
    const std::string text = runTool(dir, "pdftotext " + pdf + " -").output;
    for (const char* expected : {"QUYẾT ĐỊNH:", "Căn cứ Luật Tổ chức chính quyền địa phương",
                                 "Điều 1.", "Phụ lục I", "Số: 207/QĐ-UBND", "Xếp loại"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
    // The appendix line names the issuer as a sentence does, not in the header's capitals.
    std::string flowing = text;
    std::replace(flowing.begin(), flowing.end(), '\n', ' ');
    EXPECT_NE(flowing.find("năm 2023 của Ủy ban nhân dân huyện Bảo Yên)"), std::string::npos)
        << flowing.substr(0, 3000);
    EXPECT_EQ(runTool(dir, "qpdf --check " + pdf).exitCode, 0);
}

// In the last appendix every unit's heading ("12. DV012 UBND xã …") sits on the page where its
// score table starts (the next header row "Mã" below it), never alone at the bottom of a page.
TEST(DecisionLayoutTest, UnitHeadingsInTheDetailAppendixStayWithTheirTables) {
    test::TempDir dir;
    const auto sheets = manySheets(40);
    YearResults results;
    results.year = 2022;
    results.types.push_back(resultsFromSheets("xa", "UBND cấp xã", sheets));
    DocumentFacts facts{207, *parseIso("2023-02-02T03:00:00Z"), false};
    auto b = layoutDecision(results, sheets, test::repositoryTemplates(), facts,
                            "http://127.0.0.1:8080", "{}");
    const std::string pdf = dir.file("decision.pdf");
    ASSERT_TRUE(b.writeFile(pdf).ok());

    using Place = std::pair<int, double>;  // page, top
    std::map<std::string, std::vector<Place>> tags;
    std::vector<Place> headerRows;
    for (const auto& w : test::boxedWords(dir, pdf)) {
        if (w.text.size() == 5 && w.text.rfind("DV", 0) == 0)
            tags[w.text].push_back({w.page, w.yMin});
        if (w.text == "Mã")
            headerRows.push_back({w.page, w.yMin});
    }
    std::sort(headerRows.begin(), headerRows.end());
    ASSERT_EQ(tags.size(), 40u);
    for (auto& [t, places] : tags) {
        // Appendix I's two tables, then the heading in the last appendix.
        ASSERT_EQ(places.size(), 3u) << t;
        std::sort(places.begin(), places.end());
        const Place heading = places[2];
        const auto next = std::upper_bound(headerRows.begin(), headerRows.end(), heading);
        ASSERT_NE(next, headerRows.end()) << t;
        EXPECT_EQ(next->first, heading.first)
            << t << "'s heading is alone on page " << heading.first;
    }
}

// Decree 30's signer block for a decision of the people's committee: the decision's template
// names the deputy chair; "TM. ỦY BAN NHÂN DÂN" comes from the organisation.
TEST(DecisionLayoutTest, TheSignerBlockSignsOnBehalfOfTheCommittee) {
    test::TempDir dir;
    const auto sheets = manySheets(2);
    YearResults results;
    results.year = 2022;
    results.types.push_back(resultsFromSheets("xa", "UBND cấp xã", sheets));
    DocumentFacts facts{207, *parseIso("2023-02-02T03:00:00Z"), false};
    auto b = layoutDecision(results, {}, test::repositoryTemplates(), facts,
                            "http://127.0.0.1:8080", "{}");
    const std::string pdf = dir.file("decision.pdf");
    ASSERT_TRUE(b.writeFile(pdf).ok());
    const std::string text = runTool(dir, "pdftotext -layout " + pdf + " -").output;
    std::size_t at = 0;
    for (const char* line :
         {"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"}) {
        at = text.find(line, at);
        ASSERT_NE(at, std::string::npos) << line << " (in this order)\n" << text;
    }
}

// Without a number the header and each appendix's "(Kèm theo Quyết định số …)" line leave a
// blank of six spaces before "/QĐ-UBND" for the clerk to write the number in.
TEST(DecisionLayoutTest, AnUnnumberedDecisionLeavesABlankForTheNumber) {
    test::TempDir dir;
    const auto sheets = manySheets(2);
    YearResults results;
    results.year = 2022;
    results.types.push_back(resultsFromSheets("xa", "UBND cấp xã", sheets));
    DocumentFacts facts{std::nullopt, *parseIso("2023-02-02T03:00:00Z"), false};
    auto b = layoutDecision(results, {}, test::repositoryTemplates(), facts,
                            "http://127.0.0.1:8080", "{}");
    const std::string pdf = dir.file("decision.pdf");
    ASSERT_TRUE(b.writeFile(pdf).ok());
    // The gap before "/QĐ-UBND": six spaces of 0.25 em, in 13 pt (header) and 12 pt (appendix).
    std::vector<std::pair<int, double>> gaps;  // page, width
    const auto words = test::boxedWords(dir, pdf);
    for (const auto& code : words) {
        if (code.text != "/QĐ-UBND")
            continue;
        const test::BoxedWord* before = nullptr;  // the word left of it on its line
        for (const auto& w : words)
            if (w.page == code.page && std::abs(w.yMin - code.yMin) < 1 && w.xMax <= code.xMin &&
                (!before || w.xMax > before->xMax))
                before = &w;
        ASSERT_NE(before, nullptr);
        EXPECT_TRUE(before->text == "Số:" || before->text == "số") << before->text;
        gaps.push_back({code.page, code.xMin - before->xMax});
    }
    ASSERT_EQ(gaps.size(), 2u) << "the header and appendix I";
    EXPECT_EQ(gaps[0].first, 1);
    EXPECT_NEAR(gaps[0].second, 6 * 0.25 * 13, 0.5);
    EXPECT_EQ(gaps[1].first, 2);
    EXPECT_NEAR(gaps[1].second, 6 * 0.25 * 12, 0.5);
    const std::string text = runTool(dir, "pdftotext -layout " + pdf + " -").output;
    EXPECT_NE(text.find("Số:    "), std::string::npos) << text.substr(0, 600);
}

// The sample sheets score 2.1.1 only by the unit (2 points): the "Thẩm định B2" column and the
// total count that self-score, so they are marked and a note says so; a unit appraised on every
// item is not marked, and a draft where all are appraised has no note.
TEST(DecisionLayoutTest, ValuesThatAreNotAppraisalsAreMarkedWithANote) {
    test::TempDir dir;
    auto sheets = manySheets(2);
    for (ScoreRow& r : sheets[0].rows)
        if (r.code == "2.1.1")
            r.step1 = Points::fromHundredths(150);
    auto render = [&](const std::vector<AppraisalSheet>& s, const char* name) {
        YearResults results;
        results.year = 2022;
        results.types.push_back(resultsFromSheets("xa", "UBND cấp xã", s));
        DocumentFacts facts{207, *parseIso("2023-02-02T03:00:00Z"), false};
        const std::string pdf = dir.file(name);
        EXPECT_TRUE(layoutDecision(results, {}, test::repositoryTemplates(), facts,
                                   "http://127.0.0.1:8080", "{}")
                        .writeFile(pdf)
                        .ok());
        return runTool(dir, "pdftotext -layout " + pdf + " -").output;
    };
    const TypeResults t = resultsFromSheets("xa", "UBND cấp xã", sheets);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].unitCode, "DV002");  // 1 + 1.75 + 2 (self) = 4.75
    EXPECT_EQ(t.rows[0].notAppraised, 1);
    EXPECT_EQ(t.rows[1].notAppraised, 0);  // 1 + 1.75 + 1.5 (step 1) = 4.25

    const std::string text = render(sheets, "mixed.pdf");
    EXPECT_NE(text.find("4,75*"), std::string::npos) << text;
    EXPECT_EQ(text.find("4,25*"), std::string::npos) << text;
    EXPECT_NE(text.find("4,25"), std::string::npos) << text;
    EXPECT_NE(text.find("(*) Đơn vị còn tiêu chí thành phần chưa được thẩm định"),
              std::string::npos)
        << text;

    sheets.resize(1);
    const std::string appraised = render(sheets, "appraised.pdf");
    EXPECT_EQ(appraised.find('*'), std::string::npos) << appraised;
}

// A bonus or penalty with nothing entered is none, not an item awaiting appraisal: a unit whose
// other items are all appraised gets no "*" (every unit of a set with such items got one).
TEST(DecisionLayoutTest, EmptyBonusAndPenaltyItemsAreNotValuesAwaitingAppraisal) {
    CriteriaSet set = test::smallSet();
    CriteriaNode bonus = test::node("1.1.3", "Sáng kiến CCHC được công nhận", "1");
    bonus.adjustment = Adjustment::Bonus;
    CriteriaNode penalty = test::node("1.1.4", "Bị phê bình", "2");
    penalty.adjustment = Adjustment::Penalty;
    set.areas[0].children[0].children.push_back(bonus);
    set.areas[0].children[0].children.push_back(penalty);
    std::vector<AssessmentItem> items{test::scored("1.1.1", "1", "1", nullptr),
                                      test::scored("1.1.2", "2", "1", nullptr),
                                      test::scored("2.1.1", "2", "2", nullptr)};
    const AppraisalSheet sheet =
        report::buildAppraisalSheet(2022, test::phucKhanh(), "UBND cấp xã", set, items, {},
                                    "http://127.0.0.1:8080/api/v1/evidence/");
    const TypeResults t = resultsFromSheets("xa", "UBND cấp xã", {sheet});
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].notAppraised, 0);
}

// Every default grade name and typical custom ones fit the "Xếp loại" column of appendix I on
// one line at 9 pt, so that a province's 150 rows do not grow to two lines each.
TEST(DecisionLayoutTest, GradeNamesFitTheirColumnOnOneLine) {
    test::TempDir dir;
    const std::vector<std::string> grades{"Tốt", "Khá",      "Trung bình",
                                          "Yếu", "Xuất sắc", "Hoàn thành tốt"};
    const auto sheets = manySheets(static_cast<int>(grades.size()));
    YearResults results;
    results.year = 2022;
    results.types.push_back(resultsFromSheets("xa", "UBND cấp xã", sheets));
    for (std::size_t i = 0; i < grades.size(); ++i) results.types.back().rows[i].grade = grades[i];
    DocumentFacts facts{207, *parseIso("2023-02-02T03:00:00Z"), false};
    const std::string pdf = dir.file("decision.pdf");
    ASSERT_TRUE(layoutDecision(results, {}, test::repositoryTemplates(), facts,
                               "http://127.0.0.1:8080", "{}")
                    .writeFile(pdf)
                    .ok());
    const std::string text = runTool(dir, "pdftotext -layout " + pdf + " -").output;
    for (const std::string& grade : grades)
        EXPECT_NE(text.find(" " + grade + " "), std::string::npos) << grade << "\n" << text;
}

TEST(DecisionLayoutTest, ResultsFromSheetsRankGradeAndShareExactly) {
    auto sheets = manySheets(3);
    sheets[2].rows[2].step2 = Points{};  // 1.1.1 scored 0 in step 2: lower total
    const TypeResults t = resultsFromSheets("xa", "UBND cấp xã", sheets);
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0].rank, 1);
    EXPECT_EQ(t.rows[1].rank, 1);
    EXPECT_EQ(t.rows[2].rank, 3);
    EXPECT_EQ(t.rows[2].unitCode, "DV003");
    // Used values: 1.1.1 step 2, 1.1.2 step 2, 2.1.1 self = 1 + 1.75 + 2 = 4.75 of 5.
    EXPECT_EQ(t.rows[0].total.toString(), "4.75");
    EXPECT_EQ(t.rows[0].indexPct.toString(), "95.00");
    EXPECT_EQ(t.rows[0].grade, "Tốt");
    EXPECT_EQ(t.rows[0].areas.size(), 2u);
    EXPECT_EQ(t.rows[0].evidenceFiles, 2);
    int sum = 0;
    for (const GradeShare& g : t.grades) sum += g.tenthsPct;
    EXPECT_EQ(sum, 1000);
}

}  // namespace
}  // namespace kc::report
