// The correctness check of the results: a data set shaped like the Bảo Yên 2022 report (one
// district, 12 agencies and 17 communes; agencies and communes reported on the appraised part
// out of 70, the district out of 100 with survey points), stored through the real SQLite
// store, and the summary it produces.

#include "services/ResultsService.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "DemoPeriod.h"
#include "TempDir.h"
#include "services/CriteriaService.h"
#include "services/DirectoryService.h"
#include "services/SurveyService.h"
#include "storage/SqlStore.h"

namespace kc {
namespace {

const Actor kSystem{0, "system", Role::Admin, std::nullopt};
const Actor kClerk{13, "vanthu", Role::Clerk, std::nullopt};

Points pts(const std::string& s) { return Points::parse(s).value(); }

const std::vector<std::string> kCommuneTotals = {
    "66.80", "65.10", "64.00", "63.20", "63.20", "62.75", "62.10", "61.90", "61.00",
    "60.55", "60.30", "60.00", "59.80", "59.50", "59.49", "45.50", "40.25"};
const std::vector<std::string> kAgencyTotals = {"67.00", "66.00", "64.50", "63.00",
                                                "62.00", "61.00", "60.00", "59.50",
                                                "55.00", "52.00", "50.00", "42.00"};

std::string code(const char* prefix, std::size_t i) {
    return prefix + std::string(i < 9 ? "0" : "") + std::to_string(i + 1);
}

class ResultsServiceTest : public ::testing::Test {
protected:
    ResultsServiceTest()
        : clock(*parseIso("2023-01-25T03:00:00Z")),
          store(SqlStore::openSqlite(dir.file("kc.db"))),
          cache(std::make_shared<CriteriaCache>()),
          results(*store, clock, cache),
          survey(*store, clock, cache) {
        DirectoryService d(*store, clock);
        Period p2021;
        p2021.year = 2021;
        p2021.name = "Năm 2021";
        EXPECT_TRUE(d.createPeriod(kSystem, p2021).ok());
        EXPECT_TRUE(d.createPeriod(kSystem, test::demoPeriod2022()).ok());
        for (auto [c, n] : {std::pair{"huyen", "UBND huyện"}, std::pair{"phong", "Cơ quan chuyên môn"},
                            std::pair{"xa", "UBND cấp xã"}})
            EXPECT_TRUE(d.createUnitType(kSystem, UnitType{0, c, n}).ok());
        addUnit(d, "BAOYEN", "UBND huyện Bảo Yên", "huyen");
        for (std::size_t i = 0; i < 12; ++i) addUnit(d, code("PH", i), "Phòng " + code("PH", i), "phong");
        for (std::size_t i = 0; i < 17; ++i) addUnit(d, code("XA", i), "UBND xã " + code("XA", i), "xa");
        // XA18 and XA19 existed in 2021 and merged into XA17.
        for (const char* old : {"XA18", "XA19"}) {
            Unit u{0, old, std::string("UBND xã cũ ") + old, "xa", 2020, 2021, std::string("XA17"),
                   {}};
            EXPECT_TRUE(d.createUnit(kSystem, u).ok());
        }
        for (int year : {2021, 2022})
            for (const char* type : {"huyen", "phong", "xa"}) importCriteria(year, type);
        for (int year : {2021, 2022})
            for (const char* type : {"phong", "xa"}) {
                ResultSettings s;
                s.surveyMode = SurveyMode::Rescale;
                EXPECT_TRUE(results.putSettings(kClerk, year, type, s).ok());
            }
        for (std::size_t i = 0; i < 17; ++i) appraise(2022, code("XA", i), "xa", kCommuneTotals[i]);
        for (std::size_t i = 0; i < 12; ++i) appraise(2022, code("PH", i), "phong", kAgencyTotals[i]);
        appraise(2022, "BAOYEN", "huyen", "66.00");
        appraise(2021, "BAOYEN", "huyen", "63.00");
        appraise(2021, "XA01", "xa", "60.00");
        appraise(2021, "XA18", "xa", "56.00");
        appraise(2021, "XA19", "xa", "58.10");
        importSurvey(2022, "28.29");  // 94.29 in 2022
        importSurvey(2021, "27.53");  // 90.53 in 2021
    }

    void addUnit(DirectoryService& d, const std::string& c, const std::string& name,
                 const std::string& type) {
        Unit u{0, c, name, type, 2020, std::nullopt, std::nullopt, {}};
        EXPECT_TRUE(d.createUnit(kSystem, u).ok());
    }

    // The 2023 period, created by the clerk, with the xa criteria set.
    void open2023() {
        Period p2023;
        p2023.year = 2023;
        p2023.name = "Năm 2023";
        ASSERT_TRUE(DirectoryService(*store, clock).createPeriod(kClerk, p2023).ok());
        importCriteria(2023, "xa");
    }

