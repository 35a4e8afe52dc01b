#include "core/api/tokens.hpp"

#include "core/json_fields.hpp"

namespace core::api {
namespace {

using nlohmann::json;

Result<Token> token_from(const Json& object, const std::string& at) {
  if (!object.is_object()) return Error{"a token must be an object", at, -1};
  Token token;
  auto id = read_string(object, "_id", at);
  if (!id) return id.error();
  token.id = id.value();
  auto member = read_string(object, "memberId", at);
  if (!member) return member.error();
  token.member_id = member.value();
  for (auto [field, target] : {std::pair{"name", &token.name}, std::pair{"description", &token.description},
                               std::pair{"token", &token.ending}}) {
    auto value = read_optional_string(object, field, at);
    if (!value) return value.error();
    *target = value.value().value_or("");
  }
  auto role = read_optional_string(object, "role", at);
  if (!role) return role.error();
  token.role = role.value();
  auto custom = read_string_array(object, "customRoleIds", at, false);
  if (!custom) return custom.error();
  token.custom_role_ids = custom.value();
  if (auto inline_role = object.find("inlineRole"); inline_role != object.end() && inline_role->is_array())
    token.inline_role = *inline_role;
  auto service = read_bool(object, "serviceToken", at, false);
  if (!service) return service.error();
  token.service = service.value();
  auto created = read_millis(object, "creationDate", at, true);
  if (!created) return created.error();
  token.creation_date = created.value();
  auto used = read_millis(object, "lastUsed", at, false);
  if (!used) return used.error();
  token.last_used = used.value();
  if (auto owner = object.find("_member"); owner != object.end() && owner->is_object() && owner->contains("email") &&
                                           (*owner)["email"].is_string())
    token.owner_email = (*owner)["email"].get<std::string>();
  return token;
}

json scope_json(const TokenDraft& draft, const std::vector<CustomRole>& roles, const json& inline_policy) {
  json scope{{"kind", draft.service ? "service" : "personal"}};
  if (draft.scope == ScopeKind::BaseRole) {
    scope["role"] = draft.role;
  } else if (draft.scope == ScopeKind::CustomRoles) {
    json list = json::array();
    for (const auto& id : draft.custom_role_ids)
      for (const auto& role : roles)
        if (role.id == id || role.key == id)
          list.push_back({{"key", role.key}, {"name", role.name}, {"policy", role.policy}, {"basePermissions", role.base_permissions}});
    scope["customRoles"] = list;
  } else {
    scope["inlinePolicy"] = inline_policy;
  }
  return scope;
}

// Appends the projects of one page of GET /api/v2/projects?expand=environments, in parse_account's shape.
Result<bool> add_projects(std::string_view json_text, json& projects_out) {
  auto parsed = parse_json(json_text);
  if (!parsed) return parsed.error();
  const Json& root = parsed.value();
  if (!root.is_object() || !root.contains("items") || !root["items"].is_array())
    return Error{"expected a collection with \"items\"", "/items", -1};
  for (std::size_t p = 0; p < root["items"].size(); ++p) {
    const Json& project = root["items"][p];
    if (!project.is_object()) return Error{"a project must be an object", child_pointer("/items", p), -1};
    json environments = json::array(), segments = json::array();
    if (project.contains("environments") && project["environments"].is_object() &&
        project["environments"].contains("items") && project["environments"]["items"].is_array())
      for (const auto& environment : project["environments"]["items"]) {
        environments.push_back({{"key", environment.value("key", "")}, {"name", environment.value("name", "")},
                                {"tags", environment.value("tags", json::array())}, {"critical", environment.value("critical", false)}});
        segments.push_back({{"environment", environment.value("key", "")}, {"key", "*"}});
      }
    projects_out.push_back({{"key", project.value("key", "")}, {"name", project.value("name", "")},
                            {"tags", project.value("tags", json::array())}, {"environments", environments},
                            {"flags", json::array({{{"key", "*"}}})}, {"segments", segments}});
  }
  return true;
}

}  // namespace

std::string Token::scope_summary() const {
  if (role) return *role;
  if (!custom_role_ids.empty())
    return custom_role_ids.size() == 1 ? "1 custom role" : std::to_string(custom_role_ids.size()) + " custom roles";
  return "inline policy (" + std::to_string(inline_role.size()) + (inline_role.size() == 1 ? " statement)" : " statements)");
}

Result<Token> parse_token(std::string_view json_text) {
  auto parsed = parse_json(json_text);
  if (!parsed) return parsed.error();
  return token_from(parsed.value(), "");
}

Result<TokenPage> parse_tokens(std::string_view json_text) {
  auto parsed = parse_json(json_text);
  if (!parsed) return parsed.error();
  const Json& root = parsed.value();
  if (!root.is_object() || !root.contains("items") || !root["items"].is_array())
    return Error{"expected a collection with \"items\"", "/items", -1};
  TokenPage page;
  for (std::size_t i = 0; i < root["items"].size(); ++i) {
    auto token = token_from(root["items"][i], child_pointer("/items", i));
    if (!token) return token.error();
    page.items.push_back(std::move(token).value());
  }
  page.total = root.value("totalCount", static_cast<long long>(page.items.size()));
  return page;
}

Result<std::vector<CustomRole>> parse_roles(std::string_view json_text) {
  auto parsed = parse_json(json_text);
  if (!parsed) return parsed.error();
  const Json& root = parsed.value();
  if (!root.is_object() || !root.contains("items") || !root["items"].is_array())
    return Error{"expected a collection with \"items\"", "/items", -1};
  std::vector<CustomRole> roles;
  for (std::size_t i = 0; i < root["items"].size(); ++i) {
    const std::string at = child_pointer("/items", i);
    const Json& item = root["items"][i];
    if (!item.is_object()) return Error{"a role must be an object", at, -1};
    CustomRole role;
    for (auto [field, target] : {std::pair{"_id", &role.id}, std::pair{"key", &role.key}, std::pair{"name", &role.name}}) {
      auto value = read_string(item, field, at);
      if (!value) return value.error();
      *target = value.value();
    }
    auto description = read_optional_string(item, "description", at);
    if (!description) return description.error();
    role.description = description.value().value_or("");
    auto base = read_optional_string(item, "basePermissions", at);
    if (!base) return base.error();
    role.base_permissions = base.value().value_or("no_access");
    if (!item.contains("policy") || !item["policy"].is_array()) return Error{"a role needs a policy array", child_pointer(at, "policy"), -1};
    role.policy = item["policy"];
    roles.push_back(std::move(role));
  }
  return roles;
}

Result<core::preview::Account> parse_projects_account(std::string_view json_text, const std::string& member_id) {
  return parse_projects_account(std::vector<std::string>{std::string(json_text)}, member_id);
}

Result<PageCount> parse_page_count(std::string_view json_text) {
  auto parsed = parse_json(json_text);
  if (!parsed) return parsed.error();
  const Json& root = parsed.value();
  if (!root.is_object() || !root.contains("items") || !root["items"].is_array())
    return Error{"expected a collection with \"items\"", "/items", -1};
  PageCount count{static_cast<long long>(root["items"].size()), static_cast<long long>(root["items"].size())};
  if (auto total = root.find("totalCount"); total != root.end() && total->is_number_integer()) count.total = total->get<long long>();
  return count;
}

Result<core::preview::Account> parse_projects_account(const std::vector<std::string>& pages, const std::string& member_id) {
  json account{{"memberId", member_id}, {"projects", json::array()}};
  for (const auto& page : pages) {
    auto projects = add_projects(page, account["projects"]);
    if (!projects) return projects.error();
  }
  return core::preview::parse_account(account);
}


json member_principal(const Member& member, const std::vector<CustomRole>& roles) {
  auto role_json = [](const CustomRole& role) {
    return json{{"key", role.key}, {"name", role.name}, {"policy", role.policy}, {"basePermissions", role.base_permissions}};
  };
  json custom = json::array(), team_roles = json::array();
  for (const auto& id : member.custom_roles)
    for (const auto& role : roles)
      if (role.id == id || role.key == id) custom.push_back(role_json(role));
  for (const auto& team : member.teams) {
    json team_attributes = json::object();  // a team role's attributes take the team's values (policy reference §4.3)
    for (const auto& [name, values] : team.role_attributes) team_attributes[name] = values;
    for (const auto& key : team.custom_role_keys)
      for (const auto& role : roles)
        if (role.key == key) {
          json entry = role_json(role);
          entry["roleAttributes"] = team_attributes;
          team_roles.push_back(std::move(entry));
        }
  }
  json attributes = json::object();
  for (const auto& [name, values] : member.role_attributes) attributes[name] = values;
  return {{"memberId", member.id}, {"baseRole", member.role}, {"customRoles", custom}, {"teamRoles", team_roles},
          {"roleAttributes", attributes}};
}

Result<json> draft_subject(const TokenDraft& draft, const Member& member, const std::vector<CustomRole>& roles) {
  json inline_policy = json::array();
  if (draft.scope == ScopeKind::InlinePolicy) {
    auto parsed = parse_json(draft.inline_policy_text);
    if (!parsed) return parsed.error();
    inline_policy = parsed.value();
  }
  if (draft.scope == ScopeKind::CustomRoles && draft.custom_role_ids.empty())
    return Error{"choose at least one custom role", "/customRoleIds", -1};
  return json{{"member", member_principal(member, roles)}, {"token", scope_json(draft, roles, inline_policy)}};
}

ApiRequest list_tokens(long long offset, int limit, bool show_all) {
  std::string path = "/api/v2/tokens?limit=" + std::to_string(limit) + "&offset=" + std::to_string(offset);
  if (show_all) path += "&showAll=true";
  return {"GET", path, ""};
}

ApiRequest list_roles() { return {"GET", "/api/v2/roles?limit=1000", ""}; }

ApiRequest list_projects() { return list_projects(0, 1000); }

ApiRequest list_projects(long long offset, int limit) {
  return {"GET", "/api/v2/projects?expand=environments&limit=" + std::to_string(limit) + "&offset=" + std::to_string(offset), ""};
}

Result<ApiRequest> create_token(const TokenDraft& draft) {
  json body{{"name", draft.name}, {"description", draft.description}, {"serviceToken", draft.service},
            {"defaultApiVersion", 20240415}};
  if (draft.scope == ScopeKind::BaseRole) {
    body["role"] = draft.role;
  } else if (draft.scope == ScopeKind::CustomRoles) {
    if (draft.custom_role_ids.empty()) return Error{"choose at least one custom role", "/customRoleIds", -1};
    body["customRoleIds"] = draft.custom_role_ids;
  } else {
    auto policy = parse_json(draft.inline_policy_text);
    if (!policy) return policy.error();
    body["inlineRole"] = policy.value();
  }
  return ApiRequest{"POST", "/api/v2/tokens", body.dump()};
}

ApiRequest update_token_text(const Token& token, const std::string& name, const std::string& description) {
  json patch = json::array();
  if (name != token.name) patch.push_back({{"op", "replace"}, {"path", "/name"}, {"value", name}});
  if (description != token.description) patch.push_back({{"op", "replace"}, {"path", "/description"}, {"value", description}});
  return {"PATCH", "/api/v2/tokens/" + token.id, patch.dump()};
}

Result<ApiRequest> update_token_scope(const Token& token, const TokenDraft& draft) {
  json patch = json::array();
  if (token.role) patch.push_back({{"op", "remove"}, {"path", "/role"}});
  if (!token.inline_role.empty()) patch.push_back({{"op", "remove"}, {"path", "/inlineRole"}});
  json custom = json::array();
  if (draft.scope == ScopeKind::BaseRole) {
    patch.push_back({{"op", "add"}, {"path", "/role"}, {"value", draft.role}});
  } else if (draft.scope == ScopeKind::CustomRoles) {
    if (draft.custom_role_ids.empty()) return Error{"choose at least one custom role", "/customRoleIds", -1};
    custom = draft.custom_role_ids;
  } else {
    auto policy = parse_json(draft.inline_policy_text);
    if (!policy) return policy.error();
    patch.push_back({{"op", "add"}, {"path", "/inlineRole"}, {"value", policy.value()}});
  }
  patch.push_back({{"op", "replace"}, {"path", "/customRoleIds"}, {"value", custom}});
  return ApiRequest{"PATCH", "/api/v2/tokens/" + token.id, patch.dump()};
}

TokenDraft draft_of(const Token& token) {
  TokenDraft draft;
  draft.name = token.name;
  draft.description = token.description;
  draft.service = token.service;
  if (token.role) {
    draft.scope = ScopeKind::BaseRole;
    draft.role = *token.role;
  } else if (!token.custom_role_ids.empty()) {
    draft.scope = ScopeKind::CustomRoles;
    draft.custom_role_ids = token.custom_role_ids;
  } else {
    draft.scope = ScopeKind::InlinePolicy;
    draft.inline_policy_text = token.inline_role.dump();
  }
  return draft;
}

ApiRequest reset_token(const std::string& id, long long old_secret_expiry_ms) {
  std::string path = "/api/v2/tokens/" + id + "/reset";
  if (old_secret_expiry_ms > 0) path += "?expiry=" + std::to_string(old_secret_expiry_ms);
  return {"POST", path, "{}"};
}

ApiRequest delete_token(const std::string& id) { return {"DELETE", "/api/v2/tokens/" + id, ""}; }

}  // namespace core::api
