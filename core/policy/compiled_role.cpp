#include "core/policy/compiled_role.hpp"

#include <algorithm>
#include <optional>

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
  // Each specifier's number: the denies' first, then the allows', in the order written.
  std::vector<std::uint32_t> first_deny_id, first_allow_id;
  for (auto [statements, first] : {std::pair{&compiled.denies, &first_deny_id}, std::pair{&compiled.allows, &first_allow_id}})
    for (const auto& statement : *statements) {
      first->push_back(static_cast<std::uint32_t>(compiled.specifier_count));
      compiled.specifier_count += statement.resources.size();
    }
  auto index = [&](const std::vector<CompiledStatement>& statements, const std::vector<std::uint32_t>& first_id,
                   std::size_t a, std::vector<MatcherRef>& refs, std::vector<std::uint16_t>& negated) {
    for (std::size_t i = 0; i < statements.size(); ++i) {
      if (!statements[i].applies_to_action(actions[a], semantics)) continue;
      if (statements[i].not_resources) {
        negated.push_back(static_cast<std::uint16_t>(i));
        continue;
      }
      for (std::size_t m = 0; m < statements[i].resources.size(); ++m) {
        const auto& matcher = statements[i].resources[m];
        refs.push_back({matcher.any || semantics.hierarchical_matching ? kOddShape : matcher.shape, &matcher,
                        static_cast<std::uint16_t>(i), first_id[i] + static_cast<std::uint32_t>(m)});
      }
    }
  };
  for (std::size_t a = 0; a < actions.size(); ++a) {
    index(compiled.denies, first_deny_id, a, compiled.by_action[a].denies, compiled.by_action[a].negated_denies);
    index(compiled.allows, first_allow_id, a, compiled.by_action[a].allows, compiled.by_action[a].negated_allows);
  }
  return compiled;
}

namespace {

// Inlined: this and for_each_hit are the hot loop of every decision.
[[gnu::always_inline]] inline bool ref_matches(const MatcherRef& ref, const Resource& resource, Shape shape,
                                               const Semantics& semantics) noexcept {
  if (ref.shape == shape) return ref.matcher->matches_same_shape(resource, semantics);
  return ref.shape == kOddShape && ref.matcher->matches(resource, semantics);
}

// What is known of one resource while several actions are decided on it: whether each specifier matches
// it (-1: not yet looked at), by MatcherRef::id, then each notResources statement (denies', then allows').
struct MatchMemo {
  std::vector<std::int8_t> known;
};

[[gnu::always_inline]] inline bool remembered(std::int8_t& known, auto look) {
  if (known < 0) known = look() ? 1 : 0;
  return known != 0;
}

// A statement that applies: which one, and through which specifier (none for a notResources statement).
struct Hit {
  std::size_t statement = 0;
  const SpecifierMatcher* matcher = nullptr;
};

// Calls visit(hit) for the statements of one effect that name the action and match the resource — through
// the per-action index for catalogue actions, by looking at every statement otherwise — until visit
// returns false.
// With a memo, each specifier is matched against the resource once over every action decided on it.
template <typename Visit>
[[gnu::always_inline]] inline void for_each_hit(const CompiledRole& role, bool deny, const Resource& resource, const Action& action,
                  const Semantics& semantics, Visit visit, MatchMemo* memo = nullptr) {
  const auto& statements = deny ? role.denies : role.allows;
  if (action.id != kUnknownAction) {
    const ActionIndex& index = role.by_action[action.id];
    const Shape shape = resource.shape();
    for (const MatcherRef& ref : deny ? index.denies : index.allows) {
      const bool hit = memo == nullptr ? ref_matches(ref, resource, shape, semantics)
                                       : remembered(memo->known[ref.id], [&] { return ref_matches(ref, resource, shape, semantics); });
      if (hit && !visit(Hit{ref.statement, ref.matcher})) return;
    }
    const std::size_t negated_first = role.specifier_count + (deny ? 0 : role.denies.size());
    for (std::uint16_t i : deny ? index.negated_denies : index.negated_allows) {
      const bool hit = memo == nullptr ? statements[i].applies_to_resource(resource, semantics)
                                       : remembered(memo->known[negated_first + i],
                                                    [&] { return statements[i].applies_to_resource(resource, semantics); });
      if (hit && !visit(Hit{i, nullptr})) return;
    }
    return;
  }
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const CompiledStatement& statement = statements[i];
    if (!statement.applies_to_action(action.name, semantics)) continue;
    if (statement.not_resources) {
      if (statement.applies_to_resource(resource, semantics) && !visit(Hit{i, nullptr})) return;
      continue;
    }
    for (const auto& matcher : statement.resources)
      if (matcher.matches(resource, semantics)) {
        if (!visit(Hit{i, &matcher})) return;
        break;
      }
  }
}

