#include <gtest/gtest.h>

#include "DemoPeriod.h"

#include "domain/Workflow.h"

namespace kc {
namespace {

TimePoint at(const char* iso) {
    return *parseIso(iso);
}

Period demo() { return test::demoPeriod2022(); }

struct Case {
    const char* now;
    WorkflowAction action;
    const char* message;  // "" when allowed
};

TEST(WorkflowTest, EachActionOnlyInItsPhaseWithDatedRefusals) {
    const Case cases[] = {
        {"2022-12-10T00:00:00Z", WorkflowAction::SelfScore, ""},
        {"2023-01-02T00:00:00Z", WorkflowAction::SelfScore,
         "Đã hết hạn tự đánh giá ngày 31/12/2022"},
        {"2022-12-10T00:00:00Z", WorkflowAction::Step1Score,
         "Chưa đến thời gian thẩm định bước 1 (bắt đầu ngày 01/01/2023)"},
        {"2023-01-02T00:00:00Z", WorkflowAction::Step1Score, ""},
        {"2023-01-02T00:00:00Z", WorkflowAction::RequestSupplement, ""},
        {"2023-01-02T00:00:00Z", WorkflowAction::Reply,
         "Chưa đến thời gian bổ sung, giải trình (bắt đầu ngày 05/01/2023)"},
        {"2023-01-06T00:00:00Z", WorkflowAction::Reply, ""},
        {"2023-01-12T00:00:00Z", WorkflowAction::Reply,
         "Đã hết hạn bổ sung, giải trình ngày 10/01/2023"},
        {"2023-01-02T00:00:00Z", WorkflowAction::Step2Score,
         "Chưa đến thời gian thẩm định bước 2 (bắt đầu ngày 11/01/2023)"},
        {"2023-01-12T00:00:00Z", WorkflowAction::Step2Score, ""},
        {"2023-01-25T00:00:00Z", WorkflowAction::Step2Score,
         "Đã hết hạn thẩm định bước 2 ngày 20/01/2023"},
    };
    for (const Case& c : cases) {
        Status s = requirePhase(demo(), at(c.now), c.action);
        if (std::string(c.message).empty()) {
            EXPECT_TRUE(s.ok()) << c.now;
        } else {
            ASSERT_FALSE(s.ok()) << c.now;
            EXPECT_EQ(s.error().code, ErrorCode::PhaseClosed);
            EXPECT_EQ(s.error().message, c.message) << c.now;
        }
    }
}

TEST(WorkflowTest, ExtensionMovesOnlyThatUnitsClose) {
    std::vector<DeadlineExtension> ext = {
        {1,
         2022,
         "XA16",
         ExtensionPhase::SelfAssessment,
         at("2023-01-03T16:59:59Z"),
         "ốm",
         "vanthu",
         {}},
    };
    TimePoint jan2 = at("2023-01-02T00:00:00Z");
    EXPECT_EQ(phaseAt(effectivePeriod(demo(), "XA16", ext), jan2), Phase::SelfAssessment);
    EXPECT_EQ(phaseAt(effectivePeriod(demo(), "XA02", ext), jan2), Phase::Step1Appraisal);
    EXPECT_TRUE(
        requirePhase(effectivePeriod(demo(), "XA16", ext), jan2, WorkflowAction::SelfScore).ok());
}

TEST(WorkflowTest, ExtensionChecks) {
    Period p = demo();
    EXPECT_TRUE(checkExtension(p, ExtensionPhase::SelfAssessment, at("2023-01-03"), "lý do").ok());
    EXPECT_FALSE(checkExtension(p, ExtensionPhase::SelfAssessment, at("2022-12-30"), "lý do").ok());
    EXPECT_FALSE(checkExtension(p, ExtensionPhase::SelfAssessment, at("2023-01-06"), "lý do").ok());
    EXPECT_FALSE(checkExtension(p, ExtensionPhase::Supplement, at("2023-01-12"), "").ok());
    p.finalised = true;
    EXPECT_EQ(checkExtension(p, ExtensionPhase::Supplement, at("2023-01-12"), "x").error().code,
              ErrorCode::PhaseClosed);
}

// Days are Vietnam days: "2023-01-02" (00:00 UTC) is today at 10:00 on 02/01 in Vietnam.
TEST(WorkflowTest, SupplementDueDateFromTodayToTheUnitsSupplementClose) {
    const TimePoint now = at("2023-01-02T03:00:00Z");
    struct DueCase {
        const char* due;
        const char* problem;  // "" when accepted
    } cases[] = {
        {"2023-01-02", ""},
        {"2023-01-01T17:00:00Z", ""},  // 00:00 on 02/01 in Vietnam
        {"2023-01-10T16:59:59Z", ""},
        {"2023-01-10", ""},
        {"2023-01-01T16:59:59Z", "Hạn bổ sung 01/01/2023 đã qua (hôm nay là 02/01/2023)"},
        {"2023-01-10T17:00:00Z",
         "Hạn bổ sung 11/01/2023 sau ngày kết thúc thời gian bổ sung, giải trình của đơn vị "
         "(10/01/2023)"},
    };
    for (const DueCase& c : cases)
        EXPECT_EQ(supplementDueProblem(demo(), now, at(c.due)).value_or(""), c.problem) << c.due;

    const std::vector<DeadlineExtension> ext{{1,
                                              2022,
                                              "XA16",
                                              ExtensionPhase::Supplement,
                                              at("2023-01-12T16:59:59Z"),
                                              "lũ",
                                              "vanthu",
                                              {}}};
    EXPECT_FALSE(supplementDueProblem(effectivePeriod(demo(), "XA16", ext), now, at("2023-01-12"))
                     .has_value());
    Period open = demo();
    open.dates.supplementCloses.reset();
    EXPECT_FALSE(supplementDueProblem(open, now, at("2023-03-01")).has_value());
}

}  // namespace
}  // namespace kc
