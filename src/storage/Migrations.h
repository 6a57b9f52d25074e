#pragma once

#include <string>
#include <vector>

namespace kc {

// A forward-only schema change. Statements are separated by ";" at line ends and written in the
// SQL subset that SQLite and PostgreSQL share (TEXT, INTEGER/BIGINT, ISO-8601 text for times).
struct Migration {
    int version;
    std::string name;
    std::string sql;
};

// All migrations in version order. Never edit a released one; append a new one.
const std::vector<Migration>& migrations();

}  // namespace kc
