#include "storage/SqliteRows.h"

#include <sqlite3.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace kc::sql {

bool RawRow::isNull(int i) const {
    return sqlite3_column_type(_st, i) == SQLITE_NULL;
}

std::int64_t RawRow::integer(int i) const {
    return sqlite3_column_int64(_st, i);
}

std::optional<std::int64_t> RawRow::optInteger(int i) const {
    if (isNull(i))
        return std::nullopt;
    return sqlite3_column_int64(_st, i);
}

std::string RawRow::text(int i) const {
    const auto* p = sqlite3_column_text(_st, i);
    if (!p)
        return {};
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<std::size_t>(sqlite3_column_bytes(_st, i)));
}

std::string_view RawRow::view(int i) const {
    const auto* p = sqlite3_column_text(_st, i);
    if (!p)
        return {};
    return {reinterpret_cast<const char*>(p),
            static_cast<std::size_t>(sqlite3_column_bytes(_st, i))};
}

std::optional<std::string> RawRow::optText(int i) const {
    if (isNull(i))
        return std::nullopt;
    return text(i);
}

std::optional<TimePoint> RawRow::optTime(int i) const {
    if (isNull(i))
        return std::nullopt;
    return parseIso(text(i));
}

TimePoint RawRow::time(int i) const {
    auto t = optTime(i);
    if (!t)
        throw std::runtime_error("database holds a malformed time: " + text(i));
    return *t;
}

int RawRow::columns() const {
    return sqlite3_column_count(_st);
}

Poco::Dynamic::Var RawRow::value(int i) const {
    switch (sqlite3_column_type(_st, i)) {
        case SQLITE_NULL:
            return {};
        case SQLITE_INTEGER:
            return static_cast<Poco::Int64>(sqlite3_column_int64(_st, i));
        case SQLITE_FLOAT:
            return sqlite3_column_double(_st, i);
        default:
            return text(i);
    }
}

namespace {

// Binds params, steps through the rows and returns their number; *writes tells whether the
// statement may change the database (so that its count of changed rows means something).
std::size_t stepAll(Connection& c, const std::string& sql, const std::vector<Param>& params,
                    const std::function<void(const RawRow&)>& row, bool* writes) {
    sqlite3* db = c.sqlite();
    auto fail = [&](const char* what) {
        std::string message = std::string("database: ") + what + ": " + sqlite3_errmsg(db);
        // SQLite says SQLITE_FULL when a write fails with ENOSPC (or the database may not grow).
        const int primary = sqlite3_errcode(db) & 0xff;  // extended codes or not
        if (primary == SQLITE_FULL)
            throw std::system_error(ENOSPC, std::generic_category(), message);
        // Another connection held the write lock past the busy timeout: a busy server, not a
        // broken one (HTTP 503).
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
            throw std::system_error(EBUSY, std::generic_category(), message);
        throw std::runtime_error(message);
    };
    Connection::Statement st = c.prepare(sql);
    sqlite3_stmt* raw = st.get();
    for (std::size_t i = 0; i < params.size(); ++i) {
        int index = static_cast<int>(i) + 1;
        int rc;
        if (std::holds_alternative<std::nullptr_t>(params[i]))
            rc = sqlite3_bind_null(raw, index);
        else if (const auto* v = std::get_if<std::int64_t>(&params[i]))
            rc = sqlite3_bind_int64(raw, index, *v);
        else {
            // The params outlive the statement's use (reset and unbound on release): no copy.
            const std::string& t = std::get<std::string>(params[i]);
            rc = sqlite3_bind_text(raw, index, t.data(), static_cast<int>(t.size()),
                                   SQLITE_STATIC);
        }
        if (rc != SQLITE_OK)
            fail("bind");
    }
    RawRow r(raw);
    std::size_t rows = 0;
    int rc;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
        ++rows;
        row(r);
    }
    if (rc != SQLITE_DONE)
        fail("step");
    if (writes)
        *writes = sqlite3_stmt_readonly(raw) == 0;
    return rows;
}

}  // namespace

std::size_t eachRow(Connection& c, const std::string& sql, const std::vector<Param>& params,
                    const std::function<void(const RawRow&)>& row) {
    return stepAll(c, sql, params, row, nullptr);
}

std::size_t execute(Connection& c, const std::string& sql, const std::vector<Param>& params) {
    bool writes = false;
    std::size_t rows = stepAll(c, sql, params, [](const RawRow&) {}, &writes);
    return writes ? static_cast<std::size_t>(sqlite3_changes64(c.sqlite())) : rows;
}

}  // namespace kc::sql
