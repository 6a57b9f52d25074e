// A finalised period (PATCH /periods/2022 {"finalised":true}) cannot change through the
// directory or the assignments: a unit joining or leaving it, and assignments of it, are refused
// with 409 and change nothing; changes that only touch later years still go through.

#include "TestServer.h"

namespace kc::test {
namespace {

const char* kUnits = "/api/v1/units";
const char* kAssignments = "/api/v1/periods/2022/assignments";

class FinalisedYearTest : public HttpTest {
protected:
    void finalise2022() {
        auto r = s.patch("/api/v1/periods/2022", s.admin(), R"({"finalised":true})");
        ASSERT_EQ(r.status, 200) << r.dump();
    }
    // The number of xa units in the 2022 results.
    int xaResults() {
        auto r = s.get("/api/v1/periods/2022/results?unit_type=xa", s.clerk());
        auto o = r.object();
        return o ? static_cast<int>(o->getArray("units")->size()) : -1;
    }
    static void expectFinalised(const HttpResult& r) {
        EXPECT_EQ(r.status, 409) << r.dump();
        EXPECT_EQ(r.errorCode(), "conflict") << r.body;
        EXPECT_NE(r.errorMessage().find("Kỳ đánh giá năm 2022 đã chốt"), std::string::npos)
            << r.body;
    }
};

TEST_F(FinalisedYearTest, NoUnitJoinsOrLeavesAFinalisedYear) {
    const int units = xaResults();
    ASSERT_EQ(units, 17);
    finalise2022();
    const int audits = s.auditCount();

    expectFinalised(s.post(kUnits, s.clerk(),
                           R"({"code":"XA19","name":"UBND xã Mới","unit_type":"xa",)"
                           R"("active_from_year":2022})"));
    expectFinalised(s.patch("/api/v1/units/XA13", s.clerk(), R"({"active_to_year":2021})"));
    expectFinalised(s.patch("/api/v1/units/XA13", s.clerk(), R"({"active_from_year":2023})"));
    EXPECT_EQ(s.auditCount(), audits);
    EXPECT_EQ(xaResults(), units);
    EXPECT_TRUE(s.get("/api/v1/units/XA13", s.clerk()).object()->isNull("active_to_year"));

    // What only changes later years is still recorded.
    EXPECT_EQ(s.post(kUnits, s.clerk(),
                     R"({"code":"XA19","name":"UBND xã Mới","unit_type":"xa",)"
                     R"("active_from_year":2023})")
                  .status,
              201);
    auto merge =
        s.patch("/api/v1/units/XA16", s.clerk(), R"({"active_to_year":2022,"merged_into":"XA19"})");
    EXPECT_EQ(merge.status, 200) << merge.dump();
    EXPECT_EQ(xaResults(), units);
}

TEST_F(FinalisedYearTest, AUnitsYearsCanBeCorrectedWhileTheYearIsOpen) {
    auto ended = s.patch("/api/v1/units/XA13", s.clerk(), R"({"active_to_year":2021})");
    ASSERT_EQ(ended.status, 200) << ended.dump();
    EXPECT_EQ(xaResults(), 16);
    auto undone = s.patch("/api/v1/units/XA13", s.clerk(), R"({"active_to_year":null})");
    ASSERT_EQ(undone.status, 200) << undone.dump();
    EXPECT_TRUE(undone.object()->isNull("active_to_year"));
    EXPECT_EQ(xaResults(), 17);

    auto later = s.patch("/api/v1/units/XA13", s.clerk(), R"({"active_from_year":2022})");
    ASSERT_EQ(later.status, 200) << later.dump();
    EXPECT_EQ(later.object()->getValue<int>("active_from_year"), 2022);

    auto merged =
        s.patch("/api/v1/units/XA12", s.clerk(), R"({"active_to_year":2023,"merged_into":"XA13"})");
    ASSERT_EQ(merged.status, 200) << merged.dump();
    auto unmerged =
        s.patch("/api/v1/units/XA12", s.clerk(), R"({"active_to_year":null,"merged_into":null})");
    ASSERT_EQ(unmerged.status, 200) << unmerged.dump();
    EXPECT_TRUE(unmerged.object()->isNull("merged_into"));

    auto reversed = s.patch("/api/v1/units/XA13", s.clerk(),
                            R"({"active_from_year":2022,"active_to_year":2021})");
    EXPECT_EQ(reversed.status, 400) << reversed.dump();
    EXPECT_TRUE(reversed.hasDetail("$.active_to_year")) << reversed.body;
}

TEST_F(FinalisedYearTest, AssignmentsOfAFinalisedYearStay) {
    finalise2022();
    const int assignments = s.count(kAssignments, s.clerk());
    const int audits = s.auditCount();
    expectFinalised(
        s.post(kAssignments, s.clerk(), R"({"username":"thamdinh","area_codes":["3"]})"));
    expectFinalised(s.request("DELETE", std::string(kAssignments) + "/thamdinh/1", s.clerk()));
    EXPECT_EQ(s.count(kAssignments, s.clerk()), assignments);
    EXPECT_EQ(s.auditCount(), audits);
}

TEST_F(FinalisedYearTest, ADisabledAccountIsNotAssigned) {
    ASSERT_EQ(s.patch("/api/v1/users/thamdinh", s.admin(), R"({"active":false})").status, 200);
    const int assignments = s.count(kAssignments, s.clerk());
    const int audits = s.auditCount();
    auto r = s.post(kAssignments, s.clerk(), R"({"username":"thamdinh","area_codes":["3"]})");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(r.errorMessage(), "Tài khoản thamdinh đã bị khóa; không thể phân công");
    EXPECT_TRUE(r.hasDetail("$.username")) << r.body;
    EXPECT_EQ(s.count(kAssignments, s.clerk()), assignments);
    EXPECT_EQ(s.auditCount(), audits);
}

}  // namespace
}  // namespace kc::test
