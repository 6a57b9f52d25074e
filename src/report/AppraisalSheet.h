#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/Assessment.h"
#include "domain/Criteria.h"
#include "domain/Evidence.h"

namespace kc::report {

// One evidence file as a document cites it.
struct EvidenceCitation {
    Id id = 0;
    std::string fileName;
    EvidenceRound round = EvidenceRound::Self;
    std::string sha256;
    std::uint64_t size = 0;
    std::string url;  // <publicUrl>/api/v1/evidence/<id>

    // "MC123": what the document prints and a reader quotes.
    std::string shortId() const { return "MC" + std::to_string(id); }
    // The line printed in a table cell: "MC123 · Kế hoạch.pdf · bổ sung · 3f5a09c2e1d4".
    std::string line() const;
};

enum class RowLevel { Area, Criterion, SubCriterion };

// One line of the score table: an area or criterion or a sub-criterion with its evidence. A
// criterion's score in a round is its sub-criteria's scores of that round summed by the
// criterion rule (CriterionSum: bonuses add, penalties subtract, clamped to [0, its maximum]);
// an area's is the sum of its criteria's. Absent when no sub-criterion has a score that round.
struct ScoreRow {
    RowLevel level = RowLevel::SubCriterion;
    std::string code;
    std::string name;
    Points maxPoints;
    bool survey = false;  // a survey item: never self-scored, no evidence
    Adjustment adjustment = Adjustment::None;  // bonus/penalty: maxPoints is the cap, scores
                                               // are magnitudes
    std::optional<Points> self{}, step1{}, step2{};
    std::vector<EvidenceCitation> evidence{};  // sub-criteria only; standing evidence in id order
    // Criteria only: self, step 1, step 2 scores that bonuses or penalties took past the
    // maximum or below 0, so the criterion rule clamped them (its items do not add up to it).
    std::array<bool, 3> capped{};
};

// Everything the appraisal sheet of one unit says, computed from domain data.
struct AppraisalSheet {
    int year = 0;
    std::string unitCode;
    std::string unitName;
    std::string unitTypeName;
    Id criteriaSetId = 0;
    std::vector<ScoreRow> rows;  // tree order: area, its criteria, each with its sub-criteria
    Points maxTotal;  // of the ordinary appraised sub-criteria: the totals leave survey items out
    std::optional<Points> selfTotal, step1Total, step2Total;
};

// Builds the sheet of unit from its criteria tree, its assessment items (any order; missing
// items count as unscored) and its evidence items (withdrawn ones are left out; items of codes
// not in the tree are ignored). evidenceBaseUrl is "<publicUrl>/api/v1/evidence/".
AppraisalSheet buildAppraisalSheet(int year, const Unit& unit, const std::string& unitTypeName,
                                   const CriteriaSet& criteria,
                                   const std::vector<AssessmentItem>& items,
                                   const std::vector<EvidenceItem>& evidence,
                                   const std::string& evidenceBaseUrl);

}  // namespace kc::report