    void importCriteria(int year, const std::string& type) {
        std::ifstream in(std::string(KC_SOURCE_DIR) + "/config/demo/criteria-2022-huyen.json");
        std::stringstream doc;
        doc << in.rdbuf();
        std::string text = doc.str();
        auto at = text.find("\"year\": 2022");
        ASSERT_NE(at, std::string::npos);
        text.replace(at, 12, "\"year\": " + std::to_string(year));
        CriteriaService criteria(*store, clock);
        auto r = criteria.importSet(kSystem, CriteriaImport{year, type, text, false});
        ASSERT_TRUE(r.ok()) << r.error().message;
    }

    std::shared_ptr<const CriteriaIndex> index(int year, const std::string& type) {
        return store
            ->read([&](Transaction& tx) -> Result<std::shared_ptr<const CriteriaIndex>> {
                return cache->get(tx, *tx.assessment().currentSetId(year, type));
            })
            .value();
    }

    static bool isSurvey(const CriteriaNode& n) { return n.assessedBy == AssessedBy::Survey; }

    // Step-1 scores adding up to total: every appraisal item at its maximum, the shortfall
    // taken from the last items first (so the leading areas stay full and tie).
    void appraise(int year, const std::string& unit, const std::string& type,
                  const std::string& total) {
        auto idx = index(year, type);
        Points max;
        for (const CriteriaNode& s : idx->subs)
            if (!isSurvey(s)) max += s.maxPoints;
        Points shortfall = max - pts(total);
        ASSERT_TRUE(store
                        ->write([&](Transaction& tx) -> Status {
                            for (auto it = idx->subs.rbegin(); it != idx->subs.rend(); ++it) {
                                if (isSurvey(*it)) continue;
                                Points cut = std::min(shortfall, it->maxPoints);
                                shortfall -= cut;
                                AssessmentItem a = AssessmentItem::blank(year, unit, it->code);
                                a.self = RoundScore{it->maxPoints, {}, {}, "", {}, "", unit, clock.now()};
                                a.step1 = RoundScore{it->maxPoints - cut, {}, {}, "", {}, "", "thamdinh", clock.now()};
                                if (!tx.assessment().save(a, 0)) return Error::conflict("save");
                            }
                            return Ok{};
                        })
                        .ok());
    }

    // Survey points for BAOYEN adding up to total: through the CSV import, with points for all
    // items but one, which is given as a satisfaction percentage.
    void importSurvey(int year, const std::string& total) {
        auto idx = index(year, "huyen");
        Points shortfall = Points::fromHundredths(3000) - pts(total);
        std::string csv = "unit_code,sub_code,pct,points\n";
        for (auto it = idx->subs.rbegin(); it != idx->subs.rend(); ++it) {
            if (!isSurvey(*it)) continue;
            Points cut = std::min(shortfall, it->maxPoints);
            shortfall -= cut;
            Points value = it->maxPoints - cut;
            if (it->code == "8.2.2")  // max 1: the percentage equals the points x 100
                csv += "BAOYEN,8.2.2," + std::to_string(value.hundredths()) + ",\n";
            else
                csv += "BAOYEN," + it->code + ",," + value.toString() + "\n";
        }
        auto r = survey.importSurveyCsv(kClerk, year, csv, false);
        ASSERT_TRUE(r.ok()) << r.error().message << " "
                            << (r.error().details.empty() ? "" : r.error().details[0].message);
    }

    static const UnitResult& unit(const ResultTable& t, const std::string& c) {
        for (const UnitResult& u : t.units)
            if (u.unitCode == c) return u;
        throw std::runtime_error("no unit " + c);
    }

