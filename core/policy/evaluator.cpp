#include "core/policy/evaluator.hpp"

#include <algorithm>

#include "core/policy/catalog.hpp"
#include "core/policy/effective.hpp"

namespace core::policy {
namespace {

// A concrete resource as effective_decision's target.
class ResourceTarget {
 public:
  ResourceTarget(const Resource& resource, const EnvironmentLookup* environments)
      : resource_(&resource), environments_(environments) {}
  ResourceTarget(Resource&& owned, const EnvironmentLookup* environments)
      : owned_(std::move(owned)), resource_(&*owned_), environments_(environments) {}
  ResourceTarget(const ResourceTarget& other)
      : owned_(other.owned_), resource_(owned_ ? &*owned_ : other.resource_), environments_(other.environments_) {}
  ResourceTarget& operator=(const ResourceTarget&) = delete;

  const Resource& resource() const { return *resource_; }
  bool under_project() const { return !segments().empty() && segments()[0].type == "proj"; }
  bool is_project() const { return segments().size() == 1 && segments()[0].type == "proj"; }
  bool is_flag() const {
    return segments().size() == 3 && segments()[0].type == "proj" && segments()[1].type == "env" &&
           segments()[2].type == "flag";
  }
  ResourceTarget project() const { return ResourceTarget(Resource({segments()[0]}), environments_); }
  std::string text() const { return resource_->text(); }

  // The same flag in each environment of its project; just the flag itself when they are unknown.
  template <typename Visit>
  bool every_environment(Visit visit) const {
    const std::vector<ResourceSegment>* list =
        environments_ != nullptr && *environments_ ? (*environments_)(segments()[0].key) : nullptr;
    if (list == nullptr || list->empty()) return visit(*this, segments()[1].key);
    Resource variant = *resource_;
    for (const auto& environment : *list) {
      variant.segments()[1] = environment;
      if (!visit(ResourceTarget(variant, environments_), environment.key)) return false;
    }
    return true;
  }

 private:
  const std::vector<ResourceSegment>& segments() const { return resource_->segments(); }

