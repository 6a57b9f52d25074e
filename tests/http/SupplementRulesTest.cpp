// What a supplement request and a reply must hold: not on a survey item, a due date the unit
// can still meet, and texts that say something (stored trimmed).

#include "WorkflowFixture.h"

namespace kc::test {
namespace {

class SupplementRulesTest : public WorkflowTest {
protected:
    // The reviewer's request on XA16's sub (texts are put into the JSON as they are).
    HttpResult request(const std::string& sub, const std::string& due,
                       const std::string& missing = "Kế hoạch có chữ ký",
                       const std::string& reason = "Bản nộp chưa ký") {
        return s.post(itemPath(sub, "supplement-request"), reviewer(),
                      R"({"missing":")" + missing + R"(","reason":")" + reason +
                          R"(","due_date":")" + due + R"("})");
    }
};

TEST_F(SupplementRulesTest, ARequestOnASurveyItemIsRefused) {
    toStep1();
    auto r = request("1.7.1", "2023-01-10");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(r.errorMessage(),
              "Tiêu chí 1.7.1 chấm theo điều tra xã hội học: không yêu cầu đơn vị bổ sung tài "
              "liệu, giải trình");
    EXPECT_EQ(audits("assessment.request"), 0);
}

TEST_F(SupplementRulesTest, ADueDateAfterTheUnitsSupplementCloseIsRefused) {
    toStep1();
    auto late = request("1.1.1", "2023-01-11");
    EXPECT_EQ(late.status, 400) << late.dump();
    EXPECT_TRUE(late.hasDetail("$.due_date"));
    EXPECT_EQ(late.errorMessage(),
              "Yêu cầu bổ sung không hợp lệ: Hạn bổ sung 11/01/2023 sau ngày kết thúc thời gian "
              "bổ sung, giải trình của đơn vị (10/01/2023)");
    EXPECT_EQ(audits("assessment.request"), 0);
    // The last second of the window, as the web page sends it, is fine; so is a day within an
    // extension of the unit's window.
    ASSERT_EQ(s.post(unitPath() + "/extensions", clerk(),
                     R"({"phase":"supplement","until":"2023-01-12T16:59:59Z","reason":"Lũ"})")
                  .status,
              201);
    EXPECT_EQ(request("1.1.1", "2023-01-12T16:59:59Z").status, 201);
}

TEST_F(SupplementRulesTest, ADueDateBeforeTodayIsRefusedTodayIsAccepted) {
    toStep1();  // 10:00 on 02/01/2023 in Vietnam
    auto past = request("1.1.1", "2023-01-01");
    EXPECT_EQ(past.status, 400) << past.dump();
    EXPECT_TRUE(past.hasDetail("$.due_date"));
    EXPECT_EQ(request("1.1.1", "2023-01-02").status, 201);
}

TEST_F(SupplementRulesTest, BlankTextsAreRefusedAndTextsAreStoredTrimmed) {
    ASSERT_EQ(putSelf("1.1.1", "1").status, 200);
    toStep1();
    auto blank = request("1.1.1", "2023-01-10", "   ", "\\t");
    EXPECT_EQ(blank.status, 400) << blank.dump();
    EXPECT_TRUE(blank.hasDetail("$.missing"));
    EXPECT_TRUE(blank.hasDetail("$.reason"));
    ASSERT_EQ(request("1.1.1", "2023-01-10", "  Kế hoạch có chữ ký\\n", " Bản nộp chưa ký ").status,
              201);
    auto stored = item("1.1.1", clerk())->getObject("request");
    EXPECT_EQ(stored->getValue<std::string>("missing"), "Kế hoạch có chữ ký");
    EXPECT_EQ(stored->getValue<std::string>("reason"), "Bản nộp chưa ký");

    toSupplement();
    auto empty = reply("1.1.1", version("1.1.1"), "   ");
    EXPECT_EQ(empty.status, 400) << empty.dump();
    EXPECT_EQ(status("1.1.1"), "supplement_requested");
    EXPECT_EQ(audits("assessment.reply"), 0);
    ASSERT_EQ(reply("1.1.1", version("1.1.1"), "  Đã bổ sung bản có chữ ký ").status, 200);
    EXPECT_EQ(item("1.1.1", clerk())->getObject("request")->getValue<std::string>("reply"),
              "Đã bổ sung bản có chữ ký");
    EXPECT_EQ(status("1.1.1"), "replied");
}

}  // namespace
}  // namespace kc::test
