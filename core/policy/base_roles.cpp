#include "core/policy/base_roles.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "core/policy/catalog.hpp"

namespace core::policy {
namespace {

// The roles as data. "@project-scoped" expands to every resource shape under proj/*, "@all" to every shape.
constexpr const char* kBaseRolesJson = R"json({
  "no_access": {"name": "No access", "basePermissions": "no_access", "policy": []},
  "reader": {"name": "Reader", "basePermissions": "reader", "policy": []},
  "writer": {"name": "Writer", "basePermissions": "reader", "policy": [
    {"effect": "allow", "actions": ["*"], "resources": ["@project-scoped"]},
    {"effect": "allow", "actions": ["*"],
     "resources": ["integration/*", "webhook/*", "code-reference-repository/*", "application/*"]},
    {"effect": "allow", "actions": ["*"], "resources": ["member/${roleAttribute/__member}:token/*"]}
  ]},
  "admin": {"name": "Admin", "basePermissions": "reader", "policy": [
    {"effect": "allow", "actions": ["*"], "resources": ["@all"]},
    {"effect": "deny", "resources": ["acct"],
     "actions": ["updatePaymentCard", "getPaymentCard", "updateBillingContact", "updateSubscription",
                 "deleteSubscription", "updateAccountOwner"]}
  ]},
  "owner": {"name": "Owner", "basePermissions": "reader", "policy": [
    {"effect": "allow", "actions": ["*"], "resources": ["@all"]}
  ]}
})json";

std::string canonical_specifier(const std::vector<std::string_view>& shape) {
  std::string text;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ':';
    text += shape[i];
    if (shape[i] != "acct" && shape[i] != "ip-allowlist") text += "/*";
  }
  return text;
}

nlohmann::json expand_markers(const nlohmann::json& resources) {
  nlohmann::json expanded = nlohmann::json::array();
  for (const auto& entry : resources) {
    const std::string text = entry.get<std::string>();
    if (text != "@all" && text != "@project-scoped") {
      expanded.push_back(text);
      continue;
    }
    for (const auto& info : resource_types())
      for (const auto& shape : info.shapes)
        if (text == "@all" || shape.front() == "proj") expanded.push_back(canonical_specifier(shape));
  }
  return expanded;
}

const nlohmann::json& roles_json() {
  static const nlohmann::json roles = [] {
    nlohmann::json parsed = nlohmann::json::parse(kBaseRolesJson);
    for (auto& [name, role] : parsed.items())
      for (auto& statement : role["policy"]) statement["resources"] = expand_markers(statement["resources"]);
    return parsed;
  }();
  return roles;
}

}  // namespace

const std::vector<std::string>& base_role_names() {
  static const std::vector<std::string> names = {"reader", "writer", "admin", "owner", "no_access"};
  return names;
}

bool is_base_role(std::string_view name) { return roles_json().contains(std::string(name)); }

std::optional<Role> base_role(std::string_view name) {
  static const std::map<std::string, Role> roles = [] {
    std::map<std::string, Role> built;
    for (const auto& [key, json] : roles_json().items()) {
      Role role;
      role.key = key;
      role.name = json["name"].get<std::string>();
      role.base = json["basePermissions"] == "reader" ? BasePermissions::Reader : BasePermissions::NoAccess;
      role.builtin = true;
      role.policy = parse_policy(json["policy"], "/" + key + "/policy").policy;
      built.emplace(key, std::move(role));
    }
    return built;
  }();
  auto it = roles.find(std::string(name));
  if (it == roles.end()) return std::nullopt;
  return it->second;
}

std::string base_role_policy_json(std::string_view name) {
  const auto& roles = roles_json();
  auto it = roles.find(std::string(name));
  return it == roles.end() ? "" : (*it)["policy"].dump();
}

}  // namespace core::policy
