#include "storage/Sql.h"
#include "storage/SqlRepositories.h"

namespace kc {

namespace {

const char* kPeriod = "(SELECT id FROM periods WHERE year = ?)";
const char* kUnit = "(SELECT id FROM units WHERE code = ?)";
const char* kUnitType = "(SELECT id FROM unit_types WHERE code = ?)";

sql::Param optPoints(const std::optional<Points>& p) {
    return p ? sql::Param(p->hundredths()) : sql::Param(nullptr);
}

std::optional<Points> toPoints(const sql::Row& r, std::size_t i) {
    if (auto v = r.optInteger(i))
        return Points::fromHundredths(*v);
    return std::nullopt;
}

}  // namespace

std::vector<SurveyScore> SqlResultsRepository::surveyScores(int year) {
    std::vector<SurveyScore> out;
    for (const sql::Row& r :
         sql::query(_s,
                    std::string("SELECT u.code, s.sub_code, s.points, s.pct, s.source FROM "
                                "survey_scores s JOIN units u ON u.id = s.unit_id WHERE "
                                "s.period_id = ") +
                        kPeriod + " ORDER BY u.code, s.sub_code",
                    {sql::integer(year)}))
        out.push_back({r.text(0), r.text(1),
                       {Points::fromHundredths(r.integer(2)), toPoints(r, 3), r.text(4)}});
    return out;
}

void SqlResultsRepository::putSurveyScores(int year, const std::vector<SurveyScore>& rows,
                                           TimePoint at, const std::string& by) {
    for (const SurveyScore& s : rows)
        sql::exec(_s,
                  std::string("INSERT INTO survey_scores (period_id, unit_id, sub_code, points, "
                              "pct, source, imported_at, imported_by) VALUES (") +
                      kPeriod + ", " + kUnit +
                      ", ?, ?, ?, ?, ?, ?) ON CONFLICT (period_id, unit_id, sub_code) DO UPDATE "
                      "SET points = excluded.points, pct = excluded.pct, source = "
                      "excluded.source, imported_at = excluded.imported_at, imported_by = "
                      "excluded.imported_by",
                  {sql::integer(year), s.unitCode, s.subCode, s.value.points.hundredths(),
                   optPoints(s.value.pct), s.value.source, formatIso(at), by});
}

std::optional<ResultSettings> SqlResultsRepository::settings(int year,
                                                             const std::string& unitTypeCode) {
    auto rows = sql::query(_s,
                           std::string("SELECT tie_rule, survey_mode FROM result_settings WHERE "
                                       "period_id = ") +
                               kPeriod + " AND unit_type_id = " + kUnitType,
                           {sql::integer(year), unitTypeCode});
    if (rows.empty())
        return std::nullopt;
    ResultSettings s;
    s.tieRule = parseTieRule(rows[0].text(0)).value_or(TieRule::Competition);
    s.surveyMode = parseSurveyMode(rows[0].text(1)).value_or(SurveyMode::Import);
    for (const sql::Row& r :
         sql::query(_s,
                    std::string("SELECT grade, min_pct, max_pct FROM result_grades WHERE "
                                "period_id = ") +
                        kPeriod + " AND unit_type_id = " + kUnitType + " ORDER BY position",
                    {sql::integer(year), unitTypeCode}))
        s.grades.push_back({r.text(0), toPoints(r, 1), toPoints(r, 2)});
    return s;
}

void SqlResultsRepository::putSettings(int year, const std::string& unitTypeCode,
                                       const ResultSettings& s) {
    std::vector<sql::Param> key{sql::integer(year), unitTypeCode};
    std::string where = std::string(" WHERE period_id = ") + kPeriod + " AND unit_type_id = " +
                        kUnitType;
    sql::exec(_s, "DELETE FROM result_grades" + where, key);
    sql::exec(_s, "DELETE FROM result_settings" + where, key);
    sql::exec(_s,
              std::string("INSERT INTO result_settings (period_id, unit_type_id, tie_rule, "
                          "survey_mode) VALUES (") +
                  kPeriod + ", " + kUnitType + ", ?, ?)",
              {sql::integer(year), unitTypeCode, std::string(tieRuleName(s.tieRule)),
               std::string(surveyModeName(s.surveyMode))});
    for (std::size_t i = 0; i < s.grades.size(); ++i)
        sql::exec(_s,
                  std::string("INSERT INTO result_grades (period_id, unit_type_id, position, "
                              "grade, min_pct, max_pct) VALUES (") +
                      kPeriod + ", " + kUnitType + ", ?, ?, ?, ?)",
                  {sql::integer(year), unitTypeCode, sql::integer(static_cast<std::int64_t>(i)),
                   s.grades[i].grade, optPoints(s.grades[i].minPct),
                   optPoints(s.grades[i].maxPctExclusive)});
}

std::vector<SipasFactor> SqlResultsRepository::sipasFactors(int year) {
    std::vector<SipasFactor> out;
    for (const sql::Row& r :
         sql::query(_s,
                    std::string("SELECT factor_code, factor_name, question_code FROM "
                                "sipas_questions WHERE period_id = ") +
                        kPeriod + " ORDER BY factor_position, question_position",
                    {sql::integer(year)})) {
        if (out.empty() || out.back().code != r.text(0))
            out.push_back({r.text(0), r.text(1), {}});
        out.back().questions.push_back(r.text(2));
    }
    return out;
}

void SqlResultsRepository::putSipasFactors(int year, const std::vector<SipasFactor>& factors) {
    sql::exec(_s, std::string("DELETE FROM sipas_questions WHERE period_id = ") + kPeriod,
              {sql::integer(year)});
    for (std::size_t f = 0; f < factors.size(); ++f)
        for (std::size_t q = 0; q < factors[f].questions.size(); ++q)
            sql::exec(_s,
                      std::string("INSERT INTO sipas_questions (period_id, factor_position, "
                                  "factor_code, factor_name, question_position, question_code) "
                                  "VALUES (") +
                          kPeriod + ", ?, ?, ?, ?, ?)",
                      {sql::integer(year), sql::integer(static_cast<std::int64_t>(f)),
                       factors[f].code, factors[f].name,
                       sql::integer(static_cast<std::int64_t>(q)), factors[f].questions[q]});
}

std::vector<SipasCount> SqlResultsRepository::sipasCounts(int year) {
    std::vector<SipasCount> out;
    for (const sql::Row& r :
         sql::query(_s,
                    std::string("SELECT u.code, c.factor_code, c.valid, c.satisfied FROM "
                                "sipas_counts c JOIN units u ON u.id = c.unit_id WHERE "
                                "c.period_id = ") +
                        kPeriod + " ORDER BY u.code, c.factor_code",
                    {sql::integer(year)}))
        out.push_back({r.text(0), r.text(1), static_cast<int>(r.integer(2)),
                       static_cast<int>(r.integer(3))});
    return out;
}

void SqlResultsRepository::replaceSipasCounts(int year, const std::vector<SipasCount>& counts) {
    sql::exec(_s, std::string("DELETE FROM sipas_counts WHERE period_id = ") + kPeriod,
              {sql::integer(year)});
    for (const SipasCount& c : counts)
        sql::exec(_s,
                  std::string("INSERT INTO sipas_counts (period_id, unit_id, factor_code, valid, "
                              "satisfied) VALUES (") +
                      kPeriod + ", " + kUnit + ", ?, ?, ?)",
                  {sql::integer(year), c.unitCode, c.factorCode, sql::integer(c.valid),
                   sql::integer(c.satisfied)});
}

}  // namespace kc
