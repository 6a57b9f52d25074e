#include <gtest/gtest.h>

#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "http/UnitAssessmentJson.h"
#include "services/AssessmentJson.h"

namespace kc::http {
namespace {

std::string viaPoco(const UnitAssessment& u) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(kc::json::of(u), out);
    return out.str();
}

TimePoint at(const char* iso) {
    return *parseIso(iso);
}

ItemView item(const std::string& sub, const std::string& name, ItemStatus status) {
    ItemView v;
    v.node.code = sub;
    v.node.name = name;
    v.node.maxPoints = Points::fromHundredths(150);
    v.areaCode = sub.substr(0, 1);
    v.item = AssessmentItem::blank(2022, "XA01", sub);
    v.status = status;
    return v;
}

TEST(UnitAssessmentJsonTest, TextIsWhatThePocoObjectsGave) {
    UnitAssessment u;
    u.year = 2022;
    u.unit.code = "XA01";
    u.unit.name = "UBND xã \"Bảo Hà\"";
    u.unit.unitTypeCode = "xa";
    u.unit.activeFromYear = 2020;
    u.effective.year = 2022;
    u.effective.name = "Kỳ 2022";
    u.effective.dates.selfAssessmentCloses = at("2022-12-31T16:59:59Z");
    u.phase = Phase::Step1Appraisal;
    EXPECT_EQ(unitAssessmentJsonText(u), viaPoco(u));

    u.extensions.push_back(DeadlineExtension{7, 2022, "XA01", ExtensionPhase::SelfAssessment,
                                             at("2023-01-05T00:00:00Z"), "Lý do \\ /", "vanthu",
                                             at("2023-01-01T08:00:00Z")});
    u.items.push_back(item("1.1.1", "Ban hành kế hoạch\tCCHC", ItemStatus::NotStarted));
    ItemView scored = item("1.1.2", "Mức độ hoàn thành", ItemStatus::AppraisedStep1);
    scored.files = 3;
    scored.supplementFiles = 1;
    scored.item.version = 4;
    scored.item.self = RoundScore{Points::fromHundredths(125),
                                  Points::fromHundredths(3333),
                                  2,
                                  "vượt \"mức\"",
                                  Points::fromHundredths(100),
                                  "Giải trình\n",
                                  "xa01",
                                  at("2022-12-20T03:00:00Z")};
    scored.item.step1 = RoundScore{Points::fromHundredths(100), {}, {}, "", {}, "", "thamdinh",
                                   at("2023-01-02T03:00:00Z")};
    scored.item.request = SupplementRequest{"Thiếu QĐ",
                                            "Lý do",
                                            at("2023-01-08T00:00:00Z"),
                                            "thamdinh",
                                            at("2023-01-02T04:00:00Z"),
                                            std::nullopt,
                                            "",
                                            std::nullopt};
    u.items.push_back(scored);
    ItemView replied = item("2.1.1", "", ItemStatus::Replied);
    replied.item.request = SupplementRequest{
        "a",          "b",    at("2023-01-08T00:00:00Z"), "c", at("2023-01-02T04:00:00Z"),
        "Đã bổ sung", "xa01", at("2023-01-06T10:30:00Z")};
    replied.item.step2 =
        RoundScore{Points::fromHundredths(0), {}, 0, "", {}, "", "t", at("2023-01-15T00:00:00Z")};
    u.items.push_back(replied);
    u.items.push_back(item("9.1.1", "Khảo sát", ItemStatus::Survey));
    ItemView bonus = item("1.1.3", "Sáng kiến", ItemStatus::Complete);
    bonus.node.adjustment = Adjustment::Bonus;
    u.items.push_back(bonus);
    for (const ItemView& v : u.items) u.summary.add(v.status);
    u.roundTotals[0] = Points::fromHundredths(275);
    const std::string text = unitAssessmentJsonText(u);
    EXPECT_EQ(text, viaPoco(u));
    EXPECT_NE(text.find(R"({"adjustment":"bonus","area":"1")"), std::string::npos);
    EXPECT_NE(text.find(R"("self_total_text":"2.75")"), std::string::npos);
}

}  // namespace
}  // namespace kc::http
