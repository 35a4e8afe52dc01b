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

  // The pure policy decision (policy reference §4.2–4.3): the fast path, no reasons.
  bool allows(const Resource& resource, const Action& action, const Semantics& semantics) const noexcept;
  // The same decision with its reasons.
  Decision explain(const Resource& resource, std::string_view action, const Semantics& semantics) const;
};

}  // namespace core::policy
