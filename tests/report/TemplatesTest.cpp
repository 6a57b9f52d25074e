#include "services/TemplatesJson.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "TempDir.h"

namespace kc {
namespace {

namespace fs = std::filesystem;

class TemplatesTest : public ::testing::Test {
protected:
    TemplatesTest() {
        for (const auto& f : fs::directory_iterator(std::string(KC_SOURCE_DIR) + "/templates"))
            fs::copy_file(f.path(), dir.path() / f.path().filename());
    }
    void replace(const std::string& file, const std::string& from, const std::string& to) {
        std::ifstream in(dir.path() / file);
        std::string text((std::istreambuf_iterator<char>(in)), {});
        const auto at = text.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
        std::ofstream(dir.path() / file, std::ios::trunc) << text;
    }
    std::map<std::string, std::string> problems() {
        auto t = loadTemplates(dir.path().string());
        EXPECT_FALSE(t.ok());
        std::map<std::string, std::string> out;
        if (!t.ok())
            for (const auto& d : t.error().details) out[d.path] = d.message;
        return out;
    }
    test::TempDir dir;
};

TEST_F(TemplatesTest, TheRepositoryTemplatesLoad) {
    auto t = loadTemplates(dir.path().string());
    ASSERT_TRUE(t.ok()) << t.error().message << " " << t.error().details.at(0).path;
    EXPECT_EQ(t->organisation.issuingBody, "ỦY BAN NHÂN DÂN HUYỆN BẢO YÊN");
    EXPECT_EQ(t->decision.legalBases.size(), 3u);
    EXPECT_EQ(t->decision.common.numberCode, "QĐ-UBND");
    EXPECT_EQ(t->appraisalSheet.common.signer.name, "Trần Thị Bình");
    EXPECT_FALSE(t->report.common.signer.name.has_value());
    EXPECT_EQ(t->report.assessmentTitle, "IV. ĐÁNH GIÁ CHUNG");
}

// A document's signer is laid over the organisation's field by field: the decision gives
// acting, title and name and keeps "TM. ỦY BAN NHÂN DÂN"; the appraisal sheet clears both
// upper lines; the report, with no signer, signs as the organisation.
TEST_F(TemplatesTest, ADocumentsSignerIsLaidOverTheOrganisationsFieldByField) {
    auto t = loadTemplates(dir.path().string());
    ASSERT_TRUE(t.ok());
    auto lines = [](const report::SignerBlock& s) {
        return std::vector<std::string>{s.onBehalf, s.acting, s.title, s.name};
    };
    const std::vector<std::string> organisation{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
                                                "PHÓ CHỦ TỊCH", "Nguyễn Văn An"};
    EXPECT_EQ(lines(report::signerOf(t->organisation, t->decision.common)), organisation);
    EXPECT_EQ(lines(report::signerOf(t->organisation, t->report.common)), organisation);
    EXPECT_EQ(lines(report::signerOf(t->organisation, t->appraisalSheet.common)),
              (std::vector<std::string>{"", "", "TỔ TRƯỞNG TỔ THẨM ĐỊNH", "Trần Thị Bình"}));

    // A signer of its own without "KT." stands alone, as templates of earlier versions printed
    // (the chair signing in person: no "TM." line taken from the organisation).
    replace("decision.json", "\"name\": \"Nguyễn Văn An\"", "\"name\": \"Lê Văn Cường\"");
    replace("decision.json", "\"acting\": \"KT. CHỦ TỊCH\",", "");
    replace("decision.json", "\"title\": \"PHÓ CHỦ TỊCH\"", "\"title\": \"CHỦ TỊCH\"");
    t = loadTemplates(dir.path().string());
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(lines(report::signerOf(t->organisation, t->decision.common)),
              (std::vector<std::string>{"", "", "CHỦ TỊCH", "Lê Văn Cường"}));
    // Without a name, the document's fields replace the organisation's one by one.
    replace("decision.json", "\"name\": \"Lê Văn Cường\"", "\"on_behalf\": \"\"");
    t = loadTemplates(dir.path().string());
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(lines(report::signerOf(t->organisation, t->decision.common)),
              (std::vector<std::string>{"", "KT. CHỦ TỊCH", "CHỦ TỊCH", "Nguyễn Văn An"}));
}

TEST_F(TemplatesTest, ADocumentsSignerMayNotHaveAnEmptyTitleOrName) {
    replace("decision.json", "\"title\": \"PHÓ CHỦ TỊCH\"", "\"title\": \"\"");
    auto p = problems();
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p.begin()->first, "decision.json $.signer.title");
}

TEST_F(TemplatesTest, EveryProblemNamesItsFileAndField) {
    replace("decision.json", "\"Căn cứ Nghị quyết", "42, \"Căn cứ Nghị quyết");
    replace("organisation.json", "\"place\": \"Bảo Yên\"", "\"place\": \"\"");
    replace("report.json", "\"overview\": \"I. KHÁI QUÁT CHUNG\",", "");
    replace("appraisal-sheet.json", "\"number_code\"", "\"numbr_code\"");
    replace("decision.json", "năm {year} của", "năm {nam} của");
    auto p = problems();
    EXPECT_TRUE(p.count("decision.json $.legal_bases[1]")) << p.size();
    EXPECT_TRUE(p.count("organisation.json $.place"));
    EXPECT_TRUE(p.count("report.json $.section_titles.overview"));
    EXPECT_TRUE(p.count("appraisal-sheet.json $.number_code"));
    EXPECT_TRUE(p.count("appraisal-sheet.json $.numbr_code"));
    EXPECT_TRUE(p.count("decision.json $.subject"));
    EXPECT_NE(p["decision.json $.subject"].find("{nam}"), std::string::npos);
    for (const auto& [path, message] : p) EXPECT_FALSE(message.empty()) << path;
}

TEST_F(TemplatesTest, BrokenJsonIsLocatedByLine) {
    replace("report.json", "\"BÁO CÁO\",", "\"BÁO CÁO\"");
    auto p = problems();
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p.begin()->first.rfind("report.json dòng ", 0), 0u) << p.begin()->first;
}

TEST_F(TemplatesTest, AMissingFileIsNotFound) {
    fs::remove(dir.path() / "decision.json");
    auto t = loadTemplates(dir.path().string());
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, ErrorCode::NotFound);
    EXPECT_NE(t.error().message.find("decision.json"), std::string::npos);
}

}  // namespace
}  // namespace kc
