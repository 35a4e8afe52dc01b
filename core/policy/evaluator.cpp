#include "core/policy/evaluator.hpp"

#include <algorithm>

#include "core/policy/catalog.hpp"

namespace core::policy {
namespace {

bool is_flag_resource(const Resource& resource) {
  const auto& segments = resource.segments();
  return segments.size() == 3 && segments[0].type == "proj" && segments[1].type == "env" && segments[2].type == "flag";
}

bool needs_view_project(const Resource& resource, const Action& action, const Semantics& semantics) {
  const auto& segments = resource.segments();
  if (!semantics.view_project_prerequisite || segments.empty() || segments[0].type != "proj") return false;
  return !(segments.size() == 1 && action.name == "viewProject");
}

Resource project_of(const Resource& resource) { return Resource({resource.segments()[0]}); }

const Action kViewProject("viewProject");

// The same flag in each environment of its project; just the resource itself when the project's
// environments are unknown.
template <typename Visit>
bool for_every_environment(const Resource& resource, const EnvironmentLookup* environments, Visit visit) {
  const std::vector<ResourceSegment>* list =
      environments != nullptr && *environments ? (*environments)(resource.segments()[0].key) : nullptr;
  if (list == nullptr || list->empty()) return visit(resource);
  Resource variant = resource;
  for (const auto& environment : *list) {
    variant.segments()[1] = environment;
    if (!visit(variant)) return false;
  }
  return true;
}

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

bool Evaluator::caps_allow(const Resource& resource, const Action& action) const noexcept {
  for (const Cap& cap : caps_)
    if (!cap.roles.allows(resource, action, semantics_)) return false;
  return true;
}

bool Evaluator::set_allows(const RoleSet& set, const Resource& resource, const Action& action, Level level,
                           const EnvironmentLookup* environments) const {
  if (level == Level::Pure) return set.allows(resource, action, semantics_);
  if (needs_view_project(resource, action, semantics_) &&
      !set.allows(project_of(resource), kViewProject, semantics_))
    return false;
  if (action.project_wide_flag_action && is_flag_resource(resource))
    return for_every_environment(resource, environments,
                                 [&](const Resource& variant) { return set.allows(variant, action, semantics_); });
  return set.allows(resource, action, semantics_);
}

Decision Evaluator::set_explain(const RoleSet& set, const Resource& resource, const Action& action, Level level,
                                const EnvironmentLookup* environments) const {
  if (level == Level::Effective) {
    if (needs_view_project(resource, action, semantics_)) {
      const Resource project = project_of(resource);
      Decision view = set.explain(project, "viewProject", semantics_);
      if (!view.allowed) {
        Decision denied;
        denied.reasons.push_back({Reason::Kind::NeedsViewProject, set.subject, "", -1, project.text(), "viewProject", ""});
        denied.reasons.insert(denied.reasons.end(), view.reasons.begin(), view.reasons.end());
        return denied;
      }
    }
    if (action.project_wide_flag_action && is_flag_resource(resource)) {
      Decision failed;
      const bool all = for_every_environment(resource, environments, [&](const Resource& variant) {
        Decision decision = set.explain(variant, action.name, semantics_);
        if (decision.allowed) return true;
        failed.reasons.push_back(
            {Reason::Kind::NeedsEveryEnvironment, set.subject, "", -1, "", "", "environment " + variant.segments()[1].key});
        failed.reasons.insert(failed.reasons.end(), decision.reasons.begin(), decision.reasons.end());
        return false;
      });
      if (!all) return failed;
    }
  }
  return set.explain(resource, action.name, semantics_);
}

bool Evaluator::allows(const Resource& resource, const Action& action, Level level,
                       const EnvironmentLookup* environments) const {
  return state(resource, action, level, environments) == CellState::Allowed;
}

CellState Evaluator::state(const Resource& resource, const Action& action, Level level,
                           const EnvironmentLookup* environments) const {
  if (!set_allows(primary_, resource, action, level, environments)) return CellState::Denied;
  for (const Cap& cap : caps_)
    if (!set_allows(cap.roles, resource, action, level, environments)) return CellState::Capped;
  return CellState::Allowed;
}

Decision Evaluator::explain(const Resource& resource, const Action& action, Level level,
                            const EnvironmentLookup* environments) const {
  Decision decision = set_explain(primary_, resource, action, level, environments);
  if (!decision.allowed) return decision;
  for (const Cap& cap : caps_) {
    Decision cap_decision = set_explain(cap.roles, resource, action, level, environments);
    if (cap_decision.allowed) continue;
    Decision capped;
    capped.capped = true;
    Reason reason;
    reason.kind = cap.reason;
    reason.subject = cap.roles.subject;
    capped.reasons.push_back(reason);
    capped.reasons.insert(capped.reasons.end(), cap_decision.reasons.begin(), cap_decision.reasons.end());
    capped.reasons.insert(capped.reasons.end(), decision.reasons.begin(), decision.reasons.end());
    return capped;
  }
  return decision;
}

}  // namespace core::policy
