// Importing a new version of a year's criteria set once units have entered data: a version that
// would leave a score above its maximum, or hide what was entered against a dropped
// sub-criterion, is refused with every unit and item listed, on a dry run too.

#include <algorithm>

#include "services/AssessmentFixture.h"
#include "services/CriteriaJson.h"
#include "services/JsonViews.h"

namespace kc::test {
namespace {

Points pts(const char* s) {
    return Points::parse(s).value();
}

class CriteriaReimportTest : public AssessmentFixture {
protected:
    // The demo set with edit applied, as an import document.
    template <typename F>
    std::string revised(F&& edit) {
        CriteriaSet set = parseCriteriaJson(demoCriteria()).value();
        edit(set);
        return json::stringify(criteriaSetToJson(set));
    }

    static CriteriaNode& node(CriteriaSet& set, const std::string& code) {
        CriteriaNode* found = nullptr;
        forEachNode(set.areas, [&](CriteriaNode& n) {
            if (n.code == code)
                found = &n;
        });
        EXPECT_NE(found, nullptr) << code;
        return *found;
    }

    Result<CriteriaSetInfo> import(const std::string& doc, bool dryRun = false) {
        return CriteriaService(*store, clock)
            .importSet(kClerk, CriteriaImport{2022, "xa", doc, dryRun});
    }

    int latestVersion() {
        return store
            ->read([](Transaction& tx) -> Result<int> {
                return tx.criteria().latestVersion(2022, "xa");
            })
            .value();
    }

    static std::vector<std::string> paths(const Error& e) {
        std::vector<std::string> out;
        for (const ErrorDetail& d : e.details) out.push_back(d.path);
        return out;
    }
};

// 1.3.2 max 1.5 -> 1.0, the half point moved to 1.3.3 (so every sum still holds).
void lower132(CriteriaNode& n132, CriteriaNode& n133) {
    n132.maxPoints = pts("1");
    n133.maxPoints = pts("1.5");
}

TEST_F(CriteriaReimportTest, AVersionLoweringAMaximumBelowAnEnteredScoreIsRefused) {
    ASSERT_TRUE(self("1.3.2", "1.5").ok());
    const std::string doc =
        revised([](CriteriaSet& s) { lower132(node(s, "1.3.2"), node(s, "1.3.3")); });
    const std::size_t audit = auditCount("criteria.import");
    for (bool dryRun : {true, false}) {
        auto r = import(doc, dryRun);
        ASSERT_FALSE(r.ok()) << dryRun;
        EXPECT_EQ(r.error().code, ErrorCode::Conflict);
        EXPECT_EQ(paths(r.error()), std::vector<std::string>{"XA16/1.3.2"});
        EXPECT_EQ(r.error().details.at(0).message,
                  "Điểm tự chấm 1,50 lớn hơn điểm tối đa mới 1,00");
    }
    EXPECT_EQ(latestVersion(), 1);
    EXPECT_EQ(auditCount("criteria.import"), audit);
}

TEST_F(CriteriaReimportTest, AVersionDroppingASubCriterionWithEnteredDataIsRefused) {
    ASSERT_TRUE(self("1.3.2", "1").ok());
    ASSERT_TRUE(assessment
                    .score(kOtherUnit, 2022, "XA02", "1.3.2", ScoreRound::Self,
                           input("0.5", 0, "Đã kiểm tra 2 đơn vị"))
                    .ok());
    const std::string doc = revised([](CriteriaSet& s) {
        CriteriaNode& crit = node(s, "1.3");
        node(s, "1.3.3").maxPoints = pts("2.5");
        std::erase_if(crit.children, [](const CriteriaNode& n) { return n.code == "1.3.2"; });
    });
    auto r = import(doc);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Conflict);
    EXPECT_EQ(paths(r.error()), (std::vector<std::string>{"XA02/1.3.2", "XA16/1.3.2"}));
    EXPECT_EQ(latestVersion(), 1);
}

TEST_F(CriteriaReimportTest, AVersionThatKeepsEveryEnteredScoreWithinItsMaximumIsStored) {
    ASSERT_TRUE(self("1.3.2", "1").ok());
    const std::string doc =
        revised([](CriteriaSet& s) { lower132(node(s, "1.3.2"), node(s, "1.3.3")); });
    auto r = import(doc);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->version, 2);
}

}  // namespace
}  // namespace kc::test
