#include "core/policy/action_kinds.hpp"

#include <array>
#include <string_view>

namespace core::policy {
namespace {

bool starts_with_any(std::string_view action, std::initializer_list<std::string_view> prefixes) {
  for (auto prefix : prefixes)
    if (action.starts_with(prefix)) return true;
  return false;
}

bool contains_any(std::string_view action, std::initializer_list<std::string_view> parts) {
  for (auto part : parts)
    if (action.find(part) != std::string_view::npos) return true;
  return false;
}

bool is_any(std::string_view action, std::initializer_list<std::string_view> names) {
  for (auto name : names)
    if (action == name) return true;
  return false;
}

constexpr std::array kKinds = {ActionKind::View,     ActionKind::Toggle,   ActionKind::Targeting,   ActionKind::Release,
                               ActionKind::Approvals, ActionKind::Experiments, ActionKind::Settings, ActionKind::Access,
                               ActionKind::Secrets,  ActionKind::Lifecycle, ActionKind::Other};

}  // namespace

// The rules are tried in order: an approval request's create is an approval, a key's view is a secret.
ActionKind action_kind(std::string_view action) {
  if (contains_any(action, {"ApprovalRequest", "ApprovalSettings"}) || action == "bypassRequiredApproval")
    return ActionKind::Approvals;
  if (contains_any(action, {"ApiKey", "MobileKey", "SdkKey", "Secret", "SamlX509", "PaymentCard"}) ||
      is_any(action, {"resetAccessToken", "resetRelayAutoConfiguration", "updateAccountToken", "deleteAccountToken"}))
    return ActionKind::Secrets;
  if (starts_with_any(action, {"view", "get"})) return ActionKind::View;
  if (action.ends_with("On") && action.starts_with("update")) return ActionKind::Toggle;
  if (is_any(action, {"updateTargets", "updateRules", "updateFallthrough", "updateOffVariation", "updatePrerequisites",
                      "updateExpiringTargets", "updateExpiringRules", "updateFlagRuleDescription", "updateIncluded",
                      "updateExcluded", "copyFlagConfigFrom", "copyFlagConfigTo"}))
    return ActionKind::Targeting;
  // Attached to a flag: its triggers, schedules and pipelines release it; a pipeline's own create is lifecycle.
  if (contains_any(action, {"Trigger", "ScheduledChanges", "FeatureWorkflows", "ReleasePhaseStatus"}) ||
      (starts_with_any(action, {"add", "remove", "replace"}) && action.ends_with("ReleasePipeline")))
    return ActionKind::Release;
  if (contains_any(action, {"MeasuredRollout", "AttachedGoal", "AttachedMetrics", "ExperimentResults", "ExperimentActive",
                            "ExperimentBaseline", "ExperimentToHoldout", "ExperimentFromHoldout", "ForExperiments"}))
    return ActionKind::Experiments;
  if (starts_with_any(action, {"create", "delete", "clone"}) ||
      is_any(action, {"updateGlobalArchived", "updateArchived", "updateDeprecated", "updateExperimentArchived"}))
    return ActionKind::Lifecycle;
  if (contains_any(action, {"Role", "Permission", "Members", "Tokens", "Owner", "Mfa", "Session", "Sso", "Saml", "Scim",
                            "IdPManaging", "IpAllowlist", "DomainMatched"}) ||
      is_any(action, {"updatePolicy", "updateAccessTokenPolicy", "updateRelayAutoConfigurationPolicy"}))
    return ActionKind::Access;
  if (starts_with_any(action, {"update", "manage"})) return ActionKind::Settings;
  return ActionKind::Other;
}

std::string_view kind_words(ActionKind kind) {
  switch (kind) {
    case ActionKind::View: return "view";
    case ActionKind::Toggle: return "turn on/off";
    case ActionKind::Targeting: return "edit targeting";
    case ActionKind::Release: return "schedule and release";
    case ActionKind::Approvals: return "request and review approvals";
    case ActionKind::Experiments: return "run experiments and rollouts";
    case ActionKind::Settings: return "edit settings";
    case ActionKind::Access: return "change who can do what";
    case ActionKind::Secrets: return "see or change keys and secrets";
    case ActionKind::Lifecycle: return "create, archive and delete";
    case ActionKind::Other: break;
  }
  return "other actions";
}

std::string_view kind_heading(ActionKind kind) {
  switch (kind) {
    case ActionKind::View: return "View";
    case ActionKind::Toggle: return "On/off";
    case ActionKind::Targeting: return "Targeting";
    case ActionKind::Release: return "Release";
    case ActionKind::Approvals: return "Approvals";
    case ActionKind::Experiments: return "Experiments";
    case ActionKind::Settings: return "Settings";
    case ActionKind::Access: return "Access";
    case ActionKind::Secrets: return "Secrets";
    case ActionKind::Lifecycle: return "Lifecycle";
    case ActionKind::Other: break;
  }
  return "Other";
}

std::span<const ActionKind> every_kind() { return kKinds; }

}  // namespace core::policy
