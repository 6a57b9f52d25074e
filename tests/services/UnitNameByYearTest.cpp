// A unit renamed in its second year is shown under the name it had in each year: results (and
// so their exports and documents), the completeness matrix (and so the review queue) and the
// appraisal sheet of the finalised year keep the old name; the new year shows the new one.

#include "services/AssessmentFixture.h"
#include "services/DocumentSources.h"
#include "services/ResultsService.h"

namespace kc::test {
namespace {

const char* kOld = "UBND xã Phúc Khánh";
const char* kNew = "UBND phường Phúc Khánh";

class UnitNameByYearTest : public AssessmentFixture {
protected:
    void SetUp() override {
        DirectoryService directory(*store, clock);
        ASSERT_TRUE(directory.updatePeriod(kClerk, 2022, PeriodPatch{{}, {}, true}).ok());
        Period p2023;
        p2023.year = 2023;
        p2023.name = "Năm 2023";
        ASSERT_TRUE(directory.createPeriod(kClerk, p2023).ok());
        std::string doc = demoCriteria();
        doc.replace(doc.find("\"year\": 2022"), 12, "\"year\": 2023");
        auto imported = CriteriaService(*store, clock)
                            .importSet(kClerk, CriteriaImport{2023, "xa", doc, false});
        ASSERT_TRUE(imported.ok()) << imported.error().message;
        UnitPatch rename;
        rename.name = kNew;
        ASSERT_TRUE(directory.updateUnit(kClerk, "XA16", rename).ok());
    }

    std::string resultName(int year) {
        auto t = ResultsService(*store, clock, cache).table(year, "xa");
        if (!t.ok())
            return t.error().message;
        for (const UnitResult& u : t->units)
            if (u.unitCode == "XA16")
                return u.unitName;
        return "?";
    }

    std::string matrixName(int year) {
        auto m = completeness.matrix(kClerk, year, MatrixFilter{});
        if (!m.ok())
            return m.error().message;
        for (const MatrixRow& r : m->rows)
            if (r.unitCode == "XA16")
                return r.unitName;
        return "?";
    }

    std::string sheetName(int year) {
        auto sheet = store->read([&](Transaction& tx) {
            return loadAppraisalSheet(tx, year, "XA16", "https://kc.example/e/", nullptr);
        });
        return sheet.ok() ? sheet->unitName : sheet.error().message;
    }
};

TEST_F(UnitNameByYearTest, ResultsOfEachYearShowTheNameOfThatYear) {
    EXPECT_EQ(resultName(2022), kOld);
    EXPECT_EQ(resultName(2023), kNew);
}

TEST_F(UnitNameByYearTest, CompletenessOfEachYearShowsTheNameOfThatYear) {
    EXPECT_EQ(matrixName(2022), kOld);
    EXPECT_EQ(matrixName(2023), kNew);
}

TEST_F(UnitNameByYearTest, AppraisalSheetOfEachYearCarriesTheNameOfThatYear) {
    EXPECT_EQ(sheetName(2022), kOld);
    EXPECT_EQ(sheetName(2023), kNew);
}

}  // namespace
}  // namespace kc::test
