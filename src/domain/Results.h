#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Points.h"
#include "domain/Criteria.h"
#include "domain/Ranking.h"

namespace kc {

// How survey items count for a unit type (configured per period and unit type):
//  Import  - survey items score the imported points (max x satisfaction %); total out of the
//            full scale (e.g. 100);
//  Rescale - no survey: survey items are left out, total = appraised points and the index is
//            taken on the appraisal maximum (e.g. out of 70), i.e. rescaled to 100.
enum class SurveyMode { Import, Rescale };

std::string_view surveyModeName(SurveyMode m);  // "import" / "rescale"
std::optional<SurveyMode> parseSurveyMode(std::string_view name);

// The result rules of one unit type in one period.
struct ResultSettings {
    TieRule tieRule = TieRule::Competition;
    SurveyMode surveyMode = SurveyMode::Import;
    std::vector<GradeRule> grades;  // empty: the criteria set's, else defaultGrades()
};

// Tốt >= 85, Khá 70-85, Trung bình 50-70, Yếu < 50 (index %).
std::vector<GradeRule> defaultGrades();

// "competition" / "dense".
std::string_view tieRuleName(TieRule r);
std::optional<TieRule> parseTieRule(std::string_view name);

// Survey points of one unit and survey item, as imported: the points and, when the import
// gave a satisfaction percentage, that percentage (points = max x pct / 100).
struct SurveyValue {
    Points points;
    std::optional<Points> pct;
    std::string source;  // "csv", "sipas"
};

// Which value of an item counts toward the total.
enum class ValueSource { Step2, Step1, Self, Survey, None, Excluded };

std::string_view valueSourceName(ValueSource s);  // "step2", "step1", "self", "survey", ...

// One sub-criterion of a unit's result: every round's value, the one used and why.
struct SubResult {
    std::string code;
    std::string name;
    Points max;
    bool survey = false;
    Adjustment adjustment = Adjustment::None;  // bonus/penalty: values are magnitudes
    std::optional<Points> self, step1, step2;
    std::optional<SurveyValue> surveyValue;
    Points used;
    ValueSource source = ValueSource::None;
    bool flagged = false;  // the value is provisional (a later round is missing)
    std::string why;       // Vietnamese: the rule that picked the value
};

// A subtotal of an area or criterion; rank only for areas (within the unit type).
struct NodeTotal {
    std::string code;
    std::string name;
    Points points;
    Points max;
    int rank = 0;
    bool capped = false;  // criteria only: bonuses or penalties were clamped to [0, max]
};

// Everything the results tables say about one unit.
struct UnitResult {
    std::string unitCode;
    std::string unitName;
    Points selfTotal, step1Total, step2Total;  // the values entered in each round, summed by
                                               // the criterion rule (CriterionSum)
    Points appraised;                          // used values of appraisal items
    Points survey;                             // used values of survey items
    Points total;                              // appraised + survey
    Points max;                                // the maximum total is taken on
    Points indexPct;                           // total / max x 100, hundredths of a percent
    std::string grade;
    int rank = 0;
    int flaggedItems = 0;
    std::vector<NodeTotal> areas;
    std::vector<NodeTotal> criteria;
    std::vector<SubResult> subs;
};

// The scores of one written item, as results need them.
struct ItemScores {
    std::optional<Points> self, step1, step2;
    bool requested = false;  // a supplement request was made in step 1
};

// What one unit brings to the computation: its written items and its imported survey values,
// both by sub-criterion code.
struct UnitScores {
    std::string unitCode;
    std::string unitName;
    std::map<std::string, ItemScores> items;
    std::map<std::string, SurveyValue> survey;
};

// Totals of one unit over the criteria tree. Appraisal items use the step-2 score, else the
// step-1 score (flagged when a supplement was requested and not re-scored), else the
// self-score (flagged: not appraised), else 0 (flagged, except a bonus or penalty item: nothing
// entered there is simply none). Survey items use the imported value (0, flagged, when none) or
// are left out in Rescale mode. A criterion's points are its items' values summed by
// CriterionSum (bonuses add, penalties subtract, clamped to [0, criterion max], capped set when
// the clamp changed them); its max is the sum of its ordinary counted items' maxima. Areas and
// the total are exact sums of criteria; appraised = total - survey. The per-round totals apply
// the same criterion rule to the values entered in that round, clamped to the criterion's
// declared maximum. The index is 0 when the maximum
// is 0.
UnitResult computeUnitResult(const std::vector<CriteriaNode>& areas, const UnitScores& scores,
                             SurveyMode mode);

// Ranks the units overall by total (one unit type shares one maximum, so this is the index
// order, without its rounding) and per area by points, and grades them by index %. Units are
// reordered by rank, then code.
void rankAndGrade(std::vector<UnitResult>& units, TieRule tie,
                  const std::vector<GradeRule>& grades);

struct GradeCount {
    std::string grade;
    int count = 0;
    int tenthsPct = 0;  // share of units, one decimal, adding up to exactly 100.0
};

// The summary line of a unit type: counts per grade, averages, best and worst units.
struct TypeSummary {
    int units = 0;
    Points averageTotal;  // rounded half away from zero to hundredths
    Points averageIndexPct;
    Points averageMax;
    std::vector<GradeCount> grades;  // in the order of the grade rules
    std::vector<std::string> best;   // codes of the rank-1 units
    std::vector<std::string> worst;  // codes of the last-ranked units
    std::vector<Points> areaAverages;  // per area, aligned with units[0].areas
};

// REQUIRES: units ranked and graded by rankAndGrade with the same grade rules.
TypeSummary summarize(const std::vector<UnitResult>& units, const std::vector<GradeRule>& grades);

// A unit's result of the previous period, for comparison. For a unit formed by a merger the
// previous figures are the averages of its predecessors'.
struct PreviousResult {
    std::vector<std::string> basis;  // the previous unit codes compared with
    Points total;
    Points indexPct;
    std::map<std::string, Points> areas;  // by area code
    std::map<std::string, Points> areaMax;  // by area code: its maximum then (the first basis's)
};

// How one area changed since the previous year. Points are compared only on the same scale (an
// area whose maximum went from 18 to 17 has no points change); the change of the area's
// percentage of its maximum is given whenever both maxima are positive.
struct AreaChange {
    std::optional<Points> points;
    std::optional<Points> pct;
};
AreaChange areaChange(const NodeTotal& now, Points previous, Points previousMax);

// Combines the previous results of codes (the unit itself or its predecessors): one is taken
// as is, several are averaged (half away from zero). Empty codes or results: nullopt.
std::optional<PreviousResult> combinePrevious(const std::vector<const UnitResult*>& previous);

}  // namespace kc
