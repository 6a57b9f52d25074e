#pragma once

#include <optional>
#include <string_view>

namespace kc {

enum class Role { Admin, Clerk, Reviewer, Unit };

// "admin", "clerk", "reviewer", "unit".
std::string_view roleName(Role role);
std::optional<Role> parseRole(std::string_view name);

}  // namespace kc
