#include <map>

#include "storage/Sql.h"
#include "storage/SqlRepositories.h"

namespace kc {

namespace {

const char* kPeriodColumns =
    "SELECT id, year, name, self_assessment_opens, self_assessment_closes, step1_closes, "
    "supplement_closes, step2_closes, finalised FROM periods ";

Period toPeriod(const sql::Row& r) {
    Period p;
    p.id = r.integer(0);
    p.year = static_cast<int>(r.integer(1));
    p.name = r.text(2);
    p.dates.selfAssessmentOpens = r.optTime(3);
    p.dates.selfAssessmentCloses = r.optTime(4);
    p.dates.step1Closes = r.optTime(5);
    p.dates.supplementCloses = r.optTime(6);
    p.dates.step2Closes = r.optTime(7);
    p.finalised = r.integer(8) != 0;
    return p;
}

std::vector<sql::Param> periodParams(const Period& p) {
    return {sql::integer(p.year),
            p.name,
            sql::time(p.dates.selfAssessmentOpens),
            sql::time(p.dates.selfAssessmentCloses),
            sql::time(p.dates.step1Closes),
            sql::time(p.dates.supplementCloses),
            sql::time(p.dates.step2Closes),
            sql::integer(p.finalised ? 1 : 0)};
}

const char* kUnitColumns =
    "SELECT u.id, u.code, u.name, t.code, u.active_from_year, u.active_to_year, m.code "
    "FROM units u JOIN unit_types t ON t.id = u.unit_type_id "
    "LEFT JOIN units m ON m.id = u.merged_into_id ";

Unit toUnit(const sql::Row& r) {
    Unit u;
    u.id = r.integer(0);
    u.code = r.text(1);
    u.name = r.text(2);
    u.unitTypeCode = r.text(3);
    u.activeFromYear = static_cast<int>(r.integer(4));
    if (auto to = r.optInteger(5)) u.activeToYear = static_cast<int>(*to);
    u.mergedIntoCode = r.optText(6);
    return u;
}

std::vector<sql::Param> unitParams(const Unit& u) {
    return {u.code, u.name, u.unitTypeCode, sql::integer(u.activeFromYear),
            u.activeToYear ? sql::Param(sql::integer(*u.activeToYear)) : sql::Param(nullptr),
            sql::text(u.mergedIntoCode)};
}

}  // namespace

std::optional<Period> SqlDirectoryRepository::findPeriod(int year) {
    auto rows = sql::query(_s, std::string(kPeriodColumns) + "WHERE year = ?", {sql::integer(year)});
    if (rows.empty()) return std::nullopt;
    return toPeriod(rows.front());
}

std::vector<Period> SqlDirectoryRepository::listPeriods() {
    std::vector<Period> out;
    for (const auto& r : sql::query(_s, std::string(kPeriodColumns) + "ORDER BY year"))
        out.push_back(toPeriod(r));
    return out;
}

Id SqlDirectoryRepository::insertPeriod(const Period& p) {
    return sql::insertReturningId(
        _s,
        "INSERT INTO periods (year, name, self_assessment_opens, self_assessment_closes, "
        "step1_closes, supplement_closes, step2_closes, finalised) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        periodParams(p));
}

void SqlDirectoryRepository::updatePeriod(const Period& p) {
    auto params = periodParams(p);
    params.push_back(sql::integer(p.id));
    sql::exec(_s,
              "UPDATE periods SET year = ?, name = ?, self_assessment_opens = ?, "
              "self_assessment_closes = ?, step1_closes = ?, supplement_closes = ?, "
              "step2_closes = ?, finalised = ? WHERE id = ?",
              params);
}

std::optional<UnitType> SqlDirectoryRepository::findUnitType(const std::string& code) {
    auto rows = sql::query(_s, "SELECT id, code, name FROM unit_types WHERE code = ?", {code});
    if (rows.empty()) return std::nullopt;
    return UnitType{rows.front().integer(0), rows.front().text(1), rows.front().text(2)};
}

std::vector<UnitType> SqlDirectoryRepository::listUnitTypes() {
    std::vector<UnitType> out;
    for (const auto& r : sql::query(_s, "SELECT id, code, name FROM unit_types ORDER BY code"))
        out.push_back(UnitType{r.integer(0), r.text(1), r.text(2)});
    return out;
}

Id SqlDirectoryRepository::insertUnitType(const UnitType& t) {
    return sql::insertReturningId(
        _s, "INSERT INTO unit_types (code, name) VALUES (?, ?) RETURNING id", {t.code, t.name});
}

std::optional<Unit> SqlDirectoryRepository::findUnit(const std::string& code) {
    auto rows = sql::query(_s, std::string(kUnitColumns) + "WHERE u.code = ?", {code});
    if (rows.empty()) return std::nullopt;
    Unit u = toUnit(rows.front());
    for (const auto& r : sql::query(_s,
                                    "SELECT from_year, name FROM unit_names WHERE unit_id = ? "
                                    "ORDER BY from_year",
                                    {sql::integer(u.id)}))
        u.names.push_back(UnitName{static_cast<int>(r.integer(0)), r.text(1)});
    return u;
}

std::vector<Unit> SqlDirectoryRepository::listUnits() {
    std::vector<Unit> out;
    std::map<Id, std::size_t> at;
    for (const auto& r : sql::query(_s, std::string(kUnitColumns) + "ORDER BY u.code")) {
        out.push_back(toUnit(r));
        at[out.back().id] = out.size() - 1;
    }
    for (const auto& r : sql::query(
             _s, "SELECT unit_id, from_year, name FROM unit_names ORDER BY unit_id, from_year"))
        if (auto it = at.find(r.integer(0)); it != at.end())
            out[it->second].names.push_back(UnitName{static_cast<int>(r.integer(1)), r.text(2)});
    return out;
}

Id SqlDirectoryRepository::insertUnit(const Unit& u) {
    Id id = sql::insertReturningId(
        _s,
        "INSERT INTO units (code, name, unit_type_id, active_from_year, active_to_year, "
        "merged_into_id) VALUES (?, ?, (SELECT id FROM unit_types WHERE code = ?), ?, ?, "
        "(SELECT id FROM units WHERE code = ?)) RETURNING id",
        unitParams(u));
    sql::exec(_s, "INSERT INTO unit_names (unit_id, from_year, name) VALUES (?, ?, ?)",
              {sql::integer(id), sql::integer(u.activeFromYear), u.name});
    return id;
}

void SqlDirectoryRepository::setUnitNames(Id unitId, const std::vector<UnitName>& names) {
    sql::exec(_s, "DELETE FROM unit_names WHERE unit_id = ?", {sql::integer(unitId)});
    for (const UnitName& n : names)
        sql::exec(_s, "INSERT INTO unit_names (unit_id, from_year, name) VALUES (?, ?, ?)",
                  {sql::integer(unitId), sql::integer(n.fromYear), n.name});
    sql::exec(_s, "UPDATE units SET name = ? WHERE id = ?",
              {names.back().name, sql::integer(unitId)});
}

void SqlDirectoryRepository::updateUnit(const Unit& u) {
    auto params = unitParams(u);
    params.push_back(sql::integer(u.id));
    sql::exec(_s,
              "UPDATE units SET code = ?, name = ?, unit_type_id = (SELECT id FROM unit_types "
              "WHERE code = ?), active_from_year = ?, active_to_year = ?, merged_into_id = "
              "(SELECT id FROM units WHERE code = ?) WHERE id = ?",
              params);
}

std::vector<Assignment> SqlDirectoryRepository::listAssignments(int year) {
    std::vector<Assignment> out;
    auto rows = sql::query(_s,
                           "SELECT p.year, u.username, a.area_code FROM assignments a "
                           "JOIN periods p ON p.id = a.period_id JOIN users u ON u.id = a.user_id "
                           "WHERE p.year = ? ORDER BY u.username, a.area_code",
                           {sql::integer(year)});
    for (const auto& r : rows)
        out.push_back(Assignment{static_cast<int>(r.integer(0)), r.text(1), r.text(2)});
    return out;
}

void SqlDirectoryRepository::insertAssignment(const Assignment& a) {
    sql::exec(_s,
              "INSERT INTO assignments (period_id, user_id, area_code) VALUES ((SELECT id FROM "
              "periods WHERE year = ?), (SELECT id FROM users WHERE username = ?), ?)",
              {sql::integer(a.year), a.username, a.areaCode});
}

void SqlDirectoryRepository::removeAssignment(const Assignment& a) {
    sql::exec(_s,
              "DELETE FROM assignments WHERE period_id = (SELECT id FROM periods WHERE year = ?) "
              "AND user_id = (SELECT id FROM users WHERE username = ?) AND area_code = ?",
              {sql::integer(a.year), a.username, a.areaCode});
}

}  // namespace kc
