#include "core/policy/evaluator.hpp"

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

Evaluator Evaluator::for_token(const TokenScope& scope, const Principal& owner_or_creator, const Semantics& semantics) {
  const bool service = scope.kind == TokenScope::Kind::Service;
  Evaluator evaluator(token_role_set(scope, owner_or_creator, semantics), semantics);
  evaluator.cap_ = member_role_set(owner_or_creator, semantics, service ? "creator" : "member");
  evaluator.has_cap_ = true;
  evaluator.cap_is_creator_ = service;
  return evaluator;
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
  if (!set_allows(primary_, resource, action, level, environments)) return false;
  return !has_cap_ || set_allows(cap_, resource, action, level, environments);
}

CellState Evaluator::state(const Resource& resource, const Action& action, Level level,
                           const EnvironmentLookup* environments) const {
  if (!set_allows(primary_, resource, action, level, environments)) return CellState::Denied;
  if (has_cap_ && !set_allows(cap_, resource, action, level, environments)) return CellState::Capped;
  return CellState::Allowed;
}

Decision Evaluator::explain(const Resource& resource, const Action& action, Level level,
                            const EnvironmentLookup* environments) const {
  Decision decision = set_explain(primary_, resource, action, level, environments);
  if (!decision.allowed || !has_cap_) return decision;
  Decision cap = set_explain(cap_, resource, action, level, environments);
  if (cap.allowed) return decision;
  Decision capped;
  capped.capped = true;
  Reason reason;
  reason.kind = cap_is_creator_ ? Reason::Kind::CappedByCreator : Reason::Kind::CappedByMember;
  reason.subject = cap_.subject;
  capped.reasons.push_back(reason);
  capped.reasons.insert(capped.reasons.end(), cap.reasons.begin(), cap.reasons.end());
  capped.reasons.insert(capped.reasons.end(), decision.reasons.begin(), decision.reasons.end());
  return capped;
}

}  // namespace core::policy
