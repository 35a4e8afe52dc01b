#include "core/policy/subject_json.hpp"

#include "core/json_fields.hpp"

namespace core::policy {

namespace {

using core::child_pointer;

// "issuedThrough": [{"member": principal, "token": scope?}, ...]: what each issuing token could do then.
Result<std::vector<Issuer>> parse_issuers(const nlohmann::json& token, const std::string& token_at,
                                          const Semantics& semantics) {
  std::vector<Issuer> issuers;
  auto it = token.find("issuedThrough");
  if (it == token.end() || it->is_null()) return issuers;
  const std::string at = child_pointer(token_at, "issuedThrough");
  if (!it->is_array()) return Error{"\"issuedThrough\" must be an array of {\"member\", \"token\"}", at, -1};
  if (it->size() > kMaxIssuers)
    return Error{"a token may be issued through at most " + std::to_string(kMaxIssuers) + " tokens", at, -1,
                 Refusal::Limit};
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string item_at = child_pointer(at, i);
    const nlohmann::json& entry = (*it)[i];
    if (!entry.is_object() || !entry.contains("member"))
      return Error{"an issuer needs a \"member\" (and may have a \"token\")", item_at, -1};
    auto member = parse_principal(entry["member"], child_pointer(item_at, "member"), semantics);
    if (!member) return member.error();
    Issuer issuer{std::move(member).value(), std::nullopt};
    if (entry.contains("token") && !entry["token"].is_null()) {
      auto scope = parse_token_scope(entry["token"], child_pointer(item_at, "token"), semantics);
      if (!scope) return scope.error();
      issuer.scope = std::move(scope).value();
    }
    issuers.push_back(std::move(issuer));
  }
  return issuers;
}

}  // namespace

Result<Evaluator> parse_subject(const nlohmann::json& json, const std::string& pointer, const Semantics& semantics) {
  if (!json.is_object()) return Error{"a subject must be an object with \"member\" (and \"token\")", pointer, -1};
  if (!json.contains("member")) return Error{"missing required field \"member\"", child_pointer(pointer, "member"), -1};
  auto member = parse_principal(json["member"], child_pointer(pointer, "member"), semantics);
  if (!member) return member.error();
  if (!json.contains("token") || json["token"].is_null()) return Evaluator::for_member(member.value(), semantics);
  const std::string token_at = child_pointer(pointer, "token");
  auto scope = parse_token_scope(json["token"], token_at, semantics);
  if (!scope) return scope.error();
  Principal cap = member.value();
  if (scope->kind == TokenScope::Kind::Service && semantics.service_token_cap_is_snapshot &&
      json["token"].contains("creatorAtCreation")) {
    auto creator = parse_principal(json["token"]["creatorAtCreation"], child_pointer(token_at, "creatorAtCreation"), semantics);
    if (!creator) return creator.error();
    cap = std::move(creator).value();
  }
  auto issuers = parse_issuers(json["token"], token_at, semantics);
  if (!issuers) return issuers.error();
  return Evaluator::for_token(scope.value(), cap, semantics, issuers.value());
}

Result<Semantics> parse_semantics(const nlohmann::json& json, const std::string& pointer) {
  Semantics semantics;
  if (json.is_null()) return semantics;
  if (!json.is_object()) return Error{"\"semantics\" must be an object of booleans", pointer, -1};
  const std::pair<const char*, bool Semantics::*> fields[] = {
      {"hierarchical_matching", &Semantics::hierarchical_matching},
      {"tags_match_any", &Semantics::tags_match_any},
      {"not_resources_cross_types", &Semantics::not_resources_cross_types},
      {"allow_not_resources_with_not_actions", &Semantics::allow_not_resources_with_not_actions},
      {"bare_star_matches_all", &Semantics::bare_star_matches_all},
      {"star_action_includes_bypass_approval", &Semantics::star_action_includes_bypass_approval},
      {"custom_roles_replace_base_role", &Semantics::custom_roles_replace_base_role},
      {"service_token_cap_is_snapshot", &Semantics::service_token_cap_is_snapshot},
      {"inline_policy_has_reader_base", &Semantics::inline_policy_has_reader_base},
      {"view_project_prerequisite", &Semantics::view_project_prerequisite},
      {"tags_case_insensitive", &Semantics::tags_case_insensitive},
      {"reader_create_token_own_only", &Semantics::reader_create_token_own_only},
  };
  for (const auto& [name, value] : json.items()) {
    bool known = false;
    for (const auto& [field, member] : fields) {
      if (name != field) continue;
      known = true;
      if (!value.is_boolean()) return Error{"\"" + name + "\" must be true or false", core::child_pointer(pointer, name), -1};
      semantics.*member = value.get<bool>();
    }
    if (!known) return Error{"unknown semantics option \"" + name + "\"", core::child_pointer(pointer, name), -1};
  }
  return semantics;
}

}  // namespace core::policy
