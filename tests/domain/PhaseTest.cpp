#include <gtest/gtest.h>

#include "DemoPeriod.h"

#include "domain/Evidence.h"
#include "domain/Phase.h"

namespace kc {
namespace {

TimePoint at(const char* iso) {
    return *parseIso(iso);
}

Period demoPeriod() { return test::demoPeriod2022(); }

TEST(PhaseTest, FollowsTheDatesInclusiveOfEachClosingSecond) {
    const struct {
        const char* now;
        Phase phase;
    } cases[] = {
        {"2022-11-27T23:59:59Z", Phase::NotStarted},
        {"2022-11-28T00:00:00Z", Phase::SelfAssessment},
        {"2022-12-31T16:59:59Z", Phase::SelfAssessment},
        {"2022-12-31T17:00:00Z", Phase::Step1Appraisal},
        {"2023-01-04T17:00:00Z", Phase::SupplementWindow},
        {"2023-01-10T16:59:59Z", Phase::SupplementWindow},
        {"2023-01-10T17:00:00Z", Phase::Step2Appraisal},
        {"2023-01-20T17:00:00Z", Phase::Closed},
    };
    for (const auto& c : cases) EXPECT_EQ(phaseAt(demoPeriod(), at(c.now)), c.phase) << c.now;
}

TEST(PhaseTest, FinalisedIsClosedAndUnsetDatesAreOpenEnded) {
    Period p = demoPeriod();
    p.finalised = true;
    EXPECT_EQ(phaseAt(p, at("2022-12-01")), Phase::Closed);
    Period planning;
    EXPECT_EQ(phaseAt(planning, at("2022-12-01")), Phase::NotStarted);
    planning.dates.selfAssessmentOpens = at("2022-11-28");
    EXPECT_EQ(phaseAt(planning, at("2030-01-01")), Phase::SelfAssessment);
}

TEST(PhaseTest, OpenRoundAndItsClosedMessages) {
    Period p = demoPeriod();
    EXPECT_EQ(openEvidenceRound(p, at("2022-12-01")).value(), EvidenceRound::Self);
    EXPECT_EQ(openEvidenceRound(p, at("2023-01-06")).value(), EvidenceRound::Supplement);
    auto step1 = openEvidenceRound(p, at("2023-01-02"));
    ASSERT_FALSE(step1.ok());
    EXPECT_EQ(step1.error().code, ErrorCode::PhaseClosed);
    EXPECT_NE(step1.error().message.find("Đã hết hạn tự đánh giá ngày 31/12/2022"),
              std::string::npos)
        << step1.error().message;
    auto step2 = openEvidenceRound(p, at("2023-01-15"));
    EXPECT_NE(step2.error().message.find("10/01/2023"), std::string::npos);
    auto early = openEvidenceRound(p, at("2022-11-01"));
    EXPECT_NE(early.error().message.find("28/11/2022"), std::string::npos);
}

TEST(PhaseTest, FormatsDatesInVietnamTime) {
    EXPECT_EQ(formatDateVn(at("2022-12-31T16:59:59Z")), "31/12/2022");
    EXPECT_EQ(formatDateVn(at("2022-12-31T17:00:00Z")), "01/01/2023");
    EXPECT_EQ(formatDateTimeVn(at("2022-12-31T16:59:59Z")), "23:59 31/12/2022");
    EXPECT_EQ(formatDateTimeVn(at("2022-12-31T17:05:00Z")), "00:05 01/01/2023");
}

TEST(EvidenceTest, StandingAtFollowsWithdrawAndRestore) {
    EvidenceItem e;
    e.uploadedAt = at("2022-12-01");
    e.events = {{1, 1, EvidenceAction::Withdraw, at("2022-12-10"), "u"},
                {2, 1, EvidenceAction::Restore, at("2023-01-06"), "u"}};
    EXPECT_TRUE(e.standingAt(at("2022-12-05")));
    EXPECT_FALSE(e.standingAt(at("2022-12-31T16:59:59Z")));
    EXPECT_TRUE(e.standingAt(at("2023-01-10")));
    EXPECT_FALSE(e.standingAt(at("2022-11-30")));
    EXPECT_FALSE(e.withdrawn());
}

TEST(EvidenceTest, CleansFileNames) {
    const struct {
        std::string raw;
        std::string clean;  // "" = rejected
    } cases[] = {
        {"a.pdf", "a.pdf"},
        {"C:\\fakepath\\Kế hoạch.pdf", "Kế hoạch.pdf"},
        {"../../etc/passwd", "passwd"},
        {"K\xC3\xAA\xCC\x81 hoa\xCC\xA3"
         "ch.pdf",
         "Kế hoạch.pdf"},  // NFD in, NFC out
        {"  x.doc ", "x.doc"},
        {"dir/", ""},
        {"..", ""},
        {"bad\xFF.pdf", ""},
        {"tab\there.pdf", ""},
        {"bao\xC2\x85"
         "cao.txt",
         ""},  // U+0085 NEXT LINE, a C1 control
        {"bao\xC2\x9F"
         "cao.txt",
         ""},  // U+009F, the last C1 control
        {"bao\xC2\xA0"
         "cao.txt",
         "bao\xC2\xA0"
         "cao.txt"},  // U+00A0 no-break space is text
        {std::string(300, 'a'), ""},
        {"Báo cáo\u202Efdp.exe", ""},  // right-to-left override: shows as "exe.pdf"
        {"\u2067Kế hoạch.pdf", ""},    // right-to-left isolate
        {"Kế hoạch \u2014 bản 2.pdf", "Kế hoạch \u2014 bản 2.pdf"},  // an em dash is fine
    };
    for (const auto& c : cases) {
        auto r = cleanFileName(c.raw);
        if (c.clean.empty())
            EXPECT_FALSE(r.ok()) << c.raw;
        else
            EXPECT_EQ(r.ok() ? r.value() : "<error>", c.clean) << c.raw;
    }
}

}  // namespace
}  // namespace kc
