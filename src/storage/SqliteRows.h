#pragma once

#include <Poco/Dynamic/Var.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Clock.h"
#include "storage/Sql.h"

struct sqlite3_stmt;

namespace kc::sql {

// One row of a raw SQLite statement, valid only inside the eachRow callback.
class RawRow {
public:
    explicit RawRow(sqlite3_stmt* st) : _st(st) {}
    bool isNull(int i) const;
    std::int64_t integer(int i) const;  // 0 for NULL
    std::optional<std::int64_t> optInteger(int i) const;
    std::string text(int i) const;  // "" for NULL
    // The text of column i without a copy ("" for NULL); valid until the next row.
    std::string_view view(int i) const;
    std::optional<std::string> optText(int i) const;
    std::optional<TimePoint> optTime(int i) const;
    TimePoint time(int i) const;  // throws on NULL or a malformed time
    int columns() const;
    // Column i as a Var: empty for NULL, Int64, double, or std::string for text and blobs.
    Poco::Dynamic::Var value(int i) const;

private:
    sqlite3_stmt* _st;
};

// Runs a statement straight through the SQLite handle of c (its cached prepared statement, same
// transaction) and calls row() for each result row; returns the number of rows. For set-based
// reads of thousands of rows, where building Poco RecordSets and Dynamic::Vars costs more than
// the query itself, and for the small lookups of every request. Throws std::system_error
// (ENOSPC) when a write finds the disk full, (EBUSY) when the database stays locked by another
// connection past the busy timeout, std::runtime_error on any other
// database error while binding or stepping, Poco::Data::DataException if sql does not prepare
// (row() may throw too; the statement is reset either way).
// REQUIRES: c.sqlite() != nullptr.
std::size_t eachRow(Connection& c, const std::string& sql, const std::vector<Param>& params,
                    const std::function<void(const RawRow&)>& row);

// Runs a statement as eachRow does, ignoring its rows. Returns the number of rows it changed
// if it may write (INSERT, UPDATE, DELETE; as sqlite3_changes), otherwise the number of rows
// it yielded. Throws as eachRow. REQUIRES: c.sqlite() != nullptr.
std::size_t execute(Connection& c, const std::string& sql, const std::vector<Param>& params);

}  // namespace kc::sql
