#pragma once

#include <optional>
#include <string_view>

namespace kc {

enum class Role { Admin, Clerk, Reviewer, Unit };

// "admin", "clerk", "reviewer", "unit".
std::string_view roleName(Role role);
std::optional<Role> parseRole(std::string_view name);

// The role as users call it: "Quản trị", "Văn phòng", "Thẩm định", "Đơn vị" (the web's labels).
std::string_view roleLabel(Role role);

}  // namespace kc
