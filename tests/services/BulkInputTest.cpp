#include <gtest/gtest.h>

#include "services/AssessmentJson.h"

namespace kc {
namespace {

TEST(BulkInputTest, CsvWithBomSemicolonsAndDecimalCommas) {
    auto rows = json::parseBulkCsv(
        "\xEF\xBB\xBFsub_code;score;explanation;metric_pct\r\n"
        "1.1.1;0,5;\"Ban hành chậm; có lý do\";\r\n"
        "1.1.3;2;;95,5\r\n");
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ(rows->at(0).entry.score.toString(), "0.50");
    EXPECT_EQ(rows->at(0).explanation, "Ban hành chậm; có lý do");
    EXPECT_EQ(rows->at(1).entry.metricPct->toString(), "95.50");
    EXPECT_EQ(rows->at(1).path, "row 3");
}

TEST(BulkInputTest, CsvWithCommas) {
    auto rows = json::parseBulkCsv("sub_code,score,explanation,violations\n2.1.2,1.5,,0\n");
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(*rows->at(0).entry.violations, 0);
}

TEST(BulkInputTest, CsvInWindows1258IsRefusedClearly) {
    // "Đã" in Windows-1258: 0xD0 0xE3 — not UTF-8.
    auto rows = json::parseBulkCsv("sub_code,score,explanation\n1.1.1,1,\xD0\xE3 ban h\xE0nh\n");
    ASSERT_FALSE(rows.ok());
    EXPECT_EQ(rows.error().code, ErrorCode::InvalidInput);
    EXPECT_NE(rows.error().message.find("UTF-8"), std::string::npos);
    EXPECT_EQ(rows.error().details.at(0).path, "row 2");
}

TEST(BulkInputTest, CsvReportsEveryBadRow) {
    auto rows = json::parseBulkCsv("sub_code,score\n1.1.1,1.005\n1.1.2,abc\n1.1.3,2\n");
    ASSERT_FALSE(rows.ok());
    ASSERT_EQ(rows.error().details.size(), 2u);
    EXPECT_EQ(rows.error().details[0].path, "row 2");
    EXPECT_EQ(rows.error().details[1].path, "row 3");
}

TEST(BulkInputTest, CsvWithoutHeaderColumnsIsRefused) {
    EXPECT_FALSE(json::parseBulkCsv("a,b\n1,2\n").ok());
}

TEST(BulkInputTest, JsonRowsWithThreeDecimalsAsNumberAndText) {
    auto rows = json::parseBulkJson(
        R"({"rows":[{"sub_code":"1.1.1","score":1.005},{"sub_code":"1.1.2","score":"0.125"},)"
        R"({"sub_code":"1.1.3","score":"1,5"}]})");
    ASSERT_FALSE(rows.ok());
    ASSERT_EQ(rows.error().details.size(), 2u);
    EXPECT_EQ(rows.error().details[0].path, "rows[0].score");
    EXPECT_EQ(rows.error().details[1].path, "rows[1].score");
}

TEST(BulkInputTest, AnExplanationOver10000CharactersIsRefusedInJsonAndCsv) {
    const std::string longText(10001, 'x');
    auto json = json::parseBulkJson(R"({"rows":[{"sub_code":"1.1.1","score":1,"explanation":")" +
                                    longText + "\"}]}");
    ASSERT_FALSE(json.ok());
    EXPECT_EQ(json.error().details.at(0).path, "rows[0].explanation");
    EXPECT_EQ(json.error().details.at(0).message, "Dài quá 10000 ký tự");
    auto csv = json::parseBulkCsv("sub_code,score,explanation\n1.1.1,1," + longText + "\n");
    ASSERT_FALSE(csv.ok());
    EXPECT_EQ(csv.error().details.at(0).path, "row 2");
    Poco::JSON::Object o;
    o.set("score", 1);
    o.set("version", 0);
    o.set("explanation", longText);
    auto in = json::parseScoreInput(o, "explanation");
    ASSERT_FALSE(in.ok());
    EXPECT_EQ(in.error().details.at(0).path, "$.explanation");
}

TEST(BulkInputTest, AMissingScoreSaysWhatToDo) {
    Poco::JSON::Object o;
    o.set("version", 0);
    auto in = json::parseScoreInput(o, "explanation");
    ASSERT_FALSE(in.ok());
    EXPECT_EQ(in.error().details.at(0).path, "$.score");
    EXPECT_EQ(in.error().details.at(0).message, "Chưa có điểm: chọn một mức hoặc nhập điểm");
}

TEST(BulkInputTest, ScoreInputNeedsVersion) {
    Poco::JSON::Object o;
    o.set("score", 1);
    auto in = json::parseScoreInput(o, "explanation");
    ASSERT_FALSE(in.ok());
    EXPECT_EQ(in.error().details.at(0).path, "$.version");
}

// Every row of {"rows":[{},{},…]} has two problems; only the first 100 are listed.
TEST(BulkInputTest, ProblemsPastAHundredAreCountedNotListed) {
    std::string body = R"({"rows":[{})";
    for (int i = 1; i < 3000; ++i) body += ",{}";
    auto rows = json::parseBulkJson(body + "]}");
    ASSERT_FALSE(rows.ok());
    ASSERT_EQ(rows.error().details.size(), 101u);
    EXPECT_EQ(rows.error().details[1].path, "rows[0].score");
    EXPECT_NE(rows.error().details[100].message.find("Còn 5900 vấn đề khác"), std::string::npos)
        << rows.error().details[100].message;

    std::string csv = "sub_code,score\n";
    for (int i = 0; i < 3000; ++i) csv += ",x\n";
    rows = json::parseBulkCsv(csv);
    ASSERT_FALSE(rows.ok());
    ASSERT_EQ(rows.error().details.size(), 101u);
    EXPECT_NE(rows.error().details[100].message.find("Còn 5900 vấn đề khác"), std::string::npos);
}

}  // namespace
}  // namespace kc
