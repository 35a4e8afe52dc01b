#pragma once
// The roles one subject holds (a member's, or a token's scope): their union decides.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/policy/compiled_role.hpp"
#include "core/policy/decision.hpp"

namespace core::policy {

struct RoleSet {
  std::string subject;  // "member", "token" or "creator", for reasons
  std::vector<CompiledRole> roles;

  // The pure policy decision (policy reference §4.2–4.3): allowed when any role allows. With a trace, the
  // reasons of every role (the allowing roles' when allowed, everyone's denials otherwise).
  bool decide(const Resource& resource, const Action& action, const Semantics& semantics, Trace* trace = nullptr) const;
  bool allows(const Resource& resource, const Action& action, const Semantics& semantics) const {
    return decide(resource, action, semantics);
  }
  // allows() of each of `actions` on one resource, one entry per action (1: allowed).
  std::vector<std::uint8_t> allows_each(const Resource& resource, std::span<const Action> actions,
                                        const Semantics& semantics) const {
    std::vector<std::uint8_t> allowed(actions.size(), 0);
    for (const auto& role : roles) role.decide_each(resource, actions, semantics, allowed);
    return allowed;
  }
};

}  // namespace core::policy
