#pragma once
// A role bound to its role-attribute values: placeholders expanded, globs compiled, ready to decide.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/policy/catalog.hpp"
#include "core/policy/decision.hpp"
#include "core/policy/glob.hpp"
#include "core/policy/policy.hpp"
#include "core/policy/resource.hpp"
#include "core/policy/specifier.hpp"

namespace core::policy {

struct CompiledStatement {
  std::size_t index = 0;
  Effect effect = Effect::Allow;
  bool not_resources = false;
  std::vector<SpecifierMatcher> resources;      // expanded; may be empty (unresolved attributes)
  std::vector<std::string> resource_types;      // last-segment types named, for §8.4 when not cross-type
  bool not_actions = false;
  std::vector<Glob> actions;
  std::vector<std::string> unresolved_attributes;

  bool applies_to_action(std::string_view action, const Semantics& semantics) const;
  // The specifier that decided the match (for reasons): the matching one, or "not in [...]" for notResources.
  bool applies_to_resource(const Resource& resource, const Semantics& semantics,
                           std::string* matched_specifier) const;
  bool applies_to_resource(const Resource& resource, const Semantics& semantics) const {  // the fast path
    if (!not_resources) {
      for (const auto& matcher : resources)
        if (matcher.matches(resource, semantics)) return true;
      return false;
    }
    return applies_to_resource(resource, semantics, nullptr);
  }
  std::string matching_action_pattern(std::string_view action) const;
};

// A specifier of a statement as the per-action index holds it: the shape beside the pointer, so that most
// specifiers are rejected without touching them (kOddShape: always look), and the statement it belongs to.
struct MatcherRef {
  Shape shape = kOddShape;
  const SpecifierMatcher* matcher = nullptr;
  std::uint16_t statement = 0;  // index into the role's denies or allows
  std::uint32_t id = 0;         // the specifier's number within the role (see CompiledRole::decide_each)
};

// Reasons collected while deciding, when they are asked for.
struct Trace {
  std::vector<Reason> allow, deny;
};

struct ActionIndex {
  std::vector<MatcherRef> denies;              // specifiers of deny statements naming the action
  std::vector<MatcherRef> allows;              // specifiers of allow statements naming the action
  std::vector<std::uint16_t> negated_denies;   // notResources statements, decided whole
  std::vector<std::uint16_t> negated_allows;
};

// Move-only: the index points into the statements' specifier vectors, which a move keeps in place.
struct CompiledRole {
  CompiledRole() = default;
  CompiledRole(const CompiledRole&) = delete;
  CompiledRole& operator=(const CompiledRole&) = delete;
  CompiledRole(CompiledRole&&) = default;
  CompiledRole& operator=(CompiledRole&&) = default;

  std::string key;
  std::string name;
  bool reader_base = false;
  bool builtin = false;
  std::string member_id;  // whose role this is, for the reader base's own-token rule; may be empty
  // The policy expanded past kMaxPolicyExpansions with these attribute values: the role allows nothing.
  bool over_expansion_limit = false;
  std::size_t expansions = 0;  // specifiers after expansion, weighted by length (saturating past the limit)
  std::vector<CompiledStatement> denies;
  std::vector<CompiledStatement> allows;
  // For each catalogue action, the specifiers of the statements whose actions name it: a decision
  // looks at these only.
  std::vector<ActionIndex> by_action;

  // The pure decision of this one role (policy reference §4.2): a matching deny wins, then any matching
  // allow, then the reader base. With a trace, also why (every allowing statement, or the deny, or that
  // nothing allows), found through the same index: there is one decision procedure, with or without reasons.
  bool decide(const Resource& resource, const Action& action, const Semantics& semantics, const std::string& subject,
              Trace* trace = nullptr) const;
  // The pure decision of each of `actions` on one resource, as decide() gives it, ORed into `allowed` (one
  // entry per action): the same procedure, with each specifier matched against the resource at most once
  // however many of the actions name it.
  void decide_each(const Resource& resource, std::span<const Action> actions, const Semantics& semantics,
                   std::span<std::uint8_t> allowed) const;

  std::size_t specifier_count = 0;  // specifiers of denies then allows, numbered by MatcherRef::id
};

// What a policy expands to with these attribute values, in expansion_cost units, saturating past
// kMaxPolicyExpansions.
std::size_t policy_expansions(const Policy& policy, const RoleAttributes& attributes);

CompiledRole compile_role(const Role& role, const RoleAttributes& attributes, const std::string& member_id,
                          const Semantics& semantics = default_semantics());

// The reader base's implicit allows (policy reference §4.2): viewProject on every project, and
// createAccessToken on the member's own personal tokens.
bool reader_base_allows(const CompiledRole& role, const Resource& resource, std::string_view action,
                        const Semantics& semantics);

}  // namespace core::policy
