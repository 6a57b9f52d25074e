#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Points.h"
#include "domain/Entities.h"
#include "domain/Results.h"
#include "report/AppraisalSheet.h"

namespace kc::report {

// The results a decision or report prints, per unit type, as computed by the results service
// (domain/Results.h) and mapped by typeResults.
struct AreaColumn {
    std::string code;
    std::string name;
    Points max;
};

struct ResultRow {
    std::string unitCode;
    std::string unitName;
    std::optional<Points> self, step1, step2;
    Points survey;
    Points total;
    Points max;
    Points indexPct;
    int rank = 0;
    std::string grade;
    std::vector<Points> areas;  // aligned with TypeResults::areas
    int evidenceFiles = 0;      // standing evidence cited for the unit
    // Appraisal items scored in neither step: step2 (and total) count their self-score, or 0
    // (results.md, "The value of one sub-criterion"), which a document must not print as an
    // appraisal.
    int notAppraised = 0;
};

struct GradeShare {
    std::string grade;
    int count = 0;
    int tenthsPct = 0;  // one decimal, the shares adding up to exactly 100.0
};

struct TypeResults {
    std::string typeCode;
    std::string typeName;
    std::vector<AreaColumn> areas;
    std::vector<ResultRow> rows;  // by rank, then code
    std::vector<GradeShare> grades;
    Points averageTotal;
    Points averageIndexPct;
    Points averageMax;                 // the scale units of the type are scored on
    std::vector<Points> areaAverages;  // aligned with areas
    std::vector<std::string> best;     // names of the rank-1 units

    // The same unit type's figures in the previous period, when it has results.
    struct Previous {
        int year = 0;
        Points averageTotal;
        Points averageIndexPct;
        Points averageMax;
    };
    std::optional<Previous> previous;
};

struct SipasLine {
    std::string factor;
    Points pct;
};

struct YearResults {
    int year = 0;
    PhaseDates dates;  // the period's deadlines, for the report's section II
    std::vector<TypeResults> types;
    std::vector<SipasLine> sipas;  // empty: no survey imported
    std::vector<std::string> notSelfAssessed;  // units without a single self-score
};

// The printed results of one unit type from the computed ones (domain/Results.h): units ranked
// by rankAndGrade and summarised by summarize, with their appraisal sheets in the same order
// (for the self total and the evidence count of each row). The "step 2" column is the final
// appraised points (step 2 where re-scored, else step 1; for items scored in neither step, the
// provisional self-score or 0, counted in notAppraised).
TypeResults typeResults(const std::string& typeCode, const std::string& typeName,
                        const std::vector<AreaColumn>& areas, const std::vector<UnitResult>& units,
                        const TypeSummary& summary, const std::vector<AppraisalSheet>& sheets);

// The criteria tree and the scores an appraisal sheet was built from.
std::vector<CriteriaNode> criteriaTreeOf(const AppraisalSheet& sheet);
UnitScores unitScoresOf(const AppraisalSheet& sheet);

// Results computed from appraisal sheets alone (one criteria tree: the first sheet's), with the
// default settings (survey import, ties 1, 1, 3, default grades), through the same domain rules
// as the results service; for tests and benchmarks that have sheets but no database.
TypeResults resultsFromSheets(const std::string& typeCode, const std::string& typeName,
                              const std::vector<AppraisalSheet>& sheets);

}  // namespace kc::report
