#pragma once
// The built-in base roles (reader, writer, admin, owner, no_access) as policies.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/policy.hpp"

namespace core::policy {

// The role-attribute name that built-in roles use for "this member" (own personal tokens). Reserved.
inline constexpr const char* kSelfAttribute = "__member";

bool is_base_role(std::string_view name);
const std::vector<std::string>& base_role_names();
// The built-in role, or nullopt for an unknown name.
std::optional<Role> base_role(std::string_view name);
// The policy text the role is made from, with its markers expanded: for documentation and the console.
std::string base_role_policy_json(std::string_view name);

}  // namespace core::policy
