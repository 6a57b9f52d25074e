#include "storage/Sql.h"
#include "storage/SqlRepositories.h"

namespace kc {

namespace {

const char* kUserColumns =
    "SELECT u.id, u.username, u.display_name, u.role, un.code, u.active, u.failed_logins, "
    "u.locked_until FROM users u LEFT JOIN units un ON un.id = u.unit_id ";

// The user columns above, then the session's csrf_token, created_at and expires_at (8-10).
const char* kSessionUserColumns =
    "SELECT u.id, u.username, u.display_name, u.role, un.code, u.active, u.failed_logins, "
    "u.locked_until, s.csrf_token, s.created_at, s.expires_at FROM sessions s "
    "JOIN users u ON u.id = s.user_id LEFT JOIN units un ON un.id = u.unit_id ";

User toUser(const sql::Row& r) {
    User u;
    u.id = r.integer(0);
    u.username = r.text(1);
    u.displayName = r.text(2);
    u.role = parseRole(r.text(3)).value_or(Role::Unit);
    u.unitCode = r.optText(4);
    u.active = r.integer(5) != 0;
    u.failedLogins = static_cast<int>(r.integer(6));
    u.lockedUntil = r.optTime(7);
    return u;
}

sql::Param unitIdOf(const std::optional<std::string>& unitCode) {
    return unitCode ? sql::Param(*unitCode) : sql::Param(nullptr);
}

}  // namespace

std::optional<User> SqlUserRepository::findByUsername(const std::string& username) {
    auto rows = sql::query(_s, std::string(kUserColumns) + "WHERE u.username = ?", {username});
    if (rows.empty()) return std::nullopt;
    return toUser(rows.front());
}

std::optional<User> SqlUserRepository::findById(Id id) {
    auto rows = sql::query(_s, std::string(kUserColumns) + "WHERE u.id = ?", {sql::integer(id)});
    if (rows.empty()) return std::nullopt;
    return toUser(rows.front());
}

std::vector<User> SqlUserRepository::list() {
    std::vector<User> out;
    for (const auto& r : sql::query(_s, std::string(kUserColumns) + "ORDER BY u.username"))
        out.push_back(toUser(r));
    return out;
}

Id SqlUserRepository::insert(const User& u, const std::string& passwordHash) {
    return sql::insertReturningId(
        _s,
        "INSERT INTO users (username, display_name, role, unit_id, password_hash, active, "
        "failed_logins, locked_until) VALUES (?, ?, ?, (SELECT id FROM units WHERE code = ?), ?, "
        "?, ?, ?) RETURNING id",
        {u.username, u.displayName, std::string(roleName(u.role)), unitIdOf(u.unitCode),
         passwordHash, sql::integer(u.active ? 1 : 0), sql::integer(u.failedLogins),
         sql::time(u.lockedUntil)});
}

void SqlUserRepository::update(const User& u) {
    sql::exec(_s,
              "UPDATE users SET username = ?, display_name = ?, role = ?, unit_id = (SELECT id "
              "FROM units WHERE code = ?), active = ?, failed_logins = ?, locked_until = ? "
              "WHERE id = ?",
              {u.username, u.displayName, std::string(roleName(u.role)), unitIdOf(u.unitCode),
               sql::integer(u.active ? 1 : 0), sql::integer(u.failedLogins),
               sql::time(u.lockedUntil), sql::integer(u.id)});
}

std::string SqlUserRepository::passwordHash(Id userId) {
    auto rows = sql::query(_s, "SELECT password_hash FROM users WHERE id = ?", {sql::integer(userId)});
    return rows.empty() ? std::string() : rows.front().text(0);
}

void SqlUserRepository::setPasswordHash(Id userId, const std::string& hash) {
    sql::exec(_s, "UPDATE users SET password_hash = ? WHERE id = ?", {hash, sql::integer(userId)});
}

void SqlSessionRepository::insert(const SessionRecord& r) {
    sql::exec(_s,
              "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
              "VALUES (?, ?, ?, ?, ?)",
              {r.tokenHash, sql::integer(r.userId), r.csrfToken, formatIso(r.createdAt),
               formatIso(r.expiresAt)});
}

std::optional<std::pair<SessionRecord, User>> SqlSessionRepository::findWithUser(
    const std::string& tokenHash) {
    auto rows = sql::query(_s,
                           std::string(kSessionUserColumns) + "WHERE s.token_hash = ?",
                           {tokenHash});
    if (rows.empty()) return std::nullopt;
    const auto& r = rows.front();
    return std::make_pair(SessionRecord{tokenHash, r.integer(0), r.text(8), r.time(9), r.time(10)},
                          toUser(r));
}

void SqlSessionRepository::remove(const std::string& tokenHash) {
    sql::exec(_s, "DELETE FROM sessions WHERE token_hash = ?", {tokenHash});
}

void SqlSessionRepository::removeForUser(Id userId) {
    sql::exec(_s, "DELETE FROM sessions WHERE user_id = ?", {sql::integer(userId)});
}

void SqlSessionRepository::removeExpired(TimePoint now) {
    sql::exec(_s, "DELETE FROM sessions WHERE expires_at <= ?", {formatIso(now)});
}

}  // namespace kc
