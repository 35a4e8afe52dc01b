#include "core/policy/lint.hpp"

#include <algorithm>

#include "core/json_fields.hpp"
#include "core/policy/catalog.hpp"

namespace core::policy {
namespace {

using core::child_pointer;

bool grants_every_action(const Statement& statement) {
  if (statement.not_actions) return true;
  return std::find(statement.actions.begin(), statement.actions.end(), "*") != statement.actions.end();
}

bool selects_critical_environment(const SpecifierPattern& pattern) {
  if (pattern.any) return true;
  for (const auto& segment : pattern.segments) {
    if (segment.type != "env") continue;
    if (segment.critical == std::optional<bool>(true)) return true;
    if (segment.key == "*" && !segment.critical && segment.tags.empty()) return true;
    if (segment.key.find("prod") != std::string::npos) return true;
  }
  return false;
}

std::string canonical_shape(const ResourceTypeInfo& info) {
  std::string text;
  for (std::size_t i = 0; i < info.shapes.front().size(); ++i)
    text += std::string(i ? ":" : "") + std::string(info.shapes.front()[i]) + "/*";
  return text;
}

struct Linter {
  const Semantics& semantics;
  std::vector<Diagnostic> warnings;

  void warn(std::string message, std::string pointer, int column = -1) {
    warnings.push_back({Diagnostic::Severity::Warning, std::move(message), std::move(pointer), column, false});
  }

  void statement(const Statement& s, const std::string& at) {
    const std::string list_at = child_pointer(at, s.not_resources ? "notResources" : "resources");
    if (s.not_resources && s.effect == Effect::Allow && semantics.not_resources_cross_types)
      warn("an allow with notResources also covers every other resource type, account, members and roles "
           "included (policy reference §8.4)",
           list_at);
    for (std::size_t i = 0; i < s.parsed.size(); ++i) {
      if (!s.parsed[i]) continue;
      const SpecifierPattern& pattern = *s.parsed[i];
      const std::string item_at = child_pointer(list_at, i);
      shape(pattern, item_at);
      placeholders(s, pattern, item_at);
      if (s.effect == Effect::Allow && !s.not_resources && grants_every_action(s) && selects_critical_environment(pattern) &&
          pattern_reaches_flags_or_envs(pattern))
        warn("allows every action in critical environments, bypassRequiredApproval and deletions included; "
             "list the actions, or add a deny for {critical:true}",
             item_at);
      if (!s.not_resources && !s.not_actions) applicability(s, pattern, at);
    }
    actions(s, at);
  }

  static bool pattern_reaches_flags_or_envs(const SpecifierPattern& pattern) {
    if (pattern.any) return true;
    for (const auto& segment : pattern.segments)
      if (segment.type == "env") return true;
    return false;
  }

  void shape(const SpecifierPattern& pattern, const std::string& at) {
    if (pattern.any || pattern.segments.empty()) return;
    for (const auto& segment : pattern.segments)
      if (find_resource_type(segment.type) == nullptr) return;  // already an error
    if (is_known_shape(pattern.types())) return;
    const ResourceTypeInfo* info = find_resource_type(pattern.segments.back().type);
    warn("\"" + pattern.text + "\" matches no resource: " + std::string(info->title) + " are written " +
             canonical_shape(*info),
         at);
  }

  void placeholders(const Statement& s, const SpecifierPattern& pattern, const std::string& at) {
    if (pattern.attribute_names.empty()) return;
    if (s.effect == Effect::Deny && !s.not_resources)
      warn("this deny uses a role attribute: where the attribute has no value it denies nothing (fail-open)", at);
    if (s.not_resources)
      warn("notResources with a role attribute: where the attribute has no value nothing is excluded", at);
  }

  void applicability(const Statement& s, const SpecifierPattern& pattern, const std::string& at) {
    if (pattern.any || pattern.segments.empty()) return;
    const ResourceTypeInfo* info = find_resource_type(pattern.segments.back().type);
    if (info == nullptr) return;
    const std::string list_at = child_pointer(at, "actions");
    for (std::size_t i = 0; i < s.actions.size(); ++i) {
      const std::string& action = s.actions[i];
      if (action.find('*') != std::string::npos || !is_known_action(action)) continue;
      if (std::find(info->actions.begin(), info->actions.end(), action) == info->actions.end())
        warn("\"" + action + "\" is not an action on " + std::string(info->title) + " (" + pattern.text + ")",
             child_pointer(list_at, i));
    }
  }

  void actions(const Statement& s, const std::string& at) {
    const std::string list_at = child_pointer(at, s.not_actions ? "notActions" : "actions");
    for (std::size_t i = 0; i < s.actions.size(); ++i) {
      const std::string& action = s.actions[i];
      if (action.find('*') == std::string::npos) continue;
      Glob glob(action);
      const auto& known = all_actions();
      if (std::none_of(known.begin(), known.end(), [&](std::string_view name) { return glob.matches(name); }))
        warn("\"" + action + "\" matches no known action", child_pointer(list_at, i));
    }
  }
};

}  // namespace

std::vector<Diagnostic> lint_policy(const Policy& policy, const std::string& pointer, const Semantics& semantics) {
  Linter linter{semantics, {}};
  for (const auto& statement : policy) linter.statement(statement, child_pointer(pointer, statement.index));
  return std::move(linter.warnings);
}

std::vector<Diagnostic> validate_policy(const nlohmann::json& policy_json, const std::string& pointer,
                                        const Semantics& semantics) {
  ParsedPolicy parsed = parse_policy(policy_json, pointer, semantics);
  std::vector<Diagnostic> all = std::move(parsed.diagnostics);
  auto warnings = lint_policy(parsed.policy, pointer, semantics);
  all.insert(all.end(), std::make_move_iterator(warnings.begin()), std::make_move_iterator(warnings.end()));
  return all;
}

}  // namespace core::policy
