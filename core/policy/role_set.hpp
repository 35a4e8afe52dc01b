#pragma once
// The roles one subject holds (a member's, or a token's scope): their union decides.
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
};

}  // namespace core::policy