// The same hits as with reasons, stopping at the first: a deny wins, then an allow, then the reader base.
[[gnu::always_inline]] inline bool decide_without_reasons(const CompiledRole& role, const Resource& resource,
                                                          const Action& action, const Semantics& semantics,
                                                          MatchMemo* memo) {
  bool denied = false, allowed = false;
  for_each_hit(role, true, resource, action, semantics, [&](const Hit&) { return !(denied = true); }, memo);
  if (denied) return false;
  for_each_hit(role, false, resource, action, semantics, [&](const Hit&) { return !(allowed = true); }, memo);
  return allowed || reader_base_allows(role, resource, action.name, semantics);
}

std::string specifier_of(const CompiledStatement& statement, const Hit& hit) {
  if (hit.matcher != nullptr) return hit.matcher->text;
  std::string listed;
  for (const auto& matcher : statement.resources) listed += (listed.empty() ? "" : ", ") + matcher.text;
  return "not in [" + listed + "]";
}

Reason statement_reason(Reason::Kind kind, const std::string& subject, const CompiledRole& role,
                        const CompiledStatement& statement, const Hit& hit, std::string_view action) {
  Reason reason;
  reason.kind = kind;
  reason.subject = subject;
  reason.role = role.key;
  reason.statement = static_cast<int>(statement.index);
  reason.specifier = specifier_of(statement, hit);
  reason.action_pattern = statement.matching_action_pattern(action);
  return reason;
}

}  // namespace

bool CompiledRole::decide(const Resource& resource, const Action& action, const Semantics& semantics,
                          const std::string& subject, Trace* trace) const {
  if (over_expansion_limit) {
    if (trace)
      trace->deny.push_back({Reason::Kind::ExpansionLimit, subject, key, -1, "", "", std::to_string(kMaxPolicyExpansions)});
    return false;
  }
  if (trace == nullptr) return decide_without_reasons(*this, resource, action, semantics, nullptr);
  // A deny wins; the first as written is named.
  std::optional<Hit> deny;
  for_each_hit(*this, true, resource, action, semantics, [&](const Hit& hit) {
    if (!deny || denies[hit.statement].index < denies[deny->statement].index) deny = hit;
    return trace != nullptr;
  });
  if (deny) {
    if (trace)
      trace->deny.push_back(statement_reason(Reason::Kind::DeniedByStatement, subject, *this, denies[deny->statement], *deny,
                                             action.name));
    return false;
  }
  std::vector<Hit> allowing;  // one per statement, in the order written (with a trace)
  bool allowed = false;
  for_each_hit(*this, false, resource, action, semantics, [&](const Hit& hit) {
    allowed = true;
    if (trace && std::none_of(allowing.begin(), allowing.end(), [&](const Hit& seen) { return seen.statement == hit.statement; }))
      allowing.push_back(hit);
    return trace != nullptr;
  });
  if (trace) {
    std::sort(allowing.begin(), allowing.end(),
              [&](const Hit& a, const Hit& b) { return allows[a.statement].index < allows[b.statement].index; });
    for (const Hit& hit : allowing)
      trace->allow.push_back(statement_reason(Reason::Kind::AllowedByStatement, subject, *this, allows[hit.statement], hit,
                                              action.name));
  }
  if (!allowed && reader_base_allows(*this, resource, action.name, semantics)) {
    allowed = true;
    if (trace) trace->allow.push_back({Reason::Kind::ReaderBaseAllows, subject, key, -1, "", std::string(action.name), ""});
  }
  if (!allowed && trace) {
    trace->deny.push_back({Reason::Kind::NoStatementAllows, subject, key, -1, "", "", ""});
    // An unresolved attribute may be why nothing matched: say so.
    for (const auto* list : {&allows, &denies})
      for (const auto& statement : *list)
        for (const auto& attribute : statement.unresolved_attributes)
          trace->deny.push_back({Reason::Kind::UnresolvedAttribute, subject, key, static_cast<int>(statement.index), "", "", attribute});
  }
  return allowed;
}

void CompiledRole::decide_each(const Resource& resource, std::span<const Action> actions, const Semantics& semantics,
                               std::span<std::uint8_t> allowed) const {
  if (over_expansion_limit) return;
  MatchMemo memo{std::vector<std::int8_t>(specifier_count + denies.size() + allows.size(), -1)};
  for (std::size_t a = 0; a < actions.size(); ++a)
    if (!allowed[a] && decide_without_reasons(*this, resource, actions[a], semantics, &memo)) allowed[a] = 1;
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
