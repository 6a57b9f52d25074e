// Bonus and penalty items (điểm thưởng, điểm trừ) end to end: a criteria set with one of each
// is imported over HTTP, the unit claims them, the reviewer appraises them, and the results
// count them within their criterion's maximum.

#include <set>
#include <sstream>

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include "WorkflowFixture.h"

namespace kc::test {
namespace {

// The demo set with criterion 1.1 (max 4: 1.1.1 = 1, 1.1.2 = 1, 1.1.3 = 2) given a bonus 1.1.4
// of up to 1 and a penalty 1.1.5 of up to 2.
std::string setWithAdjustments() {
    Poco::JSON::Parser parser;
    auto root = parser.parse(readFile(demoCriteriaPath())).extract<Poco::JSON::Object::Ptr>();
    auto subs = root->getArray("areas")
                    ->getObject(0)
                    ->getArray("criteria")
                    ->getObject(0)
                    ->getArray("sub_criteria");
    subs->add(parser.parse(R"J({"code": "1.1.4", "name": "Sáng kiến CCHC được công nhận",
        "max_points": 1, "assessed_by": "appraisal", "adjustment": "bonus",
        "scoring": {"type": "levels", "levels": [{"label": "Có", "points": 1},
                                                 {"label": "Không", "points": 0}]}})J"));
    subs->add(parser.parse(R"J({"code": "1.1.5", "name": "Bị phê bình (0,5 điểm mỗi lần)",
        "max_points": 2, "assessed_by": "appraisal", "adjustment": "penalty",
        "scoring": {"type": "levels", "levels": [{"label": "4 lần trở lên", "points": 2},
                    {"label": "1 lần", "points": 0.5}, {"label": "Không", "points": 0}]}})J"));
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(root, out);
    return out.str();
}

class AdjustmentTest : public WorkflowTest {
protected:
    Poco::JSON::Object::Ptr byCode(const Poco::JSON::Array::Ptr& list, const std::string& code) {
        for (std::size_t i = 0; list && i < list->size(); ++i)
            if (list->getObject(i)->getValue<std::string>("code") == code)
                return list->getObject(i);
        return nullptr;
    }
};

TEST_F(AdjustmentTest, ABonusAndAPenaltyCountWithinTheCriterionMaximum) {
    auto imported = s.request("POST", "/api/v1/periods/2022/criteria-sets?unit_type=xa", clerk(),
                              setWithAdjustments());
    ASSERT_EQ(imported.status, 201) << imported.dump();
    EXPECT_EQ(status("1.1.4"), "complete");  // optional: nothing claimed is nothing missing
    EXPECT_EQ(status("1.1.5"), "complete");

    // The unit claims everything of 1.1 and the bonus, and declares one criticism: 4 + 1 - 0.5
    // is past the maximum of 4.
    ASSERT_EQ(putSelf("1.1.1", "1").status, 200);
    ASSERT_EQ(putSelf("1.1.2", "1").status, 200);
    ASSERT_EQ(putSelf("1.1.3", "2").status, 200);
    ASSERT_EQ(putSelf("1.1.4", "1").status, 200);
    auto penalty = putSelf("1.1.5", "0.5");
    ASSERT_EQ(penalty.status, 200) << penalty.dump();
    EXPECT_EQ(putSelf("1.1.5", "-0.5", version("1.1.5")).status, 400);  // a magnitude
    auto summary = s.get(unitPath() + "/assessment", unit()).object()->getObject("summary");
    EXPECT_EQ(summary->getValue<std::string>("self_total_text"), "4.00");  // 4.5 capped at 4

    // Step 1: the reviewer finds less (3.5), keeps the bonus and finds four criticisms.
    toStep1();
    ASSERT_EQ(putStep("step1", "1.1.1", "1", version("1.1.1")).status, 200);
    ASSERT_EQ(putStep("step1", "1.1.2", "0", version("1.1.2")).status, 200);
    ASSERT_EQ(putStep("step1", "1.1.3", "2", version("1.1.3")).status, 200);
    ASSERT_EQ(putStep("step1", "1.1.4", "1", version("1.1.4")).status, 200);
    ASSERT_EQ(putStep("step1", "1.1.5", "2", version("1.1.5")).status, 200);

    auto result = s.get(unitPath() + "/results", clerk());
    ASSERT_EQ(result.status, 200) << result.dump();
    auto o = result.object();
    auto criterion = byCode(o->getArray("criteria"), "1.1");
    ASSERT_TRUE(criterion);
    EXPECT_EQ(criterion->getValue<double>("points"), 2);  // 3 + 1 - 2
    EXPECT_EQ(criterion->getValue<double>("max"), 4);
    EXPECT_FALSE(criterion->has("capped"));
    EXPECT_EQ(byCode(o->getArray("items"), "1.1.4")->getValue<std::string>("adjustment"), "bonus");
    auto penaltyItem = byCode(o->getArray("items"), "1.1.5");
    EXPECT_EQ(penaltyItem->getValue<std::string>("adjustment"), "penalty");
    EXPECT_EQ(penaltyItem->getValue<double>("used"), 2);
    EXPECT_FALSE(byCode(o->getArray("items"), "1.1.1")->has("adjustment"));
    EXPECT_EQ(o->getValue<double>("self_total"), 4);  // 4.5 capped at the criterion's 4
    EXPECT_EQ(o->getValue<double>("step1_total"), 2);
    EXPECT_EQ(byCode(o->getArray("areas"), "1")->getValue<double>("points"), 2);
    auto differences = s.get(unitPath() + "/differences", clerk()).object();
    auto totals = differences->getObject("totals");
    EXPECT_EQ(totals->getValue<std::string>("self"), "4.00");
    EXPECT_EQ(totals->getValue<std::string>("step1"), "2.00");
    // The unit declared one criticism, the reviewer found four: its self-assessment was 1.5
    // points above the appraisal there, as 1 point on 1.1.2 (self 1, step 1 0).
    Poco::JSON::Object::Ptr penaltyRow, ordinaryRow;
    auto rows = differences->getArray("rows");
    for (std::size_t i = 0; rows && i < rows->size(); ++i) {
        const std::string code = rows->getObject(i)->getValue<std::string>("sub_code");
        if (code == "1.1.5")
            penaltyRow = rows->getObject(i);
        if (code == "1.1.2")
            ordinaryRow = rows->getObject(i);
    }
    ASSERT_TRUE(penaltyRow && ordinaryRow);
    EXPECT_EQ(penaltyRow->getValue<std::string>("adjustment"), "penalty");
    EXPECT_EQ(penaltyRow->getValue<std::string>("self"), "0.50");  // as entered: magnitudes
    EXPECT_EQ(penaltyRow->getValue<std::string>("step1"), "2.00");
    EXPECT_EQ(penaltyRow->getValue<std::string>("self_minus_step1"), "1.50");
    EXPECT_EQ(ordinaryRow->getValue<std::string>("self_minus_step1"), "1.00");
    EXPECT_FALSE(ordinaryRow->has("adjustment"));
    EXPECT_EQ(totals->getValue<std::string>("self_minus_step1"), "2.50");  // 0 + 1 + 0 + 0 + 1.5

    // Without the bonus the penalty takes the criterion to 0, then below: floored, marked capped.
    ASSERT_EQ(putStep("step1", "1.1.4", "0", version("1.1.4")).status, 200);
    ASSERT_EQ(putStep("step1", "1.1.1", "0", version("1.1.1")).status, 200);
    o = s.get(unitPath() + "/results", clerk()).object();
    criterion = byCode(o->getArray("criteria"), "1.1");
    EXPECT_EQ(criterion->getValue<double>("points"), 0);  // 2 + 0 - 2: exactly 0
    EXPECT_FALSE(criterion->has("capped"));
    ASSERT_EQ(putStep("step1", "1.1.3", "1", version("1.1.3")).status, 200);
    o = s.get(unitPath() + "/results", clerk()).object();
    criterion = byCode(o->getArray("criteria"), "1.1");
    EXPECT_EQ(criterion->getValue<double>("points"), 0);  // 1 - 2 floored at 0
    EXPECT_TRUE(criterion->getValue<bool>("capped"));
    EXPECT_EQ(o->getValue<double>("step1_total"), 0);

    // The table of the unit type agrees with the unit's explanation.
    auto table = s.get("/api/v1/periods/2022/results?unit_type=xa", clerk()).object();
    auto units = table->getArray("units");
    int seen = 0;
    for (std::size_t i = 0; i < units->size(); ++i) {
        auto row = units->getObject(i);
        if (row->getValue<std::string>("unit_code") != "XA16")
            continue;
        ++seen;
        EXPECT_EQ(row->getValue<double>("total"), o->getValue<double>("total"));
        EXPECT_EQ(row->getValue<double>("step1_total"), 0);
    }
    EXPECT_EQ(seen, 1);
}

// A penalty the reviewers enter ("self_scored": false) waits in their step-1 queue like any item
// of theirs (it never showed: only a unit's claim put an adjustment there); a bonus the unit did
// not claim waits for nobody.
TEST_F(AdjustmentTest, AReviewersPenaltyIsInTheirStep1QueueUntilScored) {
    std::string set = setWithAdjustments();
    const std::string marker = R"("code":"1.1.5",)";
    ASSERT_NE(set.find(marker), std::string::npos) << set.substr(0, 200);
    set.replace(set.find(marker), marker.size(), marker + R"("self_scored":false,)");
    auto imported =
        s.request("POST", "/api/v1/periods/2022/criteria-sets?unit_type=xa", clerk(), set);
    ASSERT_EQ(imported.status, 201) << imported.dump();
    for (const char* sub : {"1.1.1", "1.1.2", "1.1.3"}) ASSERT_EQ(putSelf(sub, "1").status, 200);
    toStep1();
    auto queued = [&] {
        std::set<std::string> subs;
        auto q = s.get("/api/v1/periods/2022/review-queue", reviewer()).array();
        for (std::size_t i = 0; q && i < q->size(); ++i)
            if (q->getObject(i)->getValue<std::string>("unit_code") == "XA16")
                subs.insert(q->getObject(i)->getValue<std::string>("sub_code"));
        return subs;
    };
    EXPECT_EQ(queued(), (std::set<std::string>{"1.1.1", "1.1.2", "1.1.3", "1.1.5"}));
    for (const char* sub : {"1.1.1", "1.1.2", "1.1.3"})
        ASSERT_EQ(putStep("step1", sub, "1", version(sub)).status, 200);
    EXPECT_EQ(queued(), (std::set<std::string>{"1.1.5"}));
}

}  // namespace
}  // namespace kc::test
