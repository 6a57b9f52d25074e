#pragma once

#include <chrono>
#include <string>

#include "core/Clock.h"
#include "core/Result.h"
#include "domain/Store.h"
#include "services/AuditRecorder.h"
#include "services/PasswordHasher.h"

namespace kc {

struct AuthPolicy {
    std::chrono::seconds sessionLifetime{std::chrono::hours(12)};
    int maxFailedLogins = 5;                       // consecutive failures before a lock
    std::chrono::seconds lockDuration{std::chrono::minutes(15)};
};

struct LoginResult {
    std::string token;      // bearer token (also the cookie value); shown once, stored hashed
    std::string csrfToken;  // must accompany cookie-authenticated writes (X-CSRF-Token)
    TimePoint expiresAt{};
    User user;
};

struct AuthenticatedSession {
    Actor actor;
    std::string csrfToken;
    TimePoint expiresAt{};
};

// Logins, sessions and logouts. Sessions live in the database (stateless server): any instance
// can authenticate any token. Thread-safe.
class AuthService {
public:
    AuthService(Store& store, const Clock& clock, const PasswordHasher& hasher, AuthPolicy policy)
        : _store(store), _clock(clock), _hasher(hasher), _policy(policy), _audit(clock) {}

    // Unauthenticated on a wrong user name or password (one message for both), Locked while the
    // account is locked after too many failures (the failure count is kept across requests).
    Result<LoginResult> login(const std::string& username, const std::string& password);

    // Unauthenticated for an unknown, expired or forged token, or a deactivated user.
    Result<AuthenticatedSession> authenticate(const std::string& token);

    // Ends the session of token (idempotent).
    Status logout(const std::string& token, const Actor& actor);

private:
    Store& _store;
    const Clock& _clock;
    const PasswordHasher& _hasher;
    AuthPolicy _policy;
    AuditRecorder _audit;
};

}  // namespace kc
