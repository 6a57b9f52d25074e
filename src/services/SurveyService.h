#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.h"
#include "domain/Sipas.h"
#include "domain/Store.h"
#include "services/AuditRecorder.h"
#include "services/CriteriaIndex.h"

namespace kc {

// What an import did (or, on a dry run, would do): one line per accepted row.
struct SurveyImportReport {
    bool dryRun = false;
    std::vector<SurveyScore> rows;  // survey points (and %) per unit and sub-criterion
    std::vector<int> lines;         // the CSV line of each row
};

struct SipasImportReport {
    bool dryRun = false;
    int records = 0;  // CSV rows read (answers or aggregate lines)
    std::vector<SipasCount> counts;
};

// The SIPAS results of a period: the factor set, per unit and for everyone.
struct SipasView {
    int year = 0;
    std::vector<SipasFactor> factors;
    std::vector<SipasResult> units;  // by unit code
    std::optional<SipasResult> overall;
};

// Survey points (sociological survey) and SIPAS (satisfaction with public services): imports
// by the clerk, all-or-nothing with a per-row report; every change audited. Thread-safe.
class SurveyService {
public:
    SurveyService(Store& store, const Clock& clock, std::shared_ptr<CriteriaCache> cache)
        : _store(store), _clock(clock), _audit(clock), _cache(std::move(cache)) {}

    // Imports survey results from CSV with columns unit_code, sub_code and pct (satisfaction %,
    // 0..100; points = max x pct / 100) or points (0..max). Every row is checked (unknown unit
    // or sub-criterion, not a survey item, duplicates, out-of-range values, bad numbers; decimal
    // commas accepted); one bad row stores nothing (InvalidInput, a detail per bad row, "row N").
    // A row replaces the value stored for its unit and sub-criterion. Conflict when the period
    // is finalised.
    Result<SurveyImportReport> importSurveyCsv(const Actor& actor, int year, std::string_view csv,
                                               bool dryRun);
    Result<std::vector<SurveyScore>> surveyScores(int year);

    // Sets the period's SIPAS factor set (validateSipasFactors). Conflict when finalised.
    Result<std::vector<SipasFactor>> putFactors(const Actor& actor, int year,
                                                std::vector<SipasFactor> factors);

    // Raw questionnaire answers: CSV respondent, unit_code, question, answer (1..5 or blank).
    // Aggregates: CSV unit_code, factor, valid, satisfied. Either replaces all the period's
    // SIPAS data. InvalidInput (per row) for unknown units, questions or factors, answers
    // outside 1..5, satisfied > valid, duplicates; or when no factor set is configured.
    Result<SipasImportReport> importAnswers(const Actor& actor, int year, std::string_view csv,
                                            bool dryRun);
    Result<SipasImportReport> importAggregates(const Actor& actor, int year,
                                               std::string_view csv, bool dryRun);

    Result<SipasView> sipas(int year);

    // Converts each unit's overall SIPAS % into survey points of subCode for the units of
    // unitType that have SIPAS answers (source "sipas"). InvalidInput when subCode is not a
    // survey item of the type's criteria set or no unit has answers.
    Result<SurveyImportReport> applySipas(const Actor& actor, int year, const std::string& unitType,
                                          const std::string& subCode);

private:
    Result<SipasImportReport> storeCounts(const Actor& actor, int year, SipasImportReport report,
                                          const std::string& source, const std::string& sha);

    Store& _store;
    const Clock& _clock;
    AuditRecorder _audit;
    std::shared_ptr<CriteriaCache> _cache;
};

}  // namespace kc
