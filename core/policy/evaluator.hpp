#pragma once
// What a member or a token may do, at the pure policy level or the effective level (policy reference
// §4.4: the viewProject prerequisite, and project-wide flag actions that need every environment).
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
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

// Who a token was issued through: the token (scope) that created it, changed its scope or received its
// secret, with that token's member (or creator) as it was then. Its powers at that moment cap the token.
struct Issuer {
  Principal member;
  std::optional<TokenScope> scope;  // none: only the member's permissions cap
};

// One set of roles that must also allow, and the reason given when it does not.
struct Cap {
  RoleSet roles;
  Reason::Kind reason = Reason::Kind::CappedByMember;
};

class Evaluator {
 public:
  static Evaluator for_member(const Principal& member, const Semantics& semantics = default_semantics());
  // A personal token is capped by its member now; a service token by its creator's roles at creation.
  // Both are capped by every issuer as well.
  static Evaluator for_token(const TokenScope& scope, const Principal& owner_or_creator,
                             const Semantics& semantics = default_semantics(), const std::vector<Issuer>& issuers = {});

  bool allows(const Resource& resource, const Action& action, Level level = Level::Pure,
              const EnvironmentLookup* environments = nullptr) const;
  // Allowed, denied, or capped: the token's scope asks for it but the cap removes it.
  CellState state(const Resource& resource, const Action& action, Level level = Level::Pure,
                  const EnvironmentLookup* environments = nullptr) const;
  Decision explain(const Resource& resource, const Action& action, Level level = Level::Pure,
                   const EnvironmentLookup* environments = nullptr) const;

  // A token whose own scope and issuers put no limit on what its member (or creator) can do: its scope
  // allows every action on every resource ("*" on "*", no deny). A member is unrestricted by definition.
  bool unrestricted() const;
  // Whether every role set involved has reader base permissions (or allows everything): what LaunchDarkly
  // lets any account reader see, such as the account's service tokens and custom roles.
  bool reads_account() const;

  const RoleSet& primary() const { return primary_; }
  // Every cap: the member (or creator) first, then each issuer's token scope and member.
  const std::vector<Cap>& caps() const { return caps_; }
  bool caps_allow(const Resource& resource, const Action& action) const;  // pure level
  // caps_allow() of each of `actions` on one resource, one entry per action (1: every cap allows it).
  std::vector<std::uint8_t> caps_allow_each(const Resource& resource, std::span<const Action> actions) const;
  const Semantics& semantics() const { return semantics_; }

 private:
  Evaluator(RoleSet primary, const Semantics& semantics) : primary_(std::move(primary)), semantics_(semantics) {}

  // One set of roles at the requested level; reasons into trace when given.
  bool set_decide(const RoleSet& set, const Resource& resource, const Action& action, Level level,
                  const EnvironmentLookup* environments, Trace* trace) const;

  RoleSet primary_;
  std::vector<Cap> caps_;
  Semantics semantics_;
};

}  // namespace core::policy
