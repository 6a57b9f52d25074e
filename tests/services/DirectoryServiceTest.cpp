// A province's second year: a unit renamed from a year on keeps its old name in the years
// before, and a new period starts with the result rules of the one before it.

#include "services/DirectoryService.h"

#include "services/AssessmentFixture.h"

namespace kc::test {
namespace {

class SecondYearTest : public AssessmentFixture {
protected:
    // 2022 finalised (XA16 named "UBND xã Phúc Khánh" since 2020) and 2023 created.
    void openSecondYear() {
        ASSERT_TRUE(directory.updatePeriod(kClerk, 2022, PeriodPatch{{}, {}, true}).ok());
        Period p2023;
        p2023.year = 2023;
        p2023.name = "Năm 2023";
        ASSERT_TRUE(directory.createPeriod(kClerk, p2023).ok());
    }

    Result<Unit> rename(const char* name, std::optional<int> fromYear = std::nullopt) {
        UnitPatch patch;
        patch.name = name;
        patch.nameFromYear = fromYear;
        return directory.updateUnit(kClerk, "XA16", patch);
    }

    Unit stored() { return directory.getUnit(kClerk, "XA16").value(); }

    std::size_t auditTotal() {
        return store
            ->read([&](Transaction& tx) -> Result<std::size_t> {
                return tx.audit().list(0, 100000).size();
            })
            .value();
    }

