#include "storage/Sql.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <stdexcept>
#include <system_error>

#include "storage/SqliteRows.h"

namespace kc::sql {

using Poco::Data::Keywords::bind;

Param text(const std::optional<std::string>& s) {
    if (!s) return nullptr;
    return *s;
}

Param time(const std::optional<TimePoint>& t) {
    if (!t) return nullptr;
    return formatIso(*t);
}

std::int64_t Row::integer(std::size_t i) const {
    return isNull(i) ? 0 : _cols.at(i).convert<Poco::Int64>();
}

std::string Row::text(std::size_t i) const {
    return isNull(i) ? std::string() : _cols.at(i).convert<std::string>();
}

std::optional<std::string> Row::optText(std::size_t i) const {
    if (isNull(i)) return std::nullopt;
    return _cols.at(i).convert<std::string>();
}

std::optional<std::int64_t> Row::optInteger(std::size_t i) const {
    if (isNull(i)) return std::nullopt;
    return _cols.at(i).convert<Poco::Int64>();
}

std::optional<TimePoint> Row::optTime(std::size_t i) const {
    if (isNull(i)) return std::nullopt;
    return parseIso(text(i));
}

TimePoint Row::time(std::size_t i) const {
    auto t = optTime(i);
    if (!t) throw std::runtime_error("database holds a malformed time: " + text(i));
    return *t;
}

namespace {

void bindAll(Poco::Data::Statement& st, const std::vector<Param>& params) {
    for (const Param& p : params) {
        if (std::holds_alternative<std::nullptr_t>(p))
            st.addBind(bind(Poco::Nullable<std::string>()));
        else if (const auto* i = std::get_if<std::int64_t>(&p))
            st.addBind(bind(static_cast<Poco::Int64>(*i)));
        else
            st.addBind(bind(std::get<std::string>(p)));
    }
}

}  // namespace

namespace {

// Runs f (which goes through the SQLite handle), reporting its errors as Poco::Data exceptions
// as Poco's own path would; a full disk stays a std::system_error.
template <typename F>
auto throughSqlite(F&& f) {
    try {
        return f();
    } catch (const std::system_error&) {
        throw;
    } catch (const std::runtime_error& e) {
        throw Poco::Data::DataException(e.what());
    }
}

}  // namespace

std::vector<Row> query(Connection& c, const std::string& sql, const std::vector<Param>& params) {
    if (c.sqlite()) {
        // Straight through the SQLite handle and its cached statements: for the small lookups
        // every request makes (session, user, period, unit), Poco's Statement and RecordSet
        // cost more than the query.
        std::vector<Row> rows;
        throughSqlite([&] {
            return eachRow(c, sql, params, [&](const RawRow& r) {
                std::vector<Poco::Dynamic::Var> vals;
                vals.reserve(static_cast<std::size_t>(r.columns()));
                for (int i = 0; i < r.columns(); ++i) vals.push_back(r.value(i));
                rows.emplace_back(std::move(vals));
            });
        });
        return rows;
    }
    Poco::Data::Statement st(c.session());
    st << sql;
    bindAll(st, params);
    st.execute();
    std::vector<Row> rows;
    if (st.columnsExtracted() == 0) return rows;
    Poco::Data::RecordSet rs(st);
    std::size_t cols = rs.columnCount();
    for (std::size_t r = 0; r < rs.rowCount(); ++r) {
        std::vector<Poco::Dynamic::Var> vals;
        vals.reserve(cols);
        for (std::size_t i = 0; i < cols; ++i) vals.push_back(rs.value(i, r));
        rows.emplace_back(std::move(vals));
    }
    return rows;
}

std::size_t exec(Connection& c, const std::string& sql, const std::vector<Param>& params) {
    if (c.sqlite()) {
        return throughSqlite([&] { return execute(c, sql, params); });
    }
    Poco::Data::Statement st(c.session());
    st << sql;
    bindAll(st, params);
    return st.execute();
}

std::int64_t insertReturningId(Connection& c, const std::string& sql,
                               const std::vector<Param>& params) {
    auto rows = query(c, sql, params);
    if (rows.empty()) throw std::runtime_error("INSERT ... RETURNING returned no row");
    return rows.front().integer(0);
}

}  // namespace kc::sql
