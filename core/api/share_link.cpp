#include "core/api/share_link.hpp"

#include <algorithm>
#include <array>

#include "core/api/requests.hpp"

namespace core::api {
namespace {

using nlohmann::json;

constexpr std::string_view kPrefix = "scenario=";
constexpr std::array<const char*, 5> kViews = {"flag", "segment", "env", "proj", "account"};
constexpr std::size_t kMostCustomRoles = 100;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

Result<std::string> percent_decoded(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      decoded += text[i];
      continue;
    }
    const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0) return Error{"a broken %-escape at character " + std::to_string(i + 1)};
    decoded += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return decoded;
}

const char* scope_name(ScopeKind scope) {
  switch (scope) {
    case ScopeKind::CustomRoles: return "customRoles";
    case ScopeKind::InlinePolicy: return "inlinePolicy";
    case ScopeKind::BaseRole: break;
  }
  return "role";
}

Result<std::string> string_field(const json& object, const char* name, const std::string& at) {
  if (!object.contains(name)) return std::string();
  if (!object[name].is_string()) return Error{std::string(name) + " must be a string", at + "/" + name};
  return object[name].get<std::string>();
}

// "columns": {"everyAction": false, "opened": ["Targeting", "On/off"]}, kinds by their headings.
Result<bool> read_columns(const json& columns, Scenario& scenario) {
  if (!columns.is_object()) return Error{"columns must be an object", "/columns"};
  if (columns.contains("everyAction")) {
    if (!columns["everyAction"].is_boolean()) return Error{"everyAction must be true or false", "/columns/everyAction"};
    scenario.every_action = columns["everyAction"].get<bool>();
  }
  const json& opened = columns.contains("opened") ? columns["opened"] : json::array();
  const auto kinds = policy::every_kind();
  if (!opened.is_array() || opened.size() > kinds.size())
    return Error{"opened must be a list of at most " + std::to_string(kinds.size()) + " kinds", "/columns/opened"};
  for (const auto& name : opened) {
    const auto kind = std::find_if(kinds.begin(), kinds.end(), [&name](policy::ActionKind k) {
      return name.is_string() && name.get<std::string>() == policy::kind_heading(k);
    });
    if (kind == kinds.end()) return Error{"opened must name kinds of action, as the matrix heads them", "/columns/opened"};
    if (std::find(scenario.opened_kinds.begin(), scenario.opened_kinds.end(), *kind) == scenario.opened_kinds.end())
      scenario.opened_kinds.push_back(*kind);
  }
  return true;
}

}  // namespace

std::string scenario_fragment(const Scenario& scenario) {
  const TokenDraft& draft = scenario.draft;
  json body{{"name", draft.name},        {"description", draft.description}, {"service", draft.service},
            {"scope", scope_name(draft.scope)}};
  if (draft.scope == ScopeKind::BaseRole) body["role"] = draft.role;
  if (draft.scope == ScopeKind::CustomRoles) body["customRoleIds"] = draft.custom_role_ids;
  if (draft.scope == ScopeKind::InlinePolicy) body["inlinePolicy"] = draft.inline_policy_text;
  json link{{"draft", std::move(body)}};
  if (!scenario.member_email.empty()) link["member"] = scenario.member_email;
  if (!scenario.view.empty()) link["view"] = scenario.view;
  if (scenario.every_action || !scenario.opened_kinds.empty()) {
    json opened = json::array();
    for (policy::ActionKind kind : scenario.opened_kinds) opened.push_back(policy::kind_heading(kind));
    link["columns"] = {{"everyAction", scenario.every_action}, {"opened", std::move(opened)}};
  }
  return std::string(kPrefix) + percent_encoded(link.dump(-1, ' ', false, json::error_handler_t::replace));
}

bool has_scenario_fragment(std::string_view fragment) { return !fragment.empty() && fragment != "#"; }

Result<Scenario> parse_scenario_fragment(std::string_view fragment) {
  if (!fragment.empty() && fragment.front() == '#') fragment.remove_prefix(1);
  if (fragment.empty()) return Error{"the link has no scenario"};
  if (fragment.size() > kScenarioFragmentLimit)
    return Error{"the link is longer than " + std::to_string(kScenarioFragmentLimit) + " characters", "", -1,
                 Refusal::Limit};
  if (fragment.substr(0, kPrefix.size()) != kPrefix) return Error{"the link's fragment is not a scenario"};
  auto text = percent_decoded(fragment.substr(kPrefix.size()));
  if (!text) return text.error();
  const json link = json::parse(text.value(), nullptr, false);
  if (link.is_discarded() || !link.is_object()) return Error{"the scenario is not a JSON object"};
  if (!link.contains("draft") || !link["draft"].is_object()) return Error{"the scenario has no draft", "/draft"};
  const json& body = link["draft"];

  Scenario scenario;
  TokenDraft& draft = scenario.draft;
  for (auto [field, name] : {std::pair{&draft.name, "name"}, std::pair{&draft.description, "description"}}) {
    auto value = string_field(body, name, "/draft");
    if (!value) return value.error();
    *field = value.value();
  }
  if (body.contains("service")) {
    if (!body["service"].is_boolean()) return Error{"service must be true or false", "/draft/service"};
    draft.service = body["service"].get<bool>();
  }
  auto scope = string_field(body, "scope", "/draft");
  if (!scope) return scope.error();
  if (scope.value() == "role" || scope.value().empty()) {
    draft.scope = ScopeKind::BaseRole;
    auto role = string_field(body, "role", "/draft");
    if (!role) return role.error();
    if (!role.value().empty()) draft.role = role.value();
  } else if (scope.value() == "customRoles") {
    draft.scope = ScopeKind::CustomRoles;
    const json& ids = body.contains("customRoleIds") ? body["customRoleIds"] : json::array();
    if (!ids.is_array() || ids.size() > kMostCustomRoles)
      return Error{"customRoleIds must be a list of at most " + std::to_string(kMostCustomRoles) + " ids", "/draft/customRoleIds"};
    for (const auto& id : ids) {
      if (!id.is_string()) return Error{"customRoleIds must be strings", "/draft/customRoleIds"};
      draft.custom_role_ids.push_back(id.get<std::string>());
    }
  } else if (scope.value() == "inlinePolicy") {
    draft.scope = ScopeKind::InlinePolicy;
    auto policy = string_field(body, "inlinePolicy", "/draft");
    if (!policy) return policy.error();
    draft.inline_policy_text = policy.value();
  } else {
    return Error{"scope must be role, customRoles or inlinePolicy", "/draft/scope"};
  }
  for (auto [field, name] : {std::pair{&scenario.member_email, "member"}, std::pair{&scenario.view, "view"}}) {
    auto value = string_field(link, name, "");
    if (!value) return value.error();
    *field = value.value();
  }
  if (!scenario.view.empty() && std::find(kViews.begin(), kViews.end(), scenario.view) == kViews.end())
    return Error{"view must be one of the preview's tabs", "/view"};
  if (link.contains("columns")) {
    auto columns = read_columns(link["columns"], scenario);
    if (!columns) return columns.error();
  }
  return scenario;
}

}  // namespace core::api
