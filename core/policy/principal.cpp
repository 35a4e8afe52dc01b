#include "core/policy/principal.hpp"

#include "core/json_fields.hpp"
#include "core/policy/base_roles.hpp"

namespace core::policy {
namespace {

using nlohmann::json;
using core::child_pointer;

Error structural(const ParsedPolicy& parsed) {
  const Diagnostic* diagnostic = parsed.structural_error();
  return Error{diagnostic->message, diagnostic->pointer, diagnostic->column};
}

RoleAttributes with_self(RoleAttributes attributes, const std::string& member_id) {
  attributes[kSelfAttribute] = {member_id.empty() ? "*" : member_id};
  return attributes;
}

CompiledRole compile_builtin(const std::string& name, const std::string& member_id, const Semantics& semantics) {
  auto role = base_role(name);
  if (!role) role = base_role("no_access");
  return compile_role(*role, with_self({}, member_id), member_id, semantics);
}

// The attribute values a token's custom role takes: the assignment's own, else the owner's values for the
// same role, else the owner's member-level values.
const RoleAttributes& owner_attributes_for(const RoleAssignment& assignment, const Principal& owner) {
  if (assignment.attributes) return *assignment.attributes;
  for (const auto& owned : owner.custom_roles)
    if (owned.role.key == assignment.role.key && owned.attributes) return *owned.attributes;
  return owner.role_attributes;
}

Result<std::vector<RoleAssignment>> parse_assignments(const json& object, const char* field, const std::string& at,
                                                      const Semantics& semantics) {
  std::vector<RoleAssignment> assignments;
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return assignments;
  const std::string list_at = child_pointer(at, field);
  if (!it->is_array()) return Error{std::string("\"") + field + "\" must be an array of roles", list_at, -1};
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string item_at = child_pointer(list_at, i);
    auto role = parse_role((*it)[i], item_at, semantics);
    if (!role) return role.error();
    RoleAssignment assignment{std::move(role).value(), std::nullopt};
    if ((*it)[i].contains("roleAttributes")) {
      auto attributes = parse_role_attributes((*it)[i]["roleAttributes"], child_pointer(item_at, "roleAttributes"));
      if (!attributes) return attributes.error();
      assignment.attributes = std::move(attributes).value();
    }
    assignments.push_back(std::move(assignment));
  }
  return assignments;
}

}  // namespace

RoleSet member_role_set(const Principal& principal, const Semantics& semantics, const std::string& subject) {
  RoleSet set;
  set.subject = subject;
  const bool has_custom = !principal.custom_roles.empty();
  if (!has_custom || !semantics.custom_roles_replace_base_role)
    set.roles.push_back(compile_builtin(principal.base_role, principal.member_id, semantics));
  for (const auto& assignment : principal.custom_roles)
    set.roles.push_back(compile_role(assignment.role, with_self(assignment.attributes.value_or(principal.role_attributes),
                                                                principal.member_id),
                                     principal.member_id, semantics));
  for (const auto& assignment : principal.team_roles)
    set.roles.push_back(compile_role(assignment.role, with_self(assignment.attributes.value_or(RoleAttributes{}),
                                                                principal.member_id),
                                     principal.member_id, semantics));
  if (!principal.grants.empty()) {
    Role grants;
    grants.key = "permission grants";
    grants.name = "Permission grants";
    for (std::size_t i = 0; i < principal.grants.size(); ++i) {
      Statement statement;
      statement.index = i;
      statement.resources = {principal.grants[i].resource};
      auto parsed = parse_specifier(principal.grants[i].resource, semantics);
      statement.parsed.push_back(parsed ? std::optional(std::move(parsed).value()) : std::nullopt);
      statement.actions = principal.grants[i].actions;
      grants.policy.push_back(std::move(statement));
    }
    set.roles.push_back(compile_role(grants, {}, principal.member_id, semantics));
  }
  return set;
}

RoleSet token_role_set(const TokenScope& scope, const Principal& owner, const Semantics& semantics) {
  RoleSet set;
  set.subject = "token";
  if (scope.role) {
    set.roles.push_back(compile_builtin(*scope.role, owner.member_id, semantics));
  } else if (!scope.custom_roles.empty()) {
    for (const auto& assignment : scope.custom_roles)
      set.roles.push_back(compile_role(assignment.role, with_self(owner_attributes_for(assignment, owner), owner.member_id),
                                       owner.member_id, semantics));
  } else if (scope.inline_policy) {
    Role inline_role;
    inline_role.key = "inline policy";
    inline_role.name = "Inline policy";
    inline_role.policy = *scope.inline_policy;
    inline_role.base = semantics.inline_policy_has_reader_base ? BasePermissions::Reader : BasePermissions::NoAccess;
    set.roles.push_back(compile_role(inline_role, with_self(owner.role_attributes, owner.member_id), owner.member_id,
                                     semantics));
  }
  return set;
}

Result<RoleAttributes> parse_role_attributes(const json& value, const std::string& pointer) {
  RoleAttributes attributes;
  if (value.is_null()) return attributes;
  if (!value.is_object()) return Error{"role attributes must be an object of string arrays", pointer, -1};
  for (const auto& [name, values] : value.items()) {
    auto list = core::read_string_array(value, name, pointer, true);
    if (!list) return list.error();
    attributes.emplace(name, std::move(list).value());
  }
  return attributes;
}

