#include "core/api/draft_export.hpp"

#include <cstdio>

namespace core::api {
namespace {

using nlohmann::json;

constexpr const char* kTokenVariable = "LD_ACCESS_TOKEN";

std::string without_trailing_slash(std::string_view uri) {
  while (!uri.empty() && uri.back() == '/') uri.remove_suffix(1);
  return std::string(uri);
}

// A Terraform resource name: lowercase letters, digits and '_', not starting with a digit.
std::string resource_name(const std::string& token_name) {
  std::string name;
  for (char c : token_name) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) name += c;
    else if (c >= 'A' && c <= 'Z') name += static_cast<char>(c - 'A' + 'a');
    else if (!name.empty() && name.back() != '_') name += '_';
  }
  while (!name.empty() && name.back() == '_') name.pop_back();
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) name = "token" + std::string(name.empty() ? "" : "_") + name;
  return name;
}

std::string hcl_list(const json& values) {
  std::string list = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) list += ", ";
    list += hcl_string(values[i].is_string() ? values[i].get<std::string>() : values[i].dump());
  }
  return list + "]";
}

// One statement of an inline policy as an inline_roles block (the provider's names for its fields).
Result<std::string> inline_roles_block(const json& statement) {
  if (!statement.is_object() || !statement.contains("effect") || !statement["effect"].is_string())
    return Error{"a statement without an effect cannot be written for Terraform", "", -1};
  std::string block = "  inline_roles {\n    effect = " + hcl_string(statement["effect"].get<std::string>()) + "\n";
  for (const auto& [field, attribute] : {std::pair{"actions", "actions"}, std::pair{"notActions", "not_actions"},
                                         std::pair{"resources", "resources"}, std::pair{"notResources", "not_resources"}}) {
    if (!statement.contains(field)) continue;
    if (!statement[field].is_array()) return Error{std::string(field) + " must be a list", "", -1};
    block += std::string("    ") + attribute + " = " + hcl_list(statement[field]) + "\n";
  }
  return block + "  }\n";
}

}  // namespace

std::string shell_word(std::string_view text) {
  std::string word = "'";
  for (char c : text) {
    if (c == '\'') word += "'\\''";
    else word += c;
  }
  return word + "'";
}

std::string hcl_string(std::string_view text) {
  std::string quoted = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool template_start = (c == '$' || c == '%') && i + 1 < text.size() && text[i + 1] == '{';
    switch (c) {
      case '"': quoted += "\\\""; break;
      case '\\': quoted += "\\\\"; break;
      case '\n': quoted += "\\n"; break;
      case '\r': quoted += "\\r"; break;
      case '\t': quoted += "\\t"; break;
      default:
        if (template_start) quoted += c;  // "$${" and "%%{" are a literal "${" and "%{"
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          quoted += escaped;
        } else {
          quoted += c;
        }
    }
  }
  return quoted + "\"";
}

Result<std::string> curl_command(const TokenDraft& draft, std::string_view base_uri) {
  auto request = create_token(draft);
  if (!request) return request.error();
  std::string command = "curl -sS -X " + request.value().method + " " +
                        shell_word(without_trailing_slash(base_uri) + request.value().path) + " \\\n";
  command += "  -H \"Authorization: $" + std::string(kTokenVariable) + "\" \\\n";
  for (const auto& [name, value] : request.value().headers(""))
    command += "  -H " + shell_word(name + ": " + value) + " \\\n";
  return command + "  --data " + shell_word(request.value().body) + "\n";
}

Result<std::string> ldcli_command(const TokenDraft& draft, std::string_view base_uri) {
  auto request = create_token(draft);
  if (!request) return request.error();
  // ldcli reads the access token from LD_ACCESS_TOKEN itself.
  return "ldcli access-tokens create \\\n  --base-uri " + shell_word(without_trailing_slash(base_uri)) + " \\\n  --data " +
         shell_word(request.value().body) + "\n";
}

Result<std::string> terraform_resource(const TokenDraft& draft, std::string_view base_uri, const std::vector<CustomRole>& roles) {
  auto request = create_token(draft);  // the same checks as a create: a scope, a policy that parses
  if (!request) return request.error();
  std::string text = "variable \"launchdarkly_access_token\" {\n  type      = string\n  sensitive = true\n}\n\n";
  text += "provider \"launchdarkly\" {\n  access_token = var.launchdarkly_access_token\n  api_host     = " +
          hcl_string(without_trailing_slash(base_uri)) + "\n}\n\n";
  text += "resource \"launchdarkly_access_token\" \"" + resource_name(draft.name) + "\" {\n";
  text += "  name                = " + hcl_string(draft.name) + "\n";
  text += "  service_token       = " + std::string(draft.service ? "true" : "false") + "\n";
  text += "  default_api_version = 20240415\n";
  if (draft.scope == ScopeKind::BaseRole) {
    text += "  role                = " + hcl_string(draft.role) + "\n";
  } else if (draft.scope == ScopeKind::CustomRoles) {
    json keys = json::array();
    for (const auto& id : draft.custom_role_ids) {
      std::string key = id;
      for (const auto& role : roles)
        if (role.id == id) key = role.key;
      keys.push_back(key);
    }
    text += "  custom_roles        = " + hcl_list(keys) + "\n";
  } else {
    const json body = json::parse(request.value().body);
    if (!body["inlineRole"].is_array()) return Error{"an inline policy is a list of statements", "", -1};
    for (const auto& statement : body["inlineRole"]) {
      auto block = inline_roles_block(statement);
      if (!block) return block.error();
      text += block.value();
    }
  }
  return text + "}\n";
}

}  // namespace core::api