  std::optional<Resource> owned_;
  const Resource* resource_;
  const EnvironmentLookup* environments_;
};

}  // namespace

Evaluator Evaluator::for_member(const Principal& member, const Semantics& semantics) {
  return Evaluator(member_role_set(member, semantics), semantics);
}

Evaluator Evaluator::for_token(const TokenScope& scope, const Principal& owner_or_creator, const Semantics& semantics,
                               const std::vector<Issuer>& issuers) {
  const bool service = scope.kind == TokenScope::Kind::Service;
  Evaluator evaluator(token_role_set(scope, owner_or_creator, semantics), semantics);
  evaluator.caps_.push_back({member_role_set(owner_or_creator, semantics, service ? "creator" : "member"),
                             service ? Reason::Kind::CappedByCreator : Reason::Kind::CappedByMember});
  for (const Issuer& issuer : issuers) {
    if (issuer.scope) {
      RoleSet issuing_token = token_role_set(*issuer.scope, issuer.member, semantics);
      issuing_token.subject = "issuing token";
      evaluator.caps_.push_back({std::move(issuing_token), Reason::Kind::CappedByIssuer});
    }
    evaluator.caps_.push_back({member_role_set(issuer.member, semantics, "issuing token's member"),
                               Reason::Kind::CappedByIssuer});
  }
  return evaluator;
}

namespace {

bool allows_everything(const CompiledRole& role, const Semantics& semantics) {
  if (role.over_expansion_limit || !role.denies.empty()) return false;
  for (const auto& statement : role.allows) {
    if (statement.not_resources || statement.not_actions) continue;
    const bool every_resource = std::any_of(statement.resources.begin(), statement.resources.end(),
                                            [](const SpecifierMatcher& matcher) { return matcher.any; });
    const bool every_action = statement.applies_to_action("*", semantics) &&
                              statement.applies_to_action("bypassRequiredApproval", semantics) &&
                              std::any_of(statement.actions.begin(), statement.actions.end(),
                                          [](const Glob& glob) { return glob.pattern() == "*"; });
    if (every_resource && every_action) return true;
  }
  return false;
}

bool set_allows_everything(const RoleSet& set, const Semantics& semantics) {
  return std::any_of(set.roles.begin(), set.roles.end(),
                     [&](const CompiledRole& role) { return allows_everything(role, semantics); });
}

bool set_reads(const RoleSet& set, const Semantics& semantics) {
  return set_allows_everything(set, semantics) ||
         std::any_of(set.roles.begin(), set.roles.end(), [](const CompiledRole& role) { return role.reader_base; });
}

}  // namespace

bool Evaluator::unrestricted() const {
  if (caps_.empty()) return true;
  return caps_.size() == 1 && set_allows_everything(primary_, semantics_);
}

bool Evaluator::reads_account() const {
  if (!set_reads(primary_, semantics_)) return false;
  return std::all_of(caps_.begin(), caps_.end(), [&](const Cap& cap) { return set_reads(cap.roles, semantics_); });
}

bool Evaluator::caps_allow(const Resource& resource, const Action& action) const {
  for (const Cap& cap : caps_)
    if (!cap.roles.allows(resource, action, semantics_)) return false;
  return true;
}

std::vector<std::uint8_t> Evaluator::caps_allow_each(const Resource& resource, std::span<const Action> actions) const {
  std::vector<std::uint8_t> allowed(actions.size(), 1);
  for (const Cap& cap : caps_) {
    const auto here = cap.roles.allows_each(resource, actions, semantics_);
    for (std::size_t a = 0; a < actions.size(); ++a) allowed[a] &= here[a];
  }
  return allowed;
}

bool Evaluator::set_decide(const RoleSet& set, const Resource& resource, const Action& action, Level level,
                           const EnvironmentLookup* environments, Trace* trace) const {
  if (level == Level::Pure) return set.decide(resource, action, semantics_, trace);
  auto pure = [&](const ResourceTarget& target, const Action& asked, Trace* why) {
    return set.decide(target.resource(), asked, semantics_, why);
  };
  return effective_decision(ResourceTarget(resource, environments), action, semantics_, set.subject, pure, trace).allowed;
}

bool Evaluator::allows(const Resource& resource, const Action& action, Level level,
                       const EnvironmentLookup* environments) const {
  return state(resource, action, level, environments) == CellState::Allowed;
}

CellState Evaluator::state(const Resource& resource, const Action& action, Level level,
                           const EnvironmentLookup* environments) const {
  if (!set_decide(primary_, resource, action, level, environments, nullptr)) return CellState::Denied;
  for (const Cap& cap : caps_)
    if (!set_decide(cap.roles, resource, action, level, environments, nullptr)) return CellState::Capped;
  return CellState::Allowed;
}

Decision Evaluator::explain(const Resource& resource, const Action& action, Level level,
                            const EnvironmentLookup* environments) const {
  Trace own;
  Decision decision;
  decision.allowed = set_decide(primary_, resource, action, level, environments, &own);
  if (!decision.allowed) {
    decision.reasons = std::move(own.deny);
    return decision;
  }
  for (const Cap& cap : caps_) {
    Trace capping;
    if (set_decide(cap.roles, resource, action, level, environments, &capping)) continue;
    decision.allowed = false;
    decision.capped = true;
    Reason reason;
    reason.kind = cap.reason;
    reason.subject = cap.roles.subject;
    decision.reasons.push_back(reason);
    decision.reasons.insert(decision.reasons.end(), capping.deny.begin(), capping.deny.end());
    decision.reasons.insert(decision.reasons.end(), own.allow.begin(), own.allow.end());
    return decision;
  }
  decision.reasons = std::move(own.allow);
  return decision;
}

}  // namespace core::policy
