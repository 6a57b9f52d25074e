#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Result.h"
#include "domain/Results.h"
#include "domain/Store.h"
#include "services/AuditRecorder.h"
#include "services/CriteriaIndex.h"

namespace kc {

// The results of one unit type in one period: every unit's totals, ranks and grade, the type's
// summary and, where the previous period has results, last year's figures beside them.
struct ResultTable {
    int year = 0;
    UnitType unitType;
    Id criteriaSetId = 0;
    ResultSettings settings;      // effective: grades filled in (configured, set's or default)
    bool settingsConfigured = false;
    std::vector<NodeTotal> areas; // code, name and maximum of each area (points unused)
    Points max;                   // the maximum a unit's total is taken on
    std::vector<UnitResult> units;  // ranked
    TypeSummary summary;
    std::optional<int> previousYear;
    std::map<std::string, PreviousResult> previous;  // by current unit code
    std::optional<TypeSummary> previousSummary;      // same unit type, previous period
};

// Computes results from the stored scores on every read (nothing derived is stored, so results
// are never stale and every instance agrees). Thread-safe.
class ResultsService {
public:
    ResultsService(Store& store, const Clock& clock, std::shared_ptr<CriteriaCache> cache)
        : _store(store), _audit(clock), _cache(std::move(cache)) {}

    // The table of one unit type. NotFound for an unknown period or unit type, or a type
    // without criteria set in the period. Staff only (routes check roles).
    Result<ResultTable> table(int year, const std::string& unitTypeCode);

    // The tables of every unit type with a criteria set in the period, in unit type order.
    Result<std::vector<ResultTable>> tables(int year);

    // One unit's result in its type's table (rank and grade among its peers) and how it was
    // formed (its subs: self, step 1, step 2, survey, the value used and why), with the table's
    // settings and previous figures. Units read only their own (Forbidden).
    Result<std::pair<ResultTable, UnitResult>> unitResult(const Actor& actor, int year,
                                                          const std::string& unitCode);

    // The effective settings of (year, unit type) and whether they were configured.
    Result<std::pair<ResultSettings, bool>> settings(int year, const std::string& unitTypeCode);

    // Configures (year, unit type). Grades are checked: names non-empty and distinct, ranges
    // ordered and not overlapping; an empty list means "the criteria set's, else the default".
    // Conflict when the period is finalised. Audited.
    Result<ResultSettings> putSettings(const Actor& actor, int year,
                                       const std::string& unitTypeCode, ResultSettings s);

private:
    Store& _store;
    AuditRecorder _audit;
    std::shared_ptr<CriteriaCache> _cache;
};

// The tables of every unit type with a criteria set in the period, read through tx, for callers
// already inside a transaction (official documents). NotFound for an unknown period.
Result<std::vector<ResultTable>> resultTables(Transaction& tx, CriteriaCache& cache, int year);

// For a period being created: copies to year the result settings of every unit type and the
// SIPAS factors of the latest earlier period, where year has none of its own, so that a second
// year starts with the rules of the first (a commune rescaled without a survey stays so). Each
// copy is audited in tx ("results.settings", "sipas.factors") by actor.
void carryOverResultRules(Transaction& tx, const AuditRecorder& audit, const std::string& actor,
                          int year);

// Checks grade rules (see putSettings); problems located at "$.grades[i]".
Status validateGrades(const std::vector<GradeRule>& grades);

}  // namespace kc
