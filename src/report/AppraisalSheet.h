#pragma once

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

// One line of the score table: an area or criterion (scores are sums of its sub-criteria that
// have a score in that round; absent when none has) or a sub-criterion with its evidence.
struct ScoreRow {
    RowLevel level = RowLevel::SubCriterion;
    std::string code;
    std::string name;
    Points maxPoints;
    bool survey = false;  // a survey item: never self-scored, no evidence
    std::optional<Points> self{}, step1{}, step2{};
    std::vector<EvidenceCitation> evidence{};  // sub-criteria only; standing evidence in id order
};

// Everything the appraisal sheet of one unit says, computed from domain data.
struct AppraisalSheet {
    int year = 0;
    std::string unitCode;
    std::string unitName;
    std::string unitTypeName;
    Id criteriaSetId = 0;
    std::vector<ScoreRow> rows;  // tree order: area, its criteria, each with its sub-criteria
    Points maxTotal;  // of the appraised sub-criteria: the totals below leave survey items out
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
