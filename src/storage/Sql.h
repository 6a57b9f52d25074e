#pragma once

#include <Poco/Dynamic/Var.h>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/Clock.h"
#include "storage/SqlConnection.h"

namespace kc::sql {

// A bound parameter: NULL, an integer or text. Times are bound as ISO-8601 text.
using Param = std::variant<std::nullptr_t, std::int64_t, std::string>;

Param text(const std::optional<std::string>& s);
Param time(const std::optional<TimePoint>& t);
inline Param integer(std::int64_t v) { return v; }

// One result row; NULL columns are empty Vars.
class Row {
public:
    explicit Row(std::vector<Poco::Dynamic::Var> cols) : _cols(std::move(cols)) {}
    bool isNull(std::size_t i) const { return _cols.at(i).isEmpty(); }
    std::int64_t integer(std::size_t i) const;
    std::string text(std::size_t i) const;  // "" for NULL
    std::optional<std::string> optText(std::size_t i) const;
    std::optional<std::int64_t> optInteger(std::size_t i) const;
    std::optional<TimePoint> optTime(std::size_t i) const;
    TimePoint time(std::size_t i) const;

private:
    std::vector<Poco::Dynamic::Var> _cols;
};

// Runs a statement with '?' placeholders; returns the rows it yields (none for DML).
// Throws Poco::Data exceptions on database failure (translated by SqlStore::transact), and
// std::system_error when a write finds the disk full (as eachRow).
std::vector<Row> query(Connection& c, const std::string& sql,
                       const std::vector<Param>& params = {});

// Runs a statement; returns the number of rows affected (for a statement that writes nothing,
// such as a SELECT or PRAGMA on SQLite: the number of rows it yielded).
std::size_t exec(Connection& c, const std::string& sql,
                 const std::vector<Param>& params = {});

// Runs an INSERT ... RETURNING id and returns the id.
std::int64_t insertReturningId(Connection& c, const std::string& sql,
                               const std::vector<Param>& params);

}  // namespace kc::sql
