#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Points.h"
#include "report/AppraisalSheet.h"

namespace kc::report {

// The results a decision or report prints, per unit type. Shaped after domain/Results.h on
// main (UnitResult, TypeSummary); until the results service lands, buildInterimResults fills
// it from the appraisal sheets (see docs/documents.md, "Results").
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
    std::vector<std::string> best;  // names of the rank-1 units
};

struct SipasLine {
    std::string factor;
    Points pct;
};

struct YearResults {
    int year = 0;
    std::vector<TypeResults> types;
    std::vector<SipasLine> sipas;  // empty: no survey imported
    std::vector<std::string> notSelfAssessed;  // units without a single self-score
};

// Interim results from appraisal sheets of one unit type: the used value of an item is its
// step-2 score, else step 1, else the self-score; totals and per-area points are their sums;
// index % = total / max; ranks descending with shared ranks (1, 1, 3); grades by the rules
// (Tốt >= 85, Khá >= 70, Trung bình >= 50, else Yếu when rules are empty).
TypeResults buildInterimResults(const std::string& typeCode, const std::string& typeName,
                                const std::vector<AppraisalSheet>& sheets,
                                const std::vector<GradeRule>& rules);

}  // namespace kc::report
