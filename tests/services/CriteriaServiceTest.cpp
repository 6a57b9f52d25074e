// Importing a new version of a year's criteria set once units have entered data: a version that
// would leave a score above its maximum, or hide what was entered against a dropped
// sub-criterion, is refused with every unit and item listed, on a dry run too.

#include <algorithm>

#include "services/AssessmentFixture.h"
#include "services/CriteriaJson.h"
#include "services/DirectoryService.h"
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

// Copying last year's set into a new period: the same tree for the new year, the year in the
// title moved on, audited as a copy; refusals for a wrong source.
class CriteriaCopyTest : public CriteriaReimportTest {
protected:
    CriteriaCopyTest() {
        Period p2023;
        p2023.year = 2023;
        p2023.name = "Năm 2023";
        EXPECT_TRUE(DirectoryService(*store, clock).createPeriod(kClerk, p2023).ok());
    }

    Result<CriteriaSetInfo> copy(int from, const std::string& type = "xa", bool dryRun = false) {
        return CriteriaService(*store, clock)
            .copySet(kClerk, CriteriaCopy{2023, from, type, dryRun});
    }

    std::string treeOf(Id id) { return CriteriaService(*store, clock).get(id).value().treeJson; }

    std::vector<AuditEntry> audits(const std::string& action) {
        return store
            ->read([&](Transaction& tx) -> Result<std::vector<AuditEntry>> {
                std::vector<AuditEntry> out;
                for (AuditEntry& e : tx.audit().list(0, 100000))
                    if (e.action == action)
                        out.push_back(std::move(e));
                return out;
            })
            .value();
    }
};

TEST_F(CriteriaCopyTest, LastYearsCurrentSetBecomesTheNewYearsSetWithTheYearInItsTitleMovedOn) {
    auto r = copy(2022);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->year, 2023);
    EXPECT_EQ(r->version, 1);
    EXPECT_NE(r->title.find("year 2023)"), std::string::npos) << r->title;
    EXPECT_EQ(r->title.find("2022"), std::string::npos) << r->title;

    auto sets2022 = CriteriaService(*store, clock).list(2022).value();
    ASSERT_EQ(sets2022.size(), 1u);
    CriteriaSet expected = parseCriteriaJson(treeOf(sets2022[0].id)).value();
    expected.year = 2023;
    expected.title = r->title;
    EXPECT_EQ(treeOf(r->id), json::stringify(criteriaSetToJson(expected)));

    auto entries = audits("criteria.copy");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_NE(entries[0].after.find("\"copied_from_year\":2022"), std::string::npos)
        << entries[0].after;
}

TEST_F(CriteriaCopyTest, ADryRunReportsTheVersionAndStoresNothing) {
    auto r = copy(2022, "xa", true);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->id, 0);
    EXPECT_EQ(r->version, 1);
    EXPECT_TRUE(CriteriaService(*store, clock).list(2023).value().empty());
    EXPECT_TRUE(audits("criteria.copy").empty());
}

TEST_F(CriteriaCopyTest, CopyingTheSameSetAgainIsADuplicate) {
    ASSERT_TRUE(copy(2022).ok());
    auto again = copy(2022);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::Duplicate);
}

TEST_F(CriteriaCopyTest, TheSameYearAYearWithoutAPeriodAndATypeWithoutASetAreRefused) {
    auto same =
        CriteriaService(*store, clock).copySet(kClerk, CriteriaCopy{2022, 2022, "xa", false});
    ASSERT_FALSE(same.ok());
    EXPECT_EQ(same.error().code, ErrorCode::InvalidInput);
    auto noPeriod = copy(2019);
    ASSERT_FALSE(noPeriod.ok());
    EXPECT_EQ(noPeriod.error().code, ErrorCode::NotFound);
    EXPECT_EQ(noPeriod.error().message, "Không có kỳ đánh giá năm 2019");
    auto noSet = copy(2022, "huyen");
    ASSERT_FALSE(noSet.ok());
    EXPECT_EQ(noSet.error().code, ErrorCode::NotFound);
    EXPECT_EQ(noSet.error().message, "Năm 2022 chưa có bộ tiêu chí cho loại đơn vị huyen");
    EXPECT_TRUE(CriteriaService(*store, clock).list(2023).value().empty());
}

}  // namespace
}  // namespace kc::test
