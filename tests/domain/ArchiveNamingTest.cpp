#include <gtest/gtest.h>

#include "domain/ArchiveNaming.h"

namespace kc {
namespace {

struct CodeCase {
    const char* component;
    const char* code;
};

TEST(ArchiveNamingTest, LeadingCodeNeedsDottedDigitsAndASeparator) {
    const CodeCase cases[] = {
        {"1.1.2 Kế hoạch", "1.1.2"},
        {"1.1.2", "1.1.2"},
        {"1.1.2_KH 97.pdf", "1.1.2"},
        {"1.1.2 - Báo cáo.docx", "1.1.2"},
        {"1.1.2-Báo cáo.docx", "1.1.2"},
        {"1.1.2.pdf", "1.1.2"},
        {"1.1.2. Kế hoạch", "1.1.2"},
        {"1.1.2 – Kế hoạch", "1.1.2"},
        {"1.1.2–Kế hoạch", "1.1.2"},
        {"1.1.2) Kế hoạch", "1.1.2"},
        {"10.12.3 x", "10.12.3"},
        {"1.1 Chỉ đạo", "1.1"},
        {"1.1.2Kế hoạch", ""},
        {"12 Kế hoạch", ""},
        {"Lĩnh vực 1", ""},
        {"KH 1.1.2.pdf", ""},
        {".1.1.2 x", ""},
        {"1..2 x", ""},
        {"", ""},
    };
    for (const auto& c : cases) EXPECT_EQ(leadingCode(c.component), c.code) << c.component;
}

TEST(ArchiveNamingTest, CandidatesRunFromTheFileNameOutwards) {
    using V = std::vector<std::string>;
    EXPECT_EQ(candidateCodes("1.1.2 Kế hoạch/KH 97.pdf"), V{"1.1.2"});
    EXPECT_EQ(candidateCodes("1.1.2/KH.pdf"), V{"1.1.2"});
    EXPECT_EQ(candidateCodes("1.1.2_KH 97.pdf"), V{"1.1.2"});
    EXPECT_EQ(candidateCodes("Lĩnh vực 1/1.1.2 Kế hoạch/x.pdf"), V{"1.1.2"});
    EXPECT_EQ(candidateCodes("1.1 Chỉ đạo/1.1.2 Kế hoạch/1.1.3_BC.pdf"),
              (V{"1.1.3", "1.1.2", "1.1"}));
    EXPECT_EQ(candidateCodes("Hồ sơ/Báo cáo.pdf"), V{});
}

TEST(ArchiveNamingTest, SystemFilesAreRecognised) {
    EXPECT_TRUE(isSystemFile("__MACOSX/1.1.2 Kế hoạch/._KH.pdf"));
    EXPECT_TRUE(isSystemFile("1.1.2/._KH.pdf"));
    EXPECT_TRUE(isSystemFile("1.1.2/.DS_Store"));
    EXPECT_TRUE(isSystemFile("1.1.2/Thumbs.db"));
    EXPECT_TRUE(isSystemFile("desktop.ini"));
    EXPECT_FALSE(isSystemFile("1.1.2/KH.pdf"));
    EXPECT_EQ(baseName("a/b/c.pdf"), "c.pdf");
    EXPECT_EQ(baseName("c.pdf"), "c.pdf");
}

}  // namespace
}  // namespace kc
