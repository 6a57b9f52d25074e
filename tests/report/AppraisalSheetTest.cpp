#include "report/AppraisalSheet.h"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "SheetFixture.h"
#include "report/Manifest.h"

namespace kc::report {
namespace {

const ScoreRow& row(const AppraisalSheet& s, const std::string& code) {
    for (const ScoreRow& r : s.rows)
        if (r.code == code)
            return r;
    throw std::out_of_range(code);
}

TEST(AppraisalSheetTest, RowsFollowTheTreeAndParentsSumTheirScoredChildren) {
    const AppraisalSheet s = test::smallSheet();
    std::vector<std::string> codes;
    for (const ScoreRow& r : s.rows) codes.push_back(r.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"1", "1.1", "1.1.1", "1.1.2", "2", "2.1", "2.1.1"}));
    EXPECT_EQ(row(s, "1").self->toString(), "3.00");
    EXPECT_EQ(row(s, "1.1").step2->toString(), "2.75");
    EXPECT_EQ(row(s, "2").self->toString(), "2.00");
    EXPECT_FALSE(row(s, "2").step1.has_value()) << "nothing scored in step 1 for area 2";
    EXPECT_EQ(s.maxTotal.toString(), "5.00");
    EXPECT_EQ(s.selfTotal->toString(), "5.00");
    EXPECT_EQ(s.step1Total->toString(), "2.50");
}

// The totals add up appraised items only (units do not score survey items, reviewers neither),
// so the maximum beside them leaves survey items out too: 70 of a 100-point set.
TEST(AppraisalSheetTest, TheMaximumTotalIsThatOfTheAppraisedItems) {
    CriteriaSet set = test::smallSet();
    set.areas[1].maxPoints = *Points::parse("3");
    set.areas[1].children[0].maxPoints = *Points::parse("3");
    CriteriaNode survey = set.areas[1].children[0].children[0];
    survey.code = "2.1.2";
    survey.maxPoints = *Points::parse("1");
    survey.assessedBy = AssessedBy::Survey;
    set.areas[1].children[0].children.push_back(survey);
    const AppraisalSheet s = buildAppraisalSheet(2022, test::phucKhanh(), "UBND cấp xã", set, {},
                                                 {}, "http://127.0.0.1:8080/api/v1/evidence/");
    EXPECT_EQ(row(s, "2").maxPoints.toString(), "3.00");  // the area's own maximum, as set
    EXPECT_EQ(s.maxTotal.toString(), "5.00");             // 3 + 2: without the survey item
}

TEST(AppraisalSheetTest, BonusAndPenaltyCountWithinTheCriterionMaximum) {
    const AppraisalSheet s = test::sheetWithAdjustments();
    EXPECT_EQ(row(s, "1.1.3").adjustment, Adjustment::Bonus);
    EXPECT_EQ(row(s, "1.1.4").adjustment, Adjustment::Penalty);
    EXPECT_EQ(row(s, "1.1").self->toString(), "3.00");   // 3.5 capped at the criterion's 3
    EXPECT_EQ(row(s, "1.1").step1->toString(), "0.00");  // 2 - 2
    EXPECT_FALSE(row(s, "1.1").step2.has_value());
    EXPECT_EQ(row(s, "1").self->toString(), "3.00");
    EXPECT_EQ(s.maxTotal.toString(), "5.00");  // the caps are not part of the maximum
    EXPECT_EQ(s.selfTotal->toString(), "3.00");
    EXPECT_EQ(s.step1Total->toString(), "0.00");
    const std::string manifest = manifestJson("appraisal_sheet", 2022, TimePoint{}, {s});
    EXPECT_NE(manifest.find(R"("sub":"1.1.4","adjustment":"penalty","max":2.00)"),
              std::string::npos)
        << manifest;
    EXPECT_NE(manifest.find(R"("sub":"1.1.1","max":1.00)"), std::string::npos) << manifest;
}

TEST(AppraisalSheetTest, CitationsLeaveOutWithdrawnFilesAndLinkToTheServer) {
    const AppraisalSheet s = test::smallSheet();
    const auto& cited = row(s, "1.1.1").evidence;
    ASSERT_EQ(cited.size(), 2u);
    EXPECT_EQ(cited[0].line(), "MC5 · Kế hoạch 97-KH-UBND.pdf · tự đánh giá · aaaaaaaaaaaa");
    EXPECT_EQ(cited[1].line(), "MC7 · Báo cáo bổ sung.pdf · bổ sung · bbbbbbbbbbbb");
    EXPECT_EQ(cited[0].url, "http://127.0.0.1:8080/api/v1/evidence/5");
    EXPECT_TRUE(row(s, "2.1.1").evidence.empty());
}

TEST(AppraisalSheetTest, ManifestListsEveryScoreAndFileExactly) {
    const std::string json =
        manifestJson("appraisal_sheet", 2022, *parseIso("2023-02-02T03:30:00Z"), {test::smallSheet()});
    auto root = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(root->getValue<std::string>("format"), "kiemchung-evidence-manifest/1");
    auto unit = root->getArray("units")->getObject(0);
    EXPECT_EQ(unit->getValue<std::string>("name"), "UBND xã Phúc Khánh");
    auto items = unit->getArray("items");
    ASSERT_EQ(items->size(), 3u);
    auto first = items->getObject(0);
    EXPECT_EQ(first->getValue<std::string>("sub"), "1.1.1");
    auto file = first->getArray("evidence")->getObject(1);
    EXPECT_EQ(file->getValue<int>("id"), 7);
    EXPECT_EQ(file->getValue<std::string>("file_name"), "Báo cáo bổ sung.pdf");
    EXPECT_EQ(file->getValue<std::string>("round"), "supplement");
    EXPECT_EQ(file->getValue<std::string>("sha256"), std::string(64, 'b'));
    EXPECT_EQ(file->getValue<int>("size"), 1007);
    EXPECT_TRUE(items->getObject(2)->isNull("step1"));
    EXPECT_NE(json.find("\"step2\":1.75"), std::string::npos);
}

}  // namespace
}  // namespace kc::report
