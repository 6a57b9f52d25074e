#include "services/AuthService.h"

#include "core/Random.h"
#include "core/Sha256.h"
#include "core/Text.h"
#include "domain/Phase.h"
#include "services/JsonViews.h"

namespace kc {

namespace {

Error badCredentials() {
    return {ErrorCode::Unauthenticated, "Tên đăng nhập hoặc mật khẩu không đúng", {}};
}

Error noSession() {
    return {ErrorCode::Unauthenticated, "Phiên đăng nhập không hợp lệ hoặc đã hết hạn", {}};
}

Error lockedError(TimePoint until) {
    return {ErrorCode::Locked,
            "Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau " +
                formatDateTimeVn(until) + " (giờ Việt Nam)",
            {}};
}

Poco::JSON::Object::Ptr note(const std::string& key, const Poco::Dynamic::Var& value) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set(key, value);
    return o;
}

}  // namespace

Result<LoginResult> AuthService::login(const std::string& username, const std::string& password) {
    TimePoint now = _clock.now();
    // The password is checked outside any transaction: PBKDF2 takes ~0.3 s at the default
    // iterations, and inside the write transaction it held the database's write lock, so a burst
    // of logins kept every other write waiting (past the 10 s busy timeout: failing).
    struct Seen {
        User user;
        std::string hash;
    };
    auto seen = _store.read([&](Transaction& tx) -> Result<std::optional<Seen>> {
        auto user = tx.users().findByUsername(username);
        if (!user)
            return std::optional<Seen>();
        return std::optional<Seen>(Seen{*user, tx.users().passwordHash(user->id)});
    });
    if (!seen.ok())
        return seen.error();
    if (!seen.value()) {
        // As long as a wrong password for a real account: the time does not tell which user
        // names exist.
        (void)_hasher.hash(password);
        return badCredentials();
    }
    const Seen& before = *seen.value();
    if (before.user.active && before.user.lockedUntil && *before.user.lockedUntil > now)
        return lockedError(*before.user.lockedUntil);  // no password is tried while locked
    const bool matches = PasswordHasher::verify(text::toNfc(password), before.hash);
    if (!before.user.active)  // said only to someone who knows the password
        return matches ? Error::forbidden(
                             "Tài khoản đã bị ngừng sử dụng; liên hệ quản trị viên để mở lại")
                       : badCredentials();

    // Failure bookkeeping must survive a failed login, so the failure path commits too and
    // reports its error through `outcome`.
    std::optional<Error> outcome;
    auto result = _store.write([&](Transaction& tx) -> Result<LoginResult> {
        auto user = tx.users().findByUsername(username);
        // Reset, deactivated or removed while the password was checked: that check is void.
        if (!user || !user->active || tx.users().passwordHash(user->id) != before.hash) {
            outcome = badCredentials();
            return LoginResult{};
        }
        if (user->lockedUntil && *user->lockedUntil > now) {  // locked by a parallel attempt
            outcome = lockedError(*user->lockedUntil);
            return LoginResult{};
        }
        if (!matches) {
            User updated = *user;
            if (updated.lockedUntil && *updated.lockedUntil <= now)
                updated.lockedUntil.reset();  // an expired lock is no lock
            updated.failedLogins += 1;
            if (updated.failedLogins >= _policy.maxFailedLogins) {
                updated.lockedUntil = now + _policy.lockDuration;
                updated.failedLogins = 0;
            }
            tx.users().update(updated);
            // Whoever typed the password is not known: not the account's owner, for all we know
            // (the access log has the client's address at the same second).
            _audit.record(tx, "anonymous", "session.login_failed", "user", username, nullptr,
                          note("locked", updated.lockedUntil.has_value()));
            outcome = updated.lockedUntil ? lockedError(*updated.lockedUntil) : badCredentials();
            return LoginResult{};
        }
        if (user->failedLogins != 0 || user->lockedUntil) {
            User updated = *user;
            updated.failedLogins = 0;
            updated.lockedUntil.reset();
            tx.users().update(updated);
        }
        LoginResult r{randomHex(32), randomHex(16), now + _policy.sessionLifetime, *user};
        tx.sessions().removeExpired(now);
        tx.sessions().insert(SessionRecord{Sha256::hex(r.token), user->id, r.csrfToken, now, r.expiresAt});
        _audit.record(tx, username, "session.login", "user", username, nullptr,
                      note("expires_at", formatIso(r.expiresAt)));
        return r;
    });
    if (!result.ok()) return result;
    if (outcome) return std::move(*outcome);
    return result;
}

Result<AuthenticatedSession> AuthService::authenticate(const std::string& token) {
    if (token.empty() || token.size() > 256) return noSession();
    TimePoint now = _clock.now();
    return _store.read([&](Transaction& tx) -> Result<AuthenticatedSession> {
        auto found = tx.sessions().findWithUser(Sha256::hex(token));
        if (!found || found->first.expiresAt <= now) return noSession();
        const auto& [session, user] = *found;
        if (!user.active) return noSession();
        return AuthenticatedSession{Actor{user.id, user.username, user.role, user.unitCode},
                                    session.csrfToken, session.expiresAt};
    });
}

Status AuthService::logout(const std::string& token, const Actor& actor) {
    return _store.write([&](Transaction& tx) -> Status {
        tx.sessions().remove(Sha256::hex(token));
        _audit.record(tx, actor.username, "session.logout", "user", actor.username, nullptr, nullptr);
        return Ok{};
    });
}

}  // namespace kc
