// Bulk self-assessment over HTTP: JSON and CSV, all rows or none.

#include "WorkflowFixture.h"

namespace kc::test {
namespace {

using WorkflowBulkTest = WorkflowTest;

TEST_F(WorkflowBulkTest, JsonWithOneBadRowStoresNothingAndReportsEveryBadRow) {
    auto r = bulk(R"({"rows":[{"sub_code":"1.1.1","score":1,"explanation":"ok"},)"
                  R"({"sub_code":"1.1.2","score":1},{"sub_code":"1.1.3","score":3},)"
                  R"({"sub_code":"1.7.1","score":1},{"sub_code":"1.1.2","score":0},)"
                  R"({"sub_code":"1.1.1","score":1.005}]})",
                  "application/json");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_TRUE(r.hasDetail("rows[5].score")) << r.dump();  // caught while parsing
    r = bulk(R"({"rows":[{"sub_code":"1.1.1","score":1,"explanation":"ok"},)"
             R"({"sub_code":"1.1.2","score":1},{"sub_code":"1.1.3","score":3},)"
             R"({"sub_code":"1.7.1","score":1},{"sub_code":"1.1.2","score":0}]})",
             "application/json");
    ASSERT_EQ(r.status, 400) << r.dump();
    EXPECT_TRUE(r.hasDetail("rows[2].score")) << r.dump();
    EXPECT_TRUE(r.hasDetail("rows[3].score"));
    EXPECT_TRUE(r.hasDetail("rows[4].sub_code"));  // duplicate
    EXPECT_EQ(r.detailPaths().size(), 3u);
    EXPECT_EQ(version("1.1.1"), 0);
    EXPECT_EQ(audits("assessment."), 0);
}

// A field the bulk body does not know, such as a "dry_run" a client hoped for, stores nothing.
TEST_F(WorkflowBulkTest, JsonWithAnUnknownTopLevelFieldStoresNothing) {
    auto r = bulk(R"({"rows":[{"sub_code":"1.1.1","score":1,"explanation":"ok"}],"dry_run":true})",
                  "application/json");
    ASSERT_EQ(r.status, 400) << r.dump();
    EXPECT_TRUE(r.hasDetail("$.dry_run")) << r.dump();
    EXPECT_EQ(version("1.1.1"), 0);
    EXPECT_EQ(audits("assessment."), 0);
}

TEST_F(WorkflowBulkTest, JsonAllGoodRowsAreStored) {
    auto r = bulk(R"({"rows":[{"sub_code":"1.1.1","score":1,"explanation":"ok"},)"
                  R"({"sub_code":"1.1.3","score":2,"metric_pct":95}]})",
                  "application/json");
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_EQ(r.object()->getValue<int>("stored"), 2);
    EXPECT_EQ(version("1.1.3"), 1);
}

TEST_F(WorkflowBulkTest, CsvWithSemicolonsAndDecimalCommasIsAccepted) {
    auto r = bulk(
        "\xEF\xBB\xBFsub_code;score;explanation;metric_pct\r\n"
        "1.1.1;0,5;Ban hành chậm;\r\n"
        "1.3.2;1,5;\"Kiểm tra 10 đơn vị; đạt\";30\r\n",
        "text/csv; charset=utf-8");
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_EQ(item("1.1.1", clerk())->getObject("self")->getValue<std::string>("score_text"),
              "0.50");
    EXPECT_EQ(item("1.3.2", clerk())->getObject("self")->getValue<std::string>("text"),
              "Kiểm tra 10 đơn vị; đạt");
}

// "0,5" unquoted in a comma-separated file: refused, not stored as 0 with "5" as the
// explanation.
TEST_F(WorkflowBulkTest, CsvWithAnUnquotedDecimalCommaStoresNothing) {
    auto r = bulk("sub_code,score,explanation\n1.1.1,0,5,Ban hành chậm\n", "text/csv");
    ASSERT_EQ(r.status, 400) << r.dump();
    EXPECT_TRUE(r.hasDetail("row 2")) << r.dump();
    EXPECT_EQ(version("1.1.1"), 0);
    EXPECT_EQ(audits("assessment."), 0);
}

TEST_F(WorkflowBulkTest, CsvWithOneBadRowStoresNothing) {
    auto r = bulk("sub_code,score,explanation\n1.1.1,1,ok\n1.1.2,7,x\n1.1.3,2,\n1.1.1,1,dup\n",
                  "text/csv");
    ASSERT_EQ(r.status, 400) << r.dump();
    EXPECT_TRUE(r.hasDetail("row 3"));
    EXPECT_TRUE(r.hasDetail("row 5"));
    EXPECT_EQ(version("1.1.1"), 0);
}

TEST_F(WorkflowBulkTest, CsvInWindows1258IsAClearError) {
    auto r = bulk("sub_code,score,explanation\n1.1.1,1,\xD0\xE3 ban h\xE0nh\n", "text/csv");
    ASSERT_EQ(r.status, 400) << r.dump();
    EXPECT_NE(r.errorMessage().find("UTF-8"), std::string::npos);
    EXPECT_TRUE(r.hasDetail("row 2"));
    EXPECT_EQ(version("1.1.1"), 0);
}

TEST_F(WorkflowBulkTest, OtherMediaTypesAreRefused) {
    EXPECT_EQ(bulk("x", "application/vnd.ms-excel").status, 415);
}

// A body with a problem in each of thousands of rows gets a short reply: the first 100
// problems and how many more there were (it was 117 MB for 2 MB of {"rows":[{},…]}).
TEST_F(WorkflowBulkTest, AThousandBadRowsGetAShortReply) {
    std::string json = R"({"rows":[{})", csv = "sub_code,score\n";
    for (int i = 1; i < 3000; ++i) json += ",{}";
    for (int i = 0; i < 3000; ++i) csv += "a,b,c\n";
    for (const auto& [body, type] :
         {std::pair{json + "]}", "application/json"}, std::pair{csv, "text/csv"}}) {
        auto r = bulk(body, type);
        ASSERT_EQ(r.status, 400) << type;
        EXPECT_LT(r.body.size(), 20'000u) << type;
        EXPECT_NE(r.body.find("vấn đề khác không được liệt kê"), std::string::npos) << type;
    }
    // And rows that parse but name no sub-criterion: the service's own checks are capped too.
    std::string unknown = R"({"rows":[)";
    for (int i = 0; i < 500; ++i)
        unknown += std::string(i ? "," : "") + R"({"sub_code":"9.9.)" + std::to_string(i) +
                   R"(","score":1})";
    auto r = bulk(unknown + "]}", "application/json");
    ASSERT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(r.errorMessage(), "Tệp tự đánh giá có 500 lỗi; chưa lưu dòng nào");
    EXPECT_NE(r.body.find("Còn 400 vấn đề khác"), std::string::npos) << r.body.substr(0, 300);
    EXPECT_EQ(audits("assessment."), 0);
}

TEST_F(WorkflowBulkTest, BulkAfterCloseIsPhaseClosed) {
    toStep1();
    auto r = bulk("sub_code,score\n1.1.1,1\n", "text/csv");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.errorMessage(), "Đã hết hạn tự đánh giá ngày 31/12/2022");
}

}  // namespace
}  // namespace kc::test
