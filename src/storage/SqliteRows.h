#pragma once

#include <Poco/Data/Session.h>
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

// Runs a SELECT straight through the SQLite handle under session s (same connection, same
// transaction) and calls row() for each result row. For set-based reads of thousands of rows,
// where building Poco RecordSets and Dynamic::Vars costs more than the query itself. Throws
// std::runtime_error on a database error. REQUIRES: s is a SQLite session.
void eachRow(Poco::Data::Session& s, const std::string& sql, const std::vector<Param>& params,
             const std::function<void(const RawRow&)>& row);

}  // namespace kc::sql
