#include "report/AppraisalSheetLayout.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "SheetFixture.h"
#include "pdf/PdfTools.h"
#include "report/Manifest.h"

namespace kc::report {
namespace {

using test::runTool;

class AppraisalSheetLayoutTest : public ::testing::Test {
protected:
    std::string render(bool draft) {
        const AppraisalSheet sheet = test::smallSheet();
        DocumentFacts facts;
        facts.number = 7;
        facts.date = *parseIso("2023-02-02T03:30:00Z");
        facts.draft = draft;
        manifest = manifestJson("appraisal_sheet", 2022, facts.date, {sheet});
        auto builder = layoutAppraisalSheet(sheet, test::repositoryTemplates(), facts, manifest);
        const std::string path = dir.file(draft ? "draft.pdf" : "final.pdf");
        auto written = builder.writeFile(path);
        EXPECT_TRUE(written.ok()) << (written.ok() ? "" : written.error().message);
        return path;
    }

    test::TempDir dir;
    std::string manifest;
};

TEST_F(AppraisalSheetLayoutTest, TextComesOutExactlyAndEveryFontIsEmbedded) {
    const std::string pdf = render(false);
    const std::string text = runTool(dir, "pdftotext -layout " + pdf + " -").output;
    for (const char* expected :
         {"UBND HUYỆN BẢO YÊN", "TỔ THẨM ĐỊNH CHỈ SỐ", "Số: 07/PTĐ-TTĐ",
          "Bảo Yên, ngày 02 tháng 02 năm 2023", "PHIẾU THẨM ĐỊNH", "UBND xã Phúc Khánh",
          "MC5 · Kế hoạch", "97-KH-UBND.pdf · tự đánh giá ·", "aaaaaaaaaaaa",
          "MC7 · Báo cáo bổ sung.pdf · bổ", "bbbbbbbbbbbb", "Không có tài liệu kiểm chứng",
          "1,75", "2,75", "TỔNG ĐIỂM", "Nơi nhận:", "Lưu: VT, NV.", "Trần Thị Bình"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    EXPECT_EQ(text.find("DỰ THẢO"), std::string::npos);
    EXPECT_EQ(text.find("TM. ỦY BAN"), std::string::npos) << "the team's head signs as herself";
    EXPECT_EQ(text.find("KT. CHỦ TỊCH"), std::string::npos);
    EXPECT_EQ(text.find("Bản nháp.pdf"), std::string::npos) << "withdrawn evidence is not cited";

    const std::string fonts = runTool(dir, "pdffonts " + pdf).output;
    std::istringstream lines(fonts);
    int fontRows = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.find("CID TrueType") == std::string::npos)
            continue;
        ++fontRows;
        EXPECT_NE(line.find("Identity-H       yes yes yes"), std::string::npos) << line;
    }
    EXPECT_GE(fontRows, 2) << fonts;
    EXPECT_EQ(runTool(dir, "qpdf --check " + pdf).exitCode, 0);
}

TEST_F(AppraisalSheetLayoutTest, BonusAndPenaltyItemsShowTheirKindAndSign) {
    const AppraisalSheet sheet = test::sheetWithAdjustments();
    DocumentFacts facts;
    facts.number = 8;
    facts.date = *parseIso("2023-02-02T03:30:00Z");
    auto builder = layoutAppraisalSheet(sheet, test::repositoryTemplates(), facts,
                                        manifestJson("appraisal_sheet", 2022, facts.date, {sheet}));
    const std::string pdf = dir.file("adjustments.pdf");
    ASSERT_TRUE(builder.writeFile(pdf).ok());
    const std::string text = runTool(dir, "pdftotext -layout " + pdf + " -").output;
    for (const char* expected : {"Điểm thưởng: Sáng kiến CCHC", "Điểm trừ: Bị phê bình", "+1,00",
                                 "\u22122,00", "\u22120,50"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    // Self 1 + 2 + 1 - 0,5 = 3,5 is clamped to criterion 1.1's 3: marked, with the note under
    // the table; step 1 (1 + 1 + 0 - 2 = 0) is not.
    EXPECT_NE(text.find("3,00\u2020"), std::string::npos) << text;
    EXPECT_EQ(text.find("0,00\u2020"), std::string::npos) << text;
    EXPECT_NE(text.find("\u2020 Điểm của tiêu chí đã được giới hạn"), std::string::npos) << text;
    EXPECT_TRUE(sheet.rows[1].capped[0]);
    EXPECT_FALSE(sheet.rows[1].capped[1]);
}

TEST_F(AppraisalSheetLayoutTest, TheManifestIsEmbeddedByteForByte) {
    const std::string pdf = render(false);
    const std::string out = dir.file("detached.json");
    ASSERT_EQ(runTool(dir, "pdfdetach -save 1 -o " + out + " " + pdf).exitCode, 0);
    EXPECT_NE(runTool(dir, "pdfdetach -list " + pdf).output.find("manifest.json"),
              std::string::npos);
    EXPECT_EQ(test::readAll(out), manifest);
}

TEST_F(AppraisalSheetLayoutTest, DraftsCarryTheDraftMark) {
    // pdftotext breaks diagonal text into pieces; compare without white space.
    std::string text = runTool(dir, "pdftotext -raw " + render(true) + " -").output;
    std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
    EXPECT_NE(text.find("DỰTHẢO"), std::string::npos) << text;
}

TEST_F(AppraisalSheetLayoutTest, EveryCitationLinksToItsEvidence) {
    const std::string pdf = render(false);
    const std::string raw = runTool(dir, "qpdf --qdf --object-streams=disable " + pdf + " -").output;
    EXPECT_NE(raw.find("/URI (http://127.0.0.1:8080/api/v1/evidence/5)"), std::string::npos);
    EXPECT_NE(raw.find("/URI (http://127.0.0.1:8080/api/v1/evidence/7)"), std::string::npos);
}

// Decree 30 sizes in the signature block: "Nơi nhận:" 12 pt, its list 11 pt, the signer's title
// and name 13 pt (read back from the word boxes, whose height is proportional to the size).
TEST_F(AppraisalSheetLayoutTest, TheSignatureBlockUsesDecree30Sizes) {
    const std::string pdf = render(false);
    std::map<std::string, double> height;
    for (const auto& w : test::boxedWords(dir, pdf)) height.try_emplace(w.text, w.yMax - w.yMin);
    const double perPt = height.at("PHIẾU") / 14;  // the document type in the title: 14 pt
    EXPECT_NEAR(height.at("Nơi") / perPt, 12, 0.1);
    for (const char* word : {"Phòng", "Lưu:"})
        EXPECT_NEAR(height.at(word) / perPt, 11, 0.1) << word;
    for (const char* word : {"TRƯỞNG", "Bình"})
        EXPECT_NEAR(height.at(word) / perPt, 13, 0.1) << word;
}

// Sixty files on one sub-criterion make its row taller than a page: the row is split between
// lines and the sheet still cites every file, once, with its link.
TEST_F(AppraisalSheetLayoutTest, SixtyFilesOnOneSubCriterionAreAllCited) {
    std::vector<EvidenceItem> files;
    for (Id id = 101; id <= 160; ++id)
        files.push_back(test::evidence(
            id, "1.1.2",
            ("Tài liệu kiểm chứng số " + std::to_string(id) + " về cải cách hành chính.pdf")
                .c_str(),
            EvidenceRound::Self, 'd'));
    const AppraisalSheet sheet = buildAppraisalSheet(
        2022, test::phucKhanh(), "UBND cấp xã", test::smallSet(),
        {test::scored("1.1.2", "2", "2", "2")}, files, "http://127.0.0.1:8080/api/v1/evidence/");
    DocumentFacts facts;
    facts.number = 8;
    facts.date = *parseIso("2023-02-02T03:30:00Z");
    auto builder = layoutAppraisalSheet(sheet, test::repositoryTemplates(), facts,
                                        manifestJson("appraisal_sheet", 2022, facts.date, {sheet}));
    const std::string pdf = dir.file("sixty.pdf");
    const auto written = builder.writeFile(pdf);
    ASSERT_TRUE(written.ok()) << written.error().message;

    const std::string text = runTool(dir, "pdftotext " + pdf + " -").output;
    const std::string raw =
        runTool(dir, "qpdf --qdf --object-streams=disable " + pdf + " -").output;
    for (Id id = 101; id <= 160; ++id) {
        const std::string cited = "MC" + std::to_string(id) + " ·";
        const auto at = text.find(cited);
        ASSERT_NE(at, std::string::npos) << cited;
        EXPECT_EQ(text.find(cited, at + 1), std::string::npos) << cited << " cited twice";
        EXPECT_NE(
            raw.find("/URI (http://127.0.0.1:8080/api/v1/evidence/" + std::to_string(id) + ")"),
            std::string::npos)
            << id;
    }
    EXPECT_GE(builder.render()->pageCount, 3);
    for (const char* expected : {"TỔNG ĐIỂM", "Nơi nhận:", "Trần Thị Bình"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
}

// However long the text above it, "Nơi nhận" with its list and the signer block stay together
// on one page (the intro grows a line at a time, so the page break sweeps across the block).
TEST_F(AppraisalSheetLayoutTest, TheSignatureBlockIsNeverSplitAcrossPages) {
    const AppraisalSheet sheet = test::smallSheet();
    DocumentTemplates templates = test::repositoryTemplates();
    DocumentFacts facts;
    facts.date = *parseIso("2023-02-02T03:30:00Z");
    std::set<int> signaturePages;
    for (int paragraphs = 0; paragraphs <= 30; ++paragraphs) {
        templates.appraisalSheet.intro.assign(paragraphs, "Một dòng giới thiệu.");
        auto builder = layoutAppraisalSheet(sheet, templates, facts, "{}");
        const std::string pdf = dir.file("signature.pdf");
        ASSERT_TRUE(builder.writeFile(pdf).ok());
        std::map<std::string, std::set<int>> pages;
        for (const auto& w : test::boxedWords(dir, pdf)) pages[w.text].insert(w.page);
        const std::set<int> block = pages["Nơi"];
        ASSERT_EQ(block.size(), 1u) << paragraphs;
        for (const char* word : {"Phòng", "Lưu:", "TRƯỞNG", "Bình"})
            EXPECT_EQ(pages[word], block) << word << " with " << paragraphs << " paragraphs";
        signaturePages.insert(*block.begin());
    }
    EXPECT_EQ(signaturePages, (std::set<int>{1, 2}));
}

// The intro's last paragraph ("…, như sau:") is never left at the bottom of a page with the
// score table starting on the next one.
TEST_F(AppraisalSheetLayoutTest, TheIntroEndsOnThePageWhereTheTableStarts) {
    const AppraisalSheet sheet = test::smallSheet();
    DocumentTemplates templates = test::repositoryTemplates();
    DocumentFacts facts;
    facts.date = *parseIso("2023-02-02T03:30:00Z");
    for (int paragraphs = 20; paragraphs <= 40; ++paragraphs) {
        templates.appraisalSheet.intro.assign(paragraphs, "Một dòng giới thiệu.");
        templates.appraisalSheet.intro.push_back("Kết quả thẩm định CUỐI như sau:");
        auto builder = layoutAppraisalSheet(sheet, templates, facts, "{}");
        const std::string pdf = dir.file("intro.pdf");
        ASSERT_TRUE(builder.writeFile(pdf).ok());
        std::map<std::string, int> page;
        for (const auto& w : test::boxedWords(dir, pdf)) page.try_emplace(w.text, w.page);
        EXPECT_EQ(page["CUỐI"], page["Mã"]) << paragraphs << " paragraphs";
    }
}

}  // namespace
}  // namespace kc::report
