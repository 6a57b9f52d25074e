#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Points.h"
#include "domain/Entities.h"

namespace kc {

enum class NodeLevel { Area = 1, Criterion = 2, SubCriterion = 3 };

// Who produces the score of a sub-criterion: the unit + reviewers, or the sociological survey
// (never self-scored; points = max x satisfaction %).
enum class AssessedBy { Appraisal, Survey };

enum class ScoringType { Levels, Bands, Proportional, Deduction, Survey };

// An ordinary sub-criterion counts toward its criterion's maximum. A bonus (điểm thưởng) or
// penalty (điểm trừ) item does not: its maxPoints is the cap of the bonus or penalty, its score a
// magnitude in [0, maxPoints] that is added to or subtracted from its criterion's points, which
// are then clamped to [0, criterion max] (see CriterionSum.h).
enum class Adjustment { None, Bonus, Penalty };

// "bonus" / "penalty"; "" for None.
std::string_view adjustmentName(Adjustment a);
// The kind for "bonus" or "penalty"; nullopt for any other text.
std::optional<Adjustment> parseAdjustment(std::string_view name);

std::string_view scoringTypeName(ScoringType t);
std::optional<ScoringType> parseScoringType(std::string_view name);

struct ScoreLevel {
    std::string label;
    Points points;
};

// [minPct, maxPctExclusive) -> points; percentages in hundredths of a percent like Points.
struct ScoreBand {
    Points minPct;
    std::optional<Points> maxPctExclusive;  // none = no upper bound
    Points points;
};

// How a sub-criterion is scored. Only the fields of its type are meaningful.
struct Scoring {
    ScoringType type = ScoringType::Levels;
    std::vector<ScoreLevel> levels;          // Levels
    std::vector<ScoreBand> bands;            // Bands
    std::optional<Points> targetPct;         // Proportional: max x min(1, actual/target)
    std::optional<Points> perViolation;      // Deduction: max - perViolation x violations, floor 0
    std::string metric;                      // Proportional/Bands: what is measured
    std::string violation;                   // Deduction: what counts as one violation
};

// A node of the criteria tree. Areas and criteria have children; sub-criteria carry the
// scoring and evidence rules. A parent's maxPoints equals the sum of its children's, leaving out
// adjustment (bonus, penalty) sub-criteria.
struct CriteriaNode {
    std::string code;  // "1", "1.1", "1.1.1"
    std::string name;
    Points maxPoints;
    NodeLevel level = NodeLevel::Area;
    std::vector<CriteriaNode> children;

    // Sub-criteria only:
    AssessedBy assessedBy = AssessedBy::Appraisal;
    Adjustment adjustment = Adjustment::None;
    Scoring scoring;
    bool selfScored = true;
    bool evidenceRequired = false;
    int minFiles = 0;
    std::vector<std::string> expectedDocuments;
    bool explanationRequiredIfNoEvidence = true;
    std::string note;

    bool isAdjustment() const { return adjustment != Adjustment::None; }
};

// Grade thresholds on index %: a unit gets the first grade whose [minPct, maxPctExclusive) holds.
struct GradeRule {
    std::string grade;
    std::optional<Points> minPct;
    std::optional<Points> maxPctExclusive;
};

// The declared scale of a set: total = appraisal + survey.
struct Scale {
    Points totalPoints;
    Points appraisalPoints;
    Points surveyPoints;
};

// One version of the criteria for one unit type in one period. Immutable once stored: a change
// is a new version.
struct CriteriaSet {
    Id id = 0;
    int year = 0;
    std::string unitTypeCode;
    int version = 0;
    std::string title;
    Scale scale;
    std::vector<CriteriaNode> areas;
    std::vector<GradeRule> grades;
    std::string sourceSha256;  // of the imported JSON document
};

// Calls f(node) for every node, depth first, parents before children.
template <typename Node, typename F>
void forEachNode(std::vector<Node>& nodes, F&& f) {
    for (auto& n : nodes) {
        f(n);
        forEachNode(n.children, f);
    }
}

}  // namespace kc