    test::TempDir dir;
    ManualClock clock;
    std::unique_ptr<SqlStore> store;
    std::shared_ptr<CriteriaCache> cache;
    ResultsService results;
    SurveyService survey;
};

TEST_F(ResultsServiceTest, CommunesMatchTheReportSummary) {
    auto t = results.table(2022, "xa");
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(t->max, pts("70"));
    ASSERT_EQ(t->summary.units, 17);
    ASSERT_EQ(t->summary.grades.size(), 4u);
    EXPECT_EQ(t->summary.grades[0].grade, "Tốt");
    EXPECT_EQ(t->summary.grades[0].count, 14);
    EXPECT_EQ(t->summary.grades[0].tenthsPct, 823);  // 82.3%, not 82.4%
    EXPECT_EQ(t->summary.grades[1].count, 1);
    EXPECT_EQ(t->summary.grades[1].tenthsPct, 59);
    EXPECT_EQ(t->summary.grades[2].count, 2);
    EXPECT_EQ(t->summary.grades[2].tenthsPct, 118);
    EXPECT_EQ(t->summary.grades[3].count, 0);
    EXPECT_EQ(t->summary.averageTotal, pts("59.73"));
    EXPECT_EQ(t->summary.averageIndexPct, pts("85.33"));
    EXPECT_EQ(t->summary.best, std::vector<std::string>{"XA01"});
    EXPECT_EQ(t->summary.worst, std::vector<std::string>{"XA17"});

    EXPECT_EQ(unit(*t, "XA01").indexPct, pts("95.43"));
    EXPECT_EQ(unit(*t, "XA04").rank, 4);  // 63.20, tied with XA05
    EXPECT_EQ(unit(*t, "XA05").rank, 4);
    EXPECT_EQ(unit(*t, "XA06").rank, 6);
    EXPECT_EQ(unit(*t, "XA14").indexPct, pts("85"));  // on the boundary: Tốt
    EXPECT_EQ(unit(*t, "XA14").grade, "Tốt");
    EXPECT_EQ(unit(*t, "XA15").indexPct, pts("84.99"));  // 84.9857… rounds to 84.99: Khá
    EXPECT_EQ(unit(*t, "XA15").grade, "Khá");
    EXPECT_EQ(unit(*t, "XA17").grade, "Trung bình");
    for (const UnitResult& u : t->units) {
        EXPECT_EQ(u.areas[0].rank, 1) << u.unitCode;  // area 1 full everywhere: all tied
        Points sum;
        for (const NodeTotal& a : u.areas) sum += a.points;
        EXPECT_EQ(sum, u.total);
        EXPECT_EQ(u.survey, Points{});  // rescaled: survey items left out
        EXPECT_EQ(u.flaggedItems, 0);
    }
    // Area 7 (10 appraisal points) absorbs the first shortfall: XA04/XA05 tie there too;
    // XA12-XA17 (shortfall >= 10) have 0 and share rank 12.
    EXPECT_EQ(unit(*t, "XA04").areas[6].rank, 4);
    EXPECT_EQ(unit(*t, "XA06").areas[6].rank, 6);
    EXPECT_EQ(unit(*t, "XA11").areas[6].points, pts("0.3"));
    EXPECT_EQ(unit(*t, "XA11").areas[6].rank, 11);
    for (const char* c : {"XA12", "XA13", "XA16", "XA17"}) {
        EXPECT_EQ(unit(*t, c).areas[6].points, Points{}) << c;
        EXPECT_EQ(unit(*t, c).areas[6].rank, 12) << c;
    }
}

TEST_F(ResultsServiceTest, AgenciesAndDistrict) {
    auto ph = results.table(2022, "phong");
    ASSERT_TRUE(ph.ok());
    EXPECT_EQ(ph->summary.grades[0].count, 8);
    EXPECT_EQ(ph->summary.grades[1].count, 3);
    EXPECT_EQ(ph->summary.grades[2].count, 1);
    EXPECT_EQ(ph->summary.grades[0].tenthsPct + ph->summary.grades[1].tenthsPct +
                  ph->summary.grades[2].tenthsPct,
              1000);
    EXPECT_EQ(ph->summary.averageTotal, pts("58.5"));
    EXPECT_EQ(ph->summary.averageIndexPct, pts("83.57"));

    auto hu = results.table(2022, "huyen");
    ASSERT_TRUE(hu.ok());
    const UnitResult& d = unit(*hu, "BAOYEN");
    EXPECT_EQ(d.appraised, pts("66"));
    EXPECT_EQ(d.survey, pts("28.29"));
    EXPECT_EQ(d.total, pts("94.29"));
    EXPECT_EQ(d.max, pts("100"));
    EXPECT_EQ(d.indexPct, pts("94.29"));
    EXPECT_EQ(d.grade, "Tốt");
    EXPECT_EQ(d.rank, 1);
    ASSERT_TRUE(hu->previousYear);
    EXPECT_EQ(*hu->previousYear, 2021);
    const PreviousResult& prev = hu->previous.at("BAOYEN");
    EXPECT_EQ(prev.total, pts("90.53"));
    EXPECT_EQ(d.indexPct - prev.indexPct, pts("3.76"));
}

TEST_F(ResultsServiceTest, YearOverYearFollowsMergers) {
    auto t = results.table(2022, "xa");
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->previous.at("XA01").basis, std::vector<std::string>{"XA01"});
    EXPECT_EQ(t->previous.at("XA01").indexPct, pts("85.71"));
    const PreviousResult& merged = t->previous.at("XA17");
    EXPECT_EQ(merged.basis, (std::vector<std::string>{"XA18", "XA19"}));
    EXPECT_EQ(merged.indexPct, pts("81.5"));  // (80.00 + 83.00) / 2
    EXPECT_EQ(merged.total, pts("57.05"));
    EXPECT_EQ(t->previous.count("XA02"), 0u);  // no 2021 result
}

TEST_F(ResultsServiceTest, AMergeCountsOnlyOnceTheOldUnitHasEnded) {
    // XA01 is still assessed in 2022: naming XA02 as its successor (a merge to come) does not
    // give XA02 XA01's 2021 figures in 2022; it would once XA01 ends in 2021.
    DirectoryService d(*store, clock);
    UnitPatch merge;
    merge.mergedIntoCode = "XA02";
    ASSERT_TRUE(d.updateUnit(kSystem, "XA01", merge).ok());
    auto t = results.table(2022, "xa");
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->previous.count("XA02"), 0u);
    EXPECT_EQ(t->previous.at("XA01").basis, std::vector<std::string>{"XA01"});
}

