// Results, survey points and SIPAS over HTTP against the demo data: each bad input named, the
// all-or-nothing imports, access rules and the exports.

#include <cstdio>
#include <fstream>
#include <regex>

#include "TestServer.h"

namespace kc::test {
namespace {

class ResultsTest : public HttpTest {
protected:
    HttpResult csv(const std::string& path, const std::string& body,
                   const std::string& token = "") {
        return s.request("POST", path, token.empty() ? s.clerk() : token, body,
                         {{"Content-Type", "text/csv; charset=utf-8"}});
    }
    HttpResult survey(const std::string& body, bool dryRun = false) {
        return csv(std::string("/api/v1/periods/2022/survey-scores") + (dryRun ? "?dry_run=true" : ""),
                   body);
    }
    int stored() {
        auto o = s.get("/api/v1/periods/2022/survey-scores", s.clerk()).object();
        return o ? static_cast<int>(o->getArray("rows")->size()) : -1;
    }
    Poco::JSON::Object::Ptr unitRow(const std::string& type, const std::string& code) {
        auto t = s.get("/api/v1/periods/2022/results?unit_type=" + type, s.clerk()).object();
        auto units = t->getArray("units");
        for (std::size_t i = 0; i < units->size(); ++i)
            if (units->getObject(i)->getValue<std::string>("unit_code") == code)
                return units->getObject(i);
        return nullptr;
    }
    // A file of bsdtar's listing or extraction of an XLSX (a zip).
    static std::string unzip(const std::string& bytes, const std::string& entry) {
        std::string path = std::filesystem::temp_directory_path() / ("kc-xlsx-" + std::to_string(::getpid()) + ".xlsx");
        std::ofstream(path, std::ios::binary) << bytes;
        std::string out;
        if (FILE* p = ::popen(("bsdtar -xOf " + path + " " + entry).c_str(), "r")) {
            char buf[4096];
            while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
            ::pclose(p);
        }
        std::filesystem::remove(path);
        return out;
    }
};

// Survey items of the demo set (unit type "huyen", "phong" and "xa" all use it): 1.7.1 (max
// 1.5), 8.1.3 (max 2), 8.2.2 (max 1); 1.1.1 is appraised, not surveyed.

TEST_F(ResultsTest, SurveyCsvWithBomSemicolonsAndDecimalCommasIsImported) {
    s.clerk();  // logged in (and audited) before counting
    int audits = s.auditCount();
    auto r = survey("\xEF\xBB\xBFunit_code;sub_code;pct;points\r\n"
                    "BAOYEN;1.7.1;94,29;\r\n"
                    "BAOYEN;8.1.3;;1,5\r\n"
                    "XA16;8.2.2;\"80,5\";\r\n");
    ASSERT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(r.object()->getValue<int>("imported"), 3);
    auto rows = r.object()->getArray("rows");
    EXPECT_EQ(rows->getObject(0)->getValue<double>("points"), 1.41);  // 1.5 x 94.29% = 1.41435
    EXPECT_EQ(rows->getObject(0)->getValue<int>("row"), 2);
    EXPECT_EQ(rows->getObject(2)->getValue<double>("points"), 0.81);  // 0.805 -> 0.81
    EXPECT_EQ(stored(), 3);
    EXPECT_EQ(s.auditCount(), audits + 1);
    auto baoyen = unitRow("huyen", "BAOYEN");
    ASSERT_TRUE(baoyen);
    EXPECT_EQ(baoyen->getValue<double>("survey"), 2.91);
}

TEST_F(ResultsTest, SurveyCsvBadRowsAreEachReportedAndNothingIsStored) {
    s.clerk();  // logged in (and audited) before counting
    int audits = s.auditCount();
    auto r = survey("unit_code,sub_code,pct,points\n"
                    "BAOYEN,1.7.1,90,\n"      // fine
                    "NOWHERE,1.7.1,90,\n"     // row 3: unknown unit
                    "BAOYEN,9.9.9,90,\n"      // row 4: unknown sub-criterion
                    "BAOYEN,1.1.1,90,\n"      // row 5: not a survey item
                    "BAOYEN,1.7.1,80,\n"      // row 6: duplicate of row 2
                    "BAOYEN,8.1.3,100.5,\n"   // row 7: over 100%
                    "BAOYEN,8.2.2,,1.5\n"     // row 8: points over the maximum (1)
                    "BAOYEN,8.2.1,abc,\n"     // row 9: not a number
                    "BAOYEN,8.1.1,,\n"        // row 10: no value
                    "BAOYEN,8.1.2,50,1\n");   // row 11: points do not match the percentage
    ASSERT_EQ(r.status, 400) << r.dump();
    for (int row = 3; row <= 11; ++row)
        EXPECT_TRUE(r.hasDetail("row " + std::to_string(row))) << row << " " << r.dump();
    EXPECT_FALSE(r.hasDetail("row 2"));
    EXPECT_NE(r.errorMessage().find("chưa nhập"), std::string::npos);
    EXPECT_EQ(stored(), 0);
    EXPECT_EQ(s.auditCount(), audits);
}

TEST_F(ResultsTest, SurveyCsvInWindows1258OrWithoutColumnsOrAsJsonIsRefused) {
    auto r = survey("unit_code,sub_code,pct\nBAOYEN,1.7.1,90\nXA16,8.2.2,80 \xD0\xE3\n");
    ASSERT_EQ(r.status, 400) << r.dump();
    EXPECT_NE(r.errorMessage().find("UTF-8"), std::string::npos);
    EXPECT_TRUE(r.hasDetail("row 3"));
    r = survey("unit_code,sub_code\nBAOYEN,1.7.1\n");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(r.hasDetail("row 1"));
    r = survey("unit_code,sub_code,pct\n");
    EXPECT_EQ(r.status, 400) << r.dump();  // no data rows
    r = s.post("/api/v1/periods/2022/survey-scores", s.clerk(), R"({"rows":[]})");
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(stored(), 0);
}

// Thousands of bad rows in the survey and SIPAS imports (dry run or not): the reply lists the
// first 100 problems and says how many more there were; nothing is stored.
TEST_F(ResultsTest, ThousandsOfBadRowsGetAShortReply) {
    std::string surveyRows = "unit_code,sub_code,pct\n",
                answers = "respondent,unit_code,question,answer\n",
                aggregates = "unit_code,factor,valid,satisfied\n";
    for (int i = 0; i < 3000; ++i) {
        surveyRows += "NOPE,1.7.1,90\n";
        answers += "r" + std::to_string(i) + ",NOPE,q1,9\n";
        aggregates += "NOPE,ZZ,1,1\n";
    }
    const struct {
        const char* path;
        std::string body;
        const char* message;
    } cases[] = {
        {"/api/v1/periods/2022/survey-scores?dry_run=true", surveyRows, "có 3000"},
        {"/api/v1/periods/2022/survey-scores", surveyRows, "có 3000"},
        {"/api/v1/periods/2022/sipas/answers", answers, "có "},
        {"/api/v1/periods/2022/sipas/aggregates", aggregates, "có "},
    };
    ASSERT_EQ(s.request("PUT", "/api/v1/periods/2022/sipas/factors", s.clerk(),
                        R"({"factors":[{"code":"TC","name":"Tiếp cận","questions":["q1"]}]})")
                  .status,
              200);
    for (const auto& c : cases) {
        auto r = csv(c.path, c.body);
        ASSERT_EQ(r.status, 400) << c.path << " " << r.body.substr(0, 300);
        EXPECT_NE(r.errorMessage().find(c.message), std::string::npos) << r.errorMessage();
        EXPECT_LT(r.body.size(), 20'000u) << c.path;
        EXPECT_NE(r.body.find("vấn đề khác không được liệt kê"), std::string::npos) << c.path;
    }
    EXPECT_EQ(stored(), 0);
}

TEST_F(ResultsTest, SurveyDryRunReportsWithoutStoring) {
    auto r = survey("unit_code,sub_code,pct\nBAOYEN,1.7.1,90\n", true);
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_TRUE(r.object()->getValue<bool>("dry_run"));
    EXPECT_EQ(r.object()->getArray("rows")->size(), 1u);
    EXPECT_EQ(stored(), 0);
}

TEST_F(ResultsTest, OnlyTheOfficeImportsAndStaffReadResults) {
    EXPECT_EQ(csv("/api/v1/periods/2022/survey-scores", "unit_code,sub_code,pct\nXA16,1.7.1,90\n",
                  s.unitUser()).status, 403);
    EXPECT_EQ(csv("/api/v1/periods/2022/survey-scores", "unit_code,sub_code,pct\nXA16,1.7.1,90\n",
                  s.reviewer()).status, 403);
    EXPECT_EQ(s.get("/api/v1/periods/2022/results?unit_type=xa", s.unitUser()).status, 403);
    EXPECT_EQ(s.get("/api/v1/periods/2022/results?unit_type=xa", s.reviewer()).status, 200);
    EXPECT_EQ(s.get("/api/v1/periods/2022/units/XA01/results", s.unitUser()).status, 403);
    auto own = s.get("/api/v1/periods/2022/units/XA16/results", s.unitUser());
    ASSERT_EQ(own.status, 200) << own.dump();
    EXPECT_EQ(own.str("unit_code"), "XA16");
    EXPECT_EQ(own.object()->getArray("items")->size(), 79u);
    EXPECT_EQ(s.get("/api/v1/periods/2022/results?unit_type=nope", s.clerk()).status, 404);
    EXPECT_EQ(s.get("/api/v1/periods/2031/results", s.clerk()).status, 404);
}

TEST_F(ResultsTest, TablesListEveryUnitTypeAndNothingScoredIsFlagged) {
    auto r = s.get("/api/v1/periods/2022/results", s.clerk());
    ASSERT_EQ(r.status, 200) << r.dump();
    auto tables = r.object()->getArray("tables");
    ASSERT_EQ(tables->size(), 3u);
    auto xa = s.get("/api/v1/periods/2022/results?unit_type=xa", s.clerk()).object();
    EXPECT_EQ(xa->getArray("units")->size(), 17u);
    EXPECT_EQ(xa->getObject("summary")->getValue<int>("units"), 17);
    auto first = xa->getArray("units")->getObject(0);
    EXPECT_EQ(first->getValue<int>("rank"), 1);  // nothing entered: all tied at 0
    EXPECT_EQ(first->getValue<int>("flagged_items"), 79);
    EXPECT_EQ(first->getValue<std::string>("grade"), "Yếu");
}

TEST_F(ResultsTest, ExportsXlsxAndCsvWithVietnameseHeaders) {
    auto x = s.get("/api/v1/periods/2022/results/export?format=xlsx", s.clerk());
    ASSERT_EQ(x.status, 200) << x.dump();
    EXPECT_EQ(x.header("Content-Type"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_NE(x.header("Content-Disposition").find("ket-qua-chi-so-cchc-2022.xlsx"),
              std::string::npos);
    ASSERT_EQ(x.body.substr(0, 2), "PK");
    std::string strings = unzip(x.body, "xl/sharedStrings.xml");
    EXPECT_NE(strings.find("Tổng hợp kết quả Chỉ số cải cách hành chính năm 2022"), std::string::npos);
    EXPECT_NE(strings.find("UBND xã Phúc Khánh"), std::string::npos);
    EXPECT_NE(strings.find("Chỉ số (%)"), std::string::npos);
    std::string workbook = unzip(x.body, "xl/workbook.xml");
    EXPECT_NE(workbook.find("Tổng hợp"), std::string::npos);
    std::string styles = unzip(x.body, "xl/styles.xml");
    EXPECT_NE(styles.find("0.00"), std::string::npos);  // numbers with two decimals

    auto c = s.get("/api/v1/periods/2022/results/export?format=csv&unit_type=xa", s.clerk());
    ASSERT_EQ(c.status, 200) << c.dump();
    EXPECT_EQ(c.header("Content-Type"), "text/csv; charset=utf-8");
    ASSERT_EQ(c.body.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(c.body.find("Xếp hạng,Mã đơn vị,Tên đơn vị"), std::string::npos);
    std::size_t lines = 0;
    for (char ch : c.body) lines += ch == '\n';
    EXPECT_EQ(lines, 18u);  // header + 17 communes
    EXPECT_NE(c.body.find(",XA16,UBND xã Phúc Khánh,0.00,"), std::string::npos);
    auto summary = s.get("/api/v1/periods/2022/results/export?format=csv", s.clerk());
    ASSERT_EQ(summary.status, 200) << summary.dump();
    EXPECT_NE(summary.body.find("Mã loại hình,Loại hình,Số đơn vị,Điểm tối đa"), std::string::npos)
        << summary.body;
    // Numbers with a decimal point; a grade's share is a Vietnamese label ("82,3%"), quoted.
    EXPECT_TRUE(std::regex_search(summary.body, std::regex(R"(,"\d{1,3},\d%",)")))
        << summary.body;

    EXPECT_EQ(s.get("/api/v1/periods/2022/results/export?format=pdf", s.clerk()).status, 400);
    EXPECT_EQ(s.get("/api/v1/periods/2022/results/export", s.unitUser()).status, 403);
}

TEST_F(ResultsTest, SettingsAreValidatedAndAudited) {
    auto get = s.get("/api/v1/periods/2022/result-settings/xa", s.reviewer());
    ASSERT_EQ(get.status, 200) << get.dump();
    EXPECT_FALSE(get.object()->getValue<bool>("configured"));
    EXPECT_EQ(get.object()->getArray("grades")->size(), 4u);
    auto put = [&](const std::string& body, const std::string& token) {
        return s.request("PUT", "/api/v1/periods/2022/result-settings/xa", token, body);
    };
    auto r = put(R"({"tie_rule":"olympic","survey_mode":"none","grade":[]})", s.clerk());
    ASSERT_EQ(r.status, 400) << r.dump();
    EXPECT_TRUE(r.hasDetail("$.tie_rule"));
    EXPECT_TRUE(r.hasDetail("$.survey_mode"));
    EXPECT_TRUE(r.hasDetail("$.grade"));  // unknown field
    r = put(R"({"grades":[{"grade":"Tốt","min_pct":85},{"grade":"Khá","min_pct":80,"max_pct":90}]})",
            s.clerk());
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(r.hasDetail("$.grades[1]")) << r.dump();
    r = put(R"({"grades":[{"grade":"Tốt","min_pct":120}]})", s.clerk());
    EXPECT_EQ(r.status, 400);
    // Khá 80-85 leaves 70-79.99 without a grade.
    r = put(R"({"grades":[{"grade":"Tốt","min_pct":85},{"grade":"Khá","min_pct":80,"max_pct":85},)"
            R"({"grade":"Trung bình","min_pct":50,"max_pct":70},{"grade":"Yếu","max_pct":50}]})",
            s.clerk());
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(r.hasDetail("$.grades")) << r.dump();
    EXPECT_EQ(put(R"({"survey_mode":"rescale"})", s.reviewer()).status, 403);
    s.clerk();  // logged in (and audited) before counting
    int audits = s.auditCount();
    r = put(R"({"survey_mode":"rescale","tie_rule":"dense"})", s.clerk());
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_EQ(s.auditCount(), audits + 1);
    auto xa = s.get("/api/v1/periods/2022/results?unit_type=xa", s.clerk()).object();
    EXPECT_EQ(xa->getValue<double>("max"), 70.0);  // survey items left out
    EXPECT_EQ(xa->getObject("settings")->getValue<std::string>("tie_rule"), "dense");
}

TEST_F(ResultsTest, SipasFactorsWithBlankCodesOrNamesAreRefused) {
    auto blank = s.request("PUT", "/api/v1/periods/2022/sipas/factors", s.clerk(),
                           R"({"factors":[{"code":" ","name":"   ","questions":[" "]}]})");
    ASSERT_EQ(blank.status, 400) << blank.dump();
    for (const char* path : {"$.factors[0].code", "$.factors[0].name", "$.factors[0].questions[0]"})
        EXPECT_TRUE(blank.hasDetail(path)) << path << ": " << blank.body;
}

TEST_F(ResultsTest, SipasFromAnswersToSurveyPoints) {
    auto factors = s.request("PUT", "/api/v1/periods/2022/sipas/factors", s.clerk(),
                             R"({"factors":[{"code":"TC","name":"Tiếp cận dịch vụ","questions":["q1","q2"]},)"
                             R"({"code":"TT","name":"Thủ tục hành chính","questions":["q3"]},)"
                             R"({"code":"CC","name":"Công chức","questions":["q4"]},)"
                             R"({"code":"KQ","name":"Kết quả","questions":["q5"]}]})");
    ASSERT_EQ(factors.status, 200) << factors.dump();
    auto bad = csv("/api/v1/periods/2022/sipas/answers",
                   "respondent,unit_code,question,answer\n"
                   "r1,XA16,q1,5\n"
                   "r1,XA16,q6,4\n"     // row 3: no such question
                   "r1,XA16,q2,6\n"     // row 4: outside 1..5
                   "r1,NOPE,q3,4\n"     // row 5: unknown unit
                   "r1,XA16,q1,4\n");   // row 6: answered twice
    ASSERT_EQ(bad.status, 400) << bad.dump();
    for (const char* row : {"row 3", "row 4", "row 5", "row 6"}) EXPECT_TRUE(bad.hasDetail(row)) << row;
    auto good = csv("/api/v1/periods/2022/sipas/answers",
                    "respondent,unit_code,question,answer\n"
                    "r1,XA16,q1,5\nr1,XA16,q2,3\nr1,XA16,q3,4\nr1,XA16,q4,4\nr1,XA16,q5,\n"
                    "r2,XA16,q1,4\nr2,XA16,q2,4\nr2,XA16,q3,2\nr2,XA16,q4,5\nr2,XA16,q5,5\n");
    ASSERT_EQ(good.status, 201) << good.dump();
    auto view = s.get("/api/v1/periods/2022/sipas", s.reviewer());
    ASSERT_EQ(view.status, 200);
    auto unit = view.object()->getArray("units")->getObject(0);
    // TC 3/4 = 75, TT 1/2 = 50, CC 2/2 = 100, KQ 1/1 = 100: overall 81.25
    EXPECT_EQ(unit->getValue<double>("overall_pct"), 81.25);
    auto apply = s.post("/api/v1/periods/2022/sipas/apply", s.clerk(),
                        R"({"unit_type":"xa","sub_code":"8.1.3"})");
    ASSERT_EQ(apply.status, 201) << apply.dump();
    auto row = apply.object()->getArray("rows")->getObject(0);
    EXPECT_EQ(row->getValue<double>("points"), 1.63);  // 2 x 81.25% = 1.625 -> 1.63
    auto explain = s.get("/api/v1/periods/2022/units/XA16/results", s.unitUser()).object();
    EXPECT_EQ(explain->getValue<double>("survey"), 1.63);
    EXPECT_EQ(s.post("/api/v1/periods/2022/sipas/apply", s.clerk(),
                     R"({"unit_type":"xa","sub_code":"1.1.1"})").status, 400);

    auto aggregates = csv("/api/v1/periods/2022/sipas/aggregates",
                          "unit_code,factor,valid,satisfied\nXA16,TC,10,11\nXA16,ZZ,1,1\n");
    ASSERT_EQ(aggregates.status, 400);
    EXPECT_TRUE(aggregates.hasDetail("row 2"));
    EXPECT_TRUE(aggregates.hasDetail("row 3"));
}

}  // namespace
}  // namespace kc::test
