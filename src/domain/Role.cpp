#include "domain/Role.h"

namespace kc {

std::string_view roleName(Role role) {
    switch (role) {
        case Role::Admin: return "admin";
        case Role::Clerk: return "clerk";
        case Role::Reviewer: return "reviewer";
        case Role::Unit: return "unit";
    }
    return "unit";
}

std::string_view roleLabel(Role role) {
    switch (role) {
        case Role::Admin:
            return "Quản trị";
        case Role::Clerk:
            return "Văn phòng";
        case Role::Reviewer:
            return "Thẩm định";
        case Role::Unit:
            return "Đơn vị";
    }
    return "Đơn vị";
}

std::optional<Role> parseRole(std::string_view name) {
    for (Role r : {Role::Admin, Role::Clerk, Role::Reviewer, Role::Unit})
        if (roleName(r) == name) return r;
    return std::nullopt;
}

}  // namespace kc