TEST_F(ResultsServiceTest, AUnitWithNothingEnteredInTheNewYearShowsNoChangeYet) {
    open2023();
    auto t = results.table(2023, "xa");
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(t->previousYear.value_or(0), 2022);
    EXPECT_EQ(t->previous.count("XA01"), 0u);  // not "-66.80" before anything is entered
    appraise(2023, "XA01", "xa", "60.00");
    t = results.table(2023, "xa");
    ASSERT_TRUE(t.ok());
    ASSERT_EQ(t->previous.count("XA01"), 1u);
    EXPECT_EQ(t->previous.at("XA01").total, pts("66.80"));
    EXPECT_EQ(t->previous.count("XA02"), 0u);
}

TEST_F(ResultsServiceTest, ANewPeriodKeepsLastYearsResultSettings) {
    open2023();
    auto s = results.settings(2023, "xa");
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_TRUE(s->second);  // configured
    EXPECT_EQ(s->first.surveyMode, SurveyMode::Rescale);
    auto t = results.table(2023, "xa");
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->max, pts("70"));  // rescaled, not out of 100 with a survey never run
}

TEST_F(ResultsServiceTest, ExplainsEveryValue) {
    auto r = results.unitResult(kClerk, 2022, "BAOYEN");
    ASSERT_TRUE(r.ok());
    const UnitResult& u = r->second;
    int surveyItems = 0;
    for (const SubResult& s : u.subs) {
        if (s.survey) {
            ++surveyItems;
            EXPECT_EQ(s.source, ValueSource::Survey) << s.code;
        } else {
            EXPECT_EQ(s.source, ValueSource::Step1) << s.code;
            EXPECT_EQ(s.used, *s.step1);
        }
        EXPECT_FALSE(s.why.empty());
    }
    EXPECT_EQ(surveyItems, 21);
    const Actor unitActor{20, "xa01", Role::Unit, std::string("XA01")};
    EXPECT_EQ(results.unitResult(unitActor, 2022, "BAOYEN").error().code, ErrorCode::Forbidden);
    EXPECT_TRUE(results.unitResult(unitActor, 2022, "XA01").ok());
}

TEST_F(ResultsServiceTest, TieRuleAndGradesAreConfigurable) {
    ResultSettings s;
    s.surveyMode = SurveyMode::Rescale;
    s.tieRule = TieRule::Dense;
    s.grades = {{"A", pts("90"), std::nullopt}, {"B", pts("80"), pts("90")}, {"C", std::nullopt, pts("80")}};
    ASSERT_TRUE(results.putSettings(kClerk, 2022, "xa", s).ok());
    auto t = results.table(2022, "xa");
    EXPECT_EQ(unit(*t, "XA06").rank, 5);  // dense: 1, 2, 3, 4, 4, 5
    EXPECT_EQ(t->summary.grades[0].count, 5);  // >= 90: 95.43, 93.00, 91.43, 90.29 x2
    EXPECT_EQ(t->summary.grades[1].count, 10);
    EXPECT_EQ(t->summary.grades[2].count, 2);

    s.grades = {{"A", pts("80"), std::nullopt}, {"B", pts("70"), pts("85")}};  // overlap
    auto bad = results.putSettings(kClerk, 2022, "xa", s);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().details[0].path, "$.grades[1]");
}

TEST_F(ResultsServiceTest, ProvisionalValuesAreFlagged) {
    // A supplement request that was never re-scored: step 1 stands, flagged.
    ASSERT_TRUE(store
                    ->write([&](Transaction& tx) -> Status {
                        AssessmentItem a = *tx.assessment().find(2022, "XA02", "1.1.1");
                        a.request = SupplementRequest{"Kế hoạch", "Thiếu số hiệu", clock.now(), "thamdinh",
                                                      clock.now(), std::nullopt, "", std::nullopt};
                        return tx.assessment().save(a, a.version) ? Status(Ok{}) : Error::conflict("x");
                    })
                    .ok());
    auto r = results.unitResult(kClerk, 2022, "XA02");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->second.flaggedItems, 1);
    EXPECT_EQ(r->second.subs.front().source, ValueSource::Step1);
    EXPECT_TRUE(r->second.subs.front().flagged);
}

}  // namespace
}  // namespace kc
