#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Result.h"
#include "domain/Store.h"
#include "services/AuditRecorder.h"
#include "services/PasswordHasher.h"

namespace kc {

struct NewUser {
    std::string username;
    std::string displayName;
    Role role = Role::Unit;
    std::optional<std::string> unitCode;  // required exactly for Role::Unit
    std::string password;
};

// Changes to an account; unset fields stay as they are.
struct UserPatch {
    std::optional<std::string> displayName;
    std::optional<bool> active;
    std::optional<std::string> password;  // a reset also clears a login lock
};

// User accounts and reviewers' area assignments. Audited; passwords never leave as text.
// Thread-safe.
class AccountService {
public:
    AccountService(Store& store, const Clock& clock, const PasswordHasher& hasher)
        : _store(store), _hasher(hasher), _audit(clock) {}

    Result<std::vector<User>> listUsers();
    // InvalidInput for a malformed user name, a short password (under 8 characters, counted in
    // its NFC form as login compares it), a unit user without an existing unit or another role
    // with one; Duplicate for a taken user name.
    Result<User> createUser(const Actor& actor, NewUser user);
    Result<User> updateUser(const Actor& actor, const std::string& username, const UserPatch& patch);

    // Reviewers see only their own assignments; admins and clerks see all.
    Result<std::vector<Assignment>> listAssignments(const Actor& actor, int year);
    // Assigns areaCodes of the year to a reviewer. InvalidInput when the user is not an active
    // (not disabled) reviewer or an area code is not an area of any criteria set imported for
    // that year; NotFound for an unknown year, Conflict for a finalised one (requireOpenPeriod).
    Result<std::vector<Assignment>> assign(const Actor& actor, int year, const std::string& username,
                                           const std::vector<std::string>& areaCodes);
    // NotFound for an unknown year or assignment; Conflict for a finalised year.
    Status unassign(const Actor& actor, const Assignment& a);

private:
    Store& _store;
    const PasswordHasher& _hasher;
    AuditRecorder _audit;
};

}  // namespace kc
