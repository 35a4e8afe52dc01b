#include "core/policy/role_set.hpp"

namespace core::policy {

bool RoleSet::decide(const Resource& resource, const Action& action, const Semantics& semantics, Trace* trace) const {
  if (trace == nullptr) {
    for (const auto& role : roles)
      if (role.decide(resource, action, semantics, subject)) return true;
    return false;
  }
  bool allowed = false;
  Trace each;
  for (const auto& role : roles) allowed = role.decide(resource, action, semantics, subject, &each) || allowed;
  if (roles.empty()) each.deny.push_back({Reason::Kind::NoStatementAllows, subject, "(no roles)", -1, "", "", ""});
  // An allowed decision carries only what allowed it; a denied one, why each role said no.
  trace->allow.insert(trace->allow.end(), each.allow.begin(), each.allow.end());
  if (!allowed) trace->deny.insert(trace->deny.end(), each.deny.begin(), each.deny.end());
  return allowed;
}

}  // namespace core::policy
