#include "core/policy/compiled_role.hpp"

#include <algorithm>

namespace core::policy {

bool CompiledStatement::applies_to_action(std::string_view action, const Semantics& semantics) const {
  bool listed = false;
  for (const Glob& pattern : actions) {
    if (!pattern.matches(action)) continue;
    if (pattern.pattern() == "*" && action == "bypassRequiredApproval" && !semantics.star_action_includes_bypass_approval)
      continue;
    listed = true;
    break;
  }
  return not_actions ? !listed : listed;
}

bool CompiledStatement::applies_to_resource(const Resource& resource, const Semantics& semantics,
                                            std::string* matched_specifier) const {
  const SpecifierMatcher* hit = nullptr;
  for (const auto& matcher : resources) {
    if (matcher.matches(resource, semantics)) {
      hit = &matcher;
      break;
    }
  }
  if (!not_resources) {
    if (hit != nullptr && matched_specifier != nullptr) *matched_specifier = hit->text;
    return hit != nullptr;
  }
  if (hit != nullptr) return false;
  if (!semantics.not_resources_cross_types &&
      std::find(resource_types.begin(), resource_types.end(), resource.type()) == resource_types.end())
    return false;
  if (matched_specifier != nullptr) {
    std::string listed;
    for (const auto& matcher : resources) listed += (listed.empty() ? "" : ", ") + matcher.text;
    *matched_specifier = "not in [" + listed + "]";
  }
  return true;
}

std::string CompiledStatement::matching_action_pattern(std::string_view action) const {
  if (not_actions) {
    std::string listed;
    for (const auto& glob : actions) listed += (listed.empty() ? "" : ", ") + glob.pattern();
    return "not in [" + listed + "]";
  }
  for (const auto& glob : actions)
    if (glob.matches(action)) return glob.pattern();
  return "";
}

std::size_t policy_expansions(const Policy& policy, const RoleAttributes& attributes) {
  std::size_t total = 0;
  for (const Statement& statement : policy)
    for (const auto& parsed : statement.parsed)
      if (parsed) total = std::min(total + expansion_cost(*parsed, attributes), kMaxPolicyExpansions + 1);
  return total;
}

CompiledRole compile_role(const Role& role, const RoleAttributes& attributes, const std::string& member_id,
                          const Semantics& semantics) {
  CompiledRole compiled;
  compiled.key = role.key;
  compiled.name = role.name;
  compiled.builtin = role.builtin;
  compiled.member_id = member_id;
  compiled.expansions = policy_expansions(role.policy, attributes);
  compiled.over_expansion_limit = compiled.expansions > kMaxPolicyExpansions;
  // Past the limit the role keeps no statements and no reader base: it fails closed, whatever it says.
  compiled.reader_base = role.base == BasePermissions::Reader && !compiled.over_expansion_limit;
  const Policy no_statements;
  for (const Statement& statement : compiled.over_expansion_limit ? no_statements : role.policy) {
    CompiledStatement out;
    out.index = statement.index;
    out.effect = statement.effect;
    out.not_resources = statement.not_resources;
    out.not_actions = statement.not_actions;
    for (const auto& action : statement.actions) out.actions.emplace_back(action);
    for (const auto& parsed : statement.parsed) {
      if (!parsed) continue;  // an unparseable specifier matches nothing (§8.7)
      if (!parsed->segments.empty()) out.resource_types.push_back(parsed->segments.back().type);
      Expansion expansion = expand_specifier(*parsed, attributes, semantics);
      for (auto& missing : expansion.missing_attributes) out.unresolved_attributes.push_back(std::move(missing));
      for (auto& matcher : expansion.matchers) out.resources.push_back(std::move(matcher));
    }
    (statement.effect == Effect::Deny ? compiled.denies : compiled.allows).push_back(std::move(out));
  }
  const auto& actions = all_actions();
  compiled.by_action.resize(actions.size());
  auto index = [&](const std::vector<CompiledStatement>& statements, std::size_t a, std::vector<MatcherRef>& refs,
                   std::vector<std::uint16_t>& negated) {
    for (std::size_t i = 0; i < statements.size(); ++i) {
      if (!statements[i].applies_to_action(actions[a], semantics)) continue;
      if (statements[i].not_resources) {
        negated.push_back(static_cast<std::uint16_t>(i));
        continue;
      }
      for (const auto& matcher : statements[i].resources)
        refs.push_back({matcher.any || semantics.hierarchical_matching ? kOddShape : matcher.shape, &matcher});
    }
  };
  for (std::size_t a = 0; a < actions.size(); ++a) {
    index(compiled.denies, a, compiled.by_action[a].denies, compiled.by_action[a].negated_denies);
    index(compiled.allows, a, compiled.by_action[a].allows, compiled.by_action[a].negated_allows);
  }
  return compiled;
}

namespace {

bool any_matches(const std::vector<MatcherRef>& refs, const Resource& resource, const Semantics& semantics) noexcept {
  const Shape shape = resource.shape();
  for (const MatcherRef& ref : refs) {
    if (ref.shape == shape) {
      if (ref.matcher->matches_same_shape(resource, semantics)) return true;
    } else if (ref.shape == kOddShape && ref.matcher->matches(resource, semantics)) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool CompiledRole::allows_action(const Resource& resource, const Action& action, const Semantics& semantics) const noexcept {
  if (action.id != kUnknownAction) {
    const ActionIndex& index = by_action[action.id];
    if (any_matches(index.denies, resource, semantics)) return false;
    for (std::uint16_t i : index.negated_denies)
      if (denies[i].applies_to_resource(resource, semantics)) return false;
    if (any_matches(index.allows, resource, semantics)) return true;
    for (std::uint16_t i : index.negated_allows)
      if (allows[i].applies_to_resource(resource, semantics)) return true;
  } else {
    for (const auto& statement : denies)
      if (statement.applies_to_action(action.name, semantics) && statement.applies_to_resource(resource, semantics))
        return false;
    for (const auto& statement : allows)
      if (statement.applies_to_action(action.name, semantics) && statement.applies_to_resource(resource, semantics))
        return true;
  }
  return reader_base_allows(*this, resource, action.name, semantics);
}

bool reader_base_allows(const CompiledRole& role, const Resource& resource, std::string_view action,
                        const Semantics& semantics) {
  if (!role.reader_base) return false;
  const auto& segments = resource.segments();
  if (action == "viewProject") return segments.size() == 1 && segments[0].type == "proj";
  if (action == "createAccessToken") {
    if (segments.size() != 2 || segments[0].type != "member" || segments[1].type != "token") return false;
    return !semantics.reader_create_token_own_only || role.member_id.empty() || segments[0].key == role.member_id;
  }
  return false;
}

}  // namespace core::policy
