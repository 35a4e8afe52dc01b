#pragma once
// Who holds permissions: a member (base role, custom roles with attributes, team roles, grants) and a
// token's scope (a base role, custom roles, or an inline policy), and the role sets they decide with.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/policy/policy.hpp"
#include "core/policy/role_set.hpp"
#include "core/result.hpp"

namespace core::policy {

struct RoleAssignment {
  Role role;
  std::optional<RoleAttributes> attributes;  // this assignment's values; else the member's (direct roles)
};

struct PermissionGrant {
  std::string resource;
  std::vector<std::string> actions;
};

struct Principal {
  std::string member_id;  // may be empty (policy vectors)
  std::string base_role = "reader";
  std::vector<RoleAssignment> custom_roles;
  std::vector<RoleAssignment> team_roles;
  RoleAttributes role_attributes;  // member-level values, for directly assigned roles
  std::vector<PermissionGrant> grants;
};

struct TokenScope {
  enum class Kind { Personal, Service };
  Kind kind = Kind::Personal;
  std::optional<std::string> role;             // reader | writer | admin (owner accepted, §5)
  std::vector<RoleAssignment> custom_roles;
  std::optional<Policy> inline_policy;
};

// The member's roles (policy reference §4.3): custom roles replace the base role, team roles and grants add.
RoleSet member_role_set(const Principal& principal, const Semantics& semantics, const std::string& subject = "member");
// The token's own scope, with its custom roles taking the owner's (or creator's) attribute values (§2.7).
RoleSet token_role_set(const TokenScope& scope, const Principal& owner, const Semantics& semantics);

// JSON forms used by the tool, the C ABI and the policy vectors (policy reference §7).
Result<Role> parse_role(const nlohmann::json& json, const std::string& pointer, const Semantics& semantics);
Result<Principal> parse_principal(const nlohmann::json& json, const std::string& pointer, const Semantics& semantics);
Result<TokenScope> parse_token_scope(const nlohmann::json& json, const std::string& pointer,
                                     const Semantics& semantics);
Result<RoleAttributes> parse_role_attributes(const nlohmann::json& json, const std::string& pointer);

}  // namespace core::policy
