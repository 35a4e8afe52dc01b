#pragma once
// What a member or a token may do, at the pure policy level or the effective level (policy reference
// §4.4: the viewProject prerequisite, and project-wide flag actions that need every environment).
#include <functional>
#include <string_view>
#include <vector>

#include "core/policy/decision.hpp"
#include "core/policy/principal.hpp"
#include "core/policy/role_set.hpp"

namespace core::policy {

enum class Level { Pure, Effective };  // Pure: the policy decision alone (§4.2–4.3)

// The environments of a project, each as an "env" segment with its tags and critical flag (§3.3).
using EnvironmentLookup = std::function<const std::vector<ResourceSegment>*(std::string_view project_key)>;

enum class CellState : unsigned char { Denied = 0, Allowed = 1, Capped = 2 };

class Evaluator {
 public:
  static Evaluator for_member(const Principal& member, const Semantics& semantics = default_semantics());
  // A personal token is capped by its member now; a service token by its creator's roles at creation.
  static Evaluator for_token(const TokenScope& scope, const Principal& owner_or_creator,
                             const Semantics& semantics = default_semantics());

  bool allows(const Resource& resource, const Action& action, Level level = Level::Pure,
              const EnvironmentLookup* environments = nullptr) const;
  // Allowed, denied, or capped: the token's scope asks for it but the cap removes it.
  CellState state(const Resource& resource, const Action& action, Level level = Level::Pure,
                  const EnvironmentLookup* environments = nullptr) const;
  Decision explain(const Resource& resource, const Action& action, Level level = Level::Pure,
                   const EnvironmentLookup* environments = nullptr) const;

  const RoleSet& primary() const { return primary_; }
  const RoleSet* cap() const { return has_cap_ ? &cap_ : nullptr; }
  const Semantics& semantics() const { return semantics_; }

 private:
  Evaluator(RoleSet primary, const Semantics& semantics) : primary_(std::move(primary)), semantics_(semantics) {}

  bool set_allows(const RoleSet& set, const Resource& resource, const Action& action, Level level,
                  const EnvironmentLookup* environments) const;
  Decision set_explain(const RoleSet& set, const Resource& resource, const Action& action, Level level,
                       const EnvironmentLookup* environments) const;

  RoleSet primary_;
  RoleSet cap_;
  bool has_cap_ = false;
  bool cap_is_creator_ = false;
  Semantics semantics_;
};

}  // namespace core::policy