Result<Role> parse_role(const json& value, const std::string& pointer, const Semantics& semantics) {
  if (!value.is_object()) return Error{"a role must be an object with a \"policy\"", pointer, -1};
  Role role;
  auto key = core::read_optional_string(value, "key", pointer);
  if (!key) return key.error();
  auto name = core::read_optional_string(value, "name", pointer);
  if (!name) return name.error();
  role.key = key.value().value_or(name.value().value_or("custom role"));
  role.name = name.value().value_or(role.key);
  auto base = core::read_optional_string(value, "basePermissions", pointer);
  if (!base) return base.error();
  if (base.value() && *base.value() != "reader" && *base.value() != "no_access")
    return Error{"\"basePermissions\" must be \"reader\" or \"no_access\"", child_pointer(pointer, "basePermissions"), -1};
  role.base = base.value() == std::optional<std::string>("reader") ? BasePermissions::Reader : BasePermissions::NoAccess;
  if (!value.contains("policy")) return Error{"missing required field \"policy\"", child_pointer(pointer, "policy"), -1};
  ParsedPolicy parsed = parse_policy(value["policy"], child_pointer(pointer, "policy"), semantics);
  if (parsed.structural_error()) return structural(parsed);
  role.policy = std::move(parsed.policy);
  return role;
}

Result<Principal> parse_principal(const json& value, const std::string& pointer, const Semantics& semantics) {
  if (!value.is_object()) return Error{"a principal must be an object", pointer, -1};
  Principal principal;
  auto id = core::read_optional_string(value, "memberId", pointer);
  if (!id) return id.error();
  principal.member_id = id.value().value_or("");
  auto base = core::read_optional_string(value, "baseRole", pointer);
  if (!base) return base.error();
  principal.base_role = base.value().value_or("reader");
  if (!is_base_role(principal.base_role))
    return Error{"unknown base role \"" + principal.base_role + "\"", child_pointer(pointer, "baseRole"), -1};
  auto custom = parse_assignments(value, "customRoles", pointer, semantics);
  if (!custom) return custom.error();
  principal.custom_roles = std::move(custom).value();
  auto teams = parse_assignments(value, "teamRoles", pointer, semantics);
  if (!teams) return teams.error();
  principal.team_roles = std::move(teams).value();
  if (value.contains("roleAttributes")) {
    auto attributes = parse_role_attributes(value["roleAttributes"], child_pointer(pointer, "roleAttributes"));
    if (!attributes) return attributes.error();
    principal.role_attributes = std::move(attributes).value();
  }
  if (auto grants = value.find("permissionGrants"); grants != value.end() && !grants->is_null()) {
    const std::string at = child_pointer(pointer, "permissionGrants");
    if (!grants->is_array()) return Error{"\"permissionGrants\" must be an array", at, -1};
    for (std::size_t i = 0; i < grants->size(); ++i) {
      const std::string item_at = child_pointer(at, i);
      const json& grant = (*grants)[i];
      if (!grant.is_object()) return Error{"a permission grant must be an object", item_at, -1};
      auto resource = core::read_string(grant, "resource", item_at);
      if (!resource) return resource.error();
      auto actions = core::read_string_array(grant, "actions", item_at, true);
      if (!actions) return actions.error();
      principal.grants.push_back({resource.value(), actions.value()});
    }
  }
  return principal;
}

Result<TokenScope> parse_token_scope(const json& value, const std::string& pointer, const Semantics& semantics) {
  if (!value.is_object()) return Error{"a token must be an object", pointer, -1};
  TokenScope scope;
  auto kind = core::read_optional_string(value, "kind", pointer);
  if (!kind) return kind.error();
  const bool service_flag = value.value("serviceToken", false) == true;
  if (kind.value() == std::optional<std::string>("service") || service_flag) scope.kind = TokenScope::Kind::Service;
  else if (kind.value() && *kind.value() != "personal")
    return Error{"\"kind\" must be \"personal\" or \"service\"", child_pointer(pointer, "kind"), -1};

  int given = 0;
  auto role = core::read_optional_string(value, "role", pointer);
  if (!role) return role.error();
  if (role.value()) {
    ++given;
    const std::string& name = *role.value();
    if (name != "reader" && name != "writer" && name != "admin" && name != "owner")
      return Error{"a token's \"role\" must be reader, writer or admin, not \"" + name + "\"",
                   child_pointer(pointer, "role"), -1};
    scope.role = name;
  }
  if (value.contains("customRoles") && !value["customRoles"].is_null()) {
    ++given;
    auto custom = parse_assignments(value, "customRoles", pointer, semantics);
    if (!custom) return custom.error();
    scope.custom_roles = std::move(custom).value();
    if (scope.custom_roles.empty())
      return Error{"\"customRoles\" must name at least one role", child_pointer(pointer, "customRoles"), -1};
  }
  for (const char* field : {"inlinePolicy", "inlineRole"}) {
    if (!value.contains(field) || value[field].is_null()) continue;
    ++given;
    ParsedPolicy parsed = parse_policy(value[field], child_pointer(pointer, field), semantics);
    if (parsed.structural_error()) return structural(parsed);
    scope.inline_policy = std::move(parsed.policy);
  }
  if (given != 1)
    return Error{"a token needs exactly one of \"role\", \"customRoles\" or \"inlinePolicy\"", pointer, -1};
  return scope;
}

}  // namespace core::policy