    DirectoryService directory{*store, clock};
};

using Names = std::vector<UnitName>;

TEST_F(SecondYearTest, ARenameAppliesFromTheNewestPeriodAndEarlierYearsKeepTheOldName) {
    openSecondYear();
    auto r = rename("UBND phường Phúc Khánh");
    ASSERT_TRUE(r.ok()) << r.error().message;
    Unit u = stored();
    EXPECT_EQ(u.name, "UBND phường Phúc Khánh");
    EXPECT_EQ(u.names, (Names{{2020, "UBND xã Phúc Khánh"}, {2023, "UBND phường Phúc Khánh"}}));
    EXPECT_EQ(u.nameIn(2021), "UBND xã Phúc Khánh");
    EXPECT_EQ(u.nameIn(2022), "UBND xã Phúc Khánh");
    EXPECT_EQ(u.nameIn(2023), "UBND phường Phúc Khánh");
    EXPECT_EQ(u.nameIn(2019), "UBND xã Phúc Khánh");  // before its first year: its first name
    EXPECT_EQ(auditCount("unit.update"), 1u);
}

TEST_F(SecondYearTest, ARenameFromAFinalisedYearIsRefusedAndChangesNothing) {
    openSecondYear();
    std::size_t audit = auditTotal();
    for (int from : {2022, 2021}) {
        auto r = rename("UBND phường Phúc Khánh", from);
        ASSERT_FALSE(r.ok()) << from;
        EXPECT_EQ(r.error().code, ErrorCode::Conflict) << from;
        EXPECT_NE(r.error().message.find("2022 đã chốt"), std::string::npos) << r.error().message;
    }
    EXPECT_EQ(stored().name, "UBND xã Phúc Khánh");
    EXPECT_EQ(stored().names, (Names{{2020, "UBND xã Phúc Khánh"}}));
    EXPECT_EQ(auditTotal(), audit);
}

TEST_F(SecondYearTest, ARenameWhileTheNewestPeriodIsFinalisedNeedsALaterFromYear) {
    ASSERT_TRUE(directory.updatePeriod(kClerk, 2022, PeriodPatch{{}, {}, true}).ok());
    auto r = rename("UBND phường Phúc Khánh");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Conflict);
    ASSERT_TRUE(rename("UBND phường Phúc Khánh", 2023).ok());
    EXPECT_EQ(stored().nameIn(2022), "UBND xã Phúc Khánh");
    EXPECT_EQ(stored().nameIn(2023), "UBND phường Phúc Khánh");
}

TEST_F(SecondYearTest, ALaterRenameReplacesTheNamesFromItsYearOn) {
    openSecondYear();
    ASSERT_TRUE(rename("UBND phường Phúc Khánh", 2024).ok());
    ASSERT_TRUE(rename("UBND phường Phúc Khánh Mới", 2023).ok());
    EXPECT_EQ(stored().names,
              (Names{{2020, "UBND xã Phúc Khánh"}, {2023, "UBND phường Phúc Khánh Mới"}}));
    // Back to the old name: one entry again, not a repeat of the same name.
    ASSERT_TRUE(rename("UBND xã Phúc Khánh", 2023).ok());
    EXPECT_EQ(stored().names, (Names{{2020, "UBND xã Phúc Khánh"}}));
    EXPECT_EQ(stored().name, "UBND xã Phúc Khánh");
}

TEST_F(SecondYearTest, AFromYearWithoutANameOrOutOfRangeIsInvalid) {
    UnitPatch onlyYear;
    onlyYear.nameFromYear = 2023;
    auto r = directory.updateUnit(kClerk, "XA16", onlyYear);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    ASSERT_EQ(r.error().details.size(), 1u);
    EXPECT_EQ(r.error().details[0].path, "$.name");
    auto far = rename("UBND phường Phúc Khánh", 2101);
    ASSERT_FALSE(far.ok());
    EXPECT_EQ(far.error().details.at(0).path, "$.name_from_year");
    EXPECT_EQ(stored().names, (Names{{2020, "UBND xã Phúc Khánh"}}));
}

TEST_F(SecondYearTest, ANewUnitHasItsNameFromItsFirstYear) {
    Unit u;
    u.code = "XA18";
    u.name = "UBND xã Mới";
    u.unitTypeCode = "xa";
    u.activeFromYear = 2023;
    ASSERT_TRUE(directory.createUnit(kClerk, u).ok());
    EXPECT_EQ(directory.getUnit(kClerk, "XA18")->names, (Names{{2023, "UBND xã Mới"}}));
}

TEST_F(SecondYearTest, ANewPeriodStartsWithTheResultRulesOfThePreviousOne) {
    ResultSettings rescale;
    rescale.surveyMode = SurveyMode::Rescale;
    rescale.tieRule = TieRule::Dense;
    const std::vector<SipasFactor> factors = {{"TC", "Tiếp cận dịch vụ", {"q1", "q2"}},
                                              {"KQ", "Kết quả", {"q3"}}};
    ASSERT_TRUE(store
                    ->write([&](Transaction& tx) -> Status {
                        tx.results().putSettings(2022, "xa", rescale);
                        tx.results().putSipasFactors(2022, factors);
                        return Ok{};
                    })
                    .ok());
    openSecondYear();
    Status read = store->read([&](Transaction& tx) -> Status {
        auto s = tx.results().settings(2023, "xa");
        EXPECT_TRUE(s.has_value());
        if (s) {
            EXPECT_EQ(s->surveyMode, SurveyMode::Rescale);
            EXPECT_EQ(s->tieRule, TieRule::Dense);
        }
        auto copied = tx.results().sipasFactors(2023);
        EXPECT_EQ(copied.size(), 2u);
        if (!copied.empty()) {
            EXPECT_EQ(copied[0].code, "TC");
            EXPECT_EQ(copied[0].questions, (std::vector<std::string>{"q1", "q2"}));
        }
        return Ok{};
    });
    EXPECT_TRUE(read.ok());
    // Audited with the creation: one settings entry per type configured, one for the factors.
    EXPECT_EQ(auditCount("results.settings"), 1u);
    EXPECT_EQ(auditCount("sipas.factors"), 1u);
}

TEST_F(SecondYearTest, AFirstPeriodHasNothingToCarryOver) {
    Period p2020;
    p2020.year = 2020;
    p2020.name = "Năm 2020";
    ASSERT_TRUE(directory.createPeriod(kClerk, p2020).ok());
    Status read = store->read([&](Transaction& tx) -> Status {
        EXPECT_FALSE(tx.results().settings(2020, "xa").has_value());
        EXPECT_TRUE(tx.results().sipasFactors(2020).empty());
        return Ok{};
    });
    EXPECT_TRUE(read.ok());
    EXPECT_EQ(auditCount("results.settings"), 0u);
}

}  // namespace
}  // namespace kc::test
