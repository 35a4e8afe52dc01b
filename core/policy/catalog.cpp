#include "core/policy/catalog.hpp"

#include <algorithm>
#include <array>

#include "core/policy/resource.hpp"

namespace core::policy {
namespace {

using Shapes = std::vector<std::vector<std::string_view>>;
const Shapes kTop(std::string_view type) { return {{type}}; }
const Shapes kUnderProject(std::string_view type) { return {{"proj", type}}; }
const Shapes kUnderEnvironment(std::string_view type) { return {{"proj", "env", type}}; }

constexpr std::array<std::string_view, 5> kApprovalActions = {
    "createApprovalRequest", "updateApprovalRequest", "deleteApprovalRequest", "reviewApprovalRequest",
    "applyApprovalRequest"};

std::vector<std::string_view> with_approvals(std::vector<std::string_view> actions) {
  actions.insert(actions.end(), kApprovalActions.begin(), kApprovalActions.end());
  return actions;
}

std::vector<ResourceTypeInfo> build_catalog() {
  return {
      {"acct", "Account", kTop("acct"),
       {"createSamlConfig", "deleteSamlConfig", "updateSamlEnabled", "updateSamlSsoUrl", "updateSamlX509Certificate",
        "updateSamlX509KeystoreId", "updateSamlRequireSso", "updateSamlDecryptionEnabled", "updateSamlDefaultRole",
        "updateSamlLogoutUrl", "updateSamlRequestSigningEnabled", "createScimConfig", "deleteScimConfig",
        "updateRequireMfa", "updateSessionDuration", "updateSessionRefresh", "revokeSessions", "updateOrganization",
        "updateAccountToken", "deleteAccountToken", "updateAccountTokenLimit", "updateAccountOwner", "deleteAccount",
        "updateBillingContact", "updatePaymentCard", "getPaymentCard", "updateSubscription", "deleteSubscription",
        "createAnnouncement", "updateAnnouncement", "deleteAnnouncement", "enableIdPManagingTeams",
        "disableIdPManagingTeams", "createAIEvaluation", "updateAIEvaluation", "deleteAIEvaluation"}},
      {"ip-allowlist", "IP allowlist", kTop("ip-allowlist"),
       {"createIpAllowlistEntry", "deleteIpAllowlistEntry", "updateIpAllowlistEnabled", "updateIpAllowlistEntry",
        "viewIpAllowlist"}},
      {"member", "Members", kTop("member"),
       {"createMember", "deleteMember", "updateRole", "updateCustomRole", "updateMemberRoleAttributes",
        "sendMfaRequest", "sendMfaRecoveryCode", "approveDomainMatchedMember", "resetMemberMfa"}},
      {"token", "Personal tokens", {{"member", "token"}},
       {"createAccessToken", "deleteAccessToken", "resetAccessToken", "updateAccessTokenName",
        "updateAccessTokenDescription", "updateAccessTokenPolicy", "updateAccessTokenExpiry"}},
      {"service-token", "Service tokens", kTop("service-token"),
       {"createAccessToken", "deleteAccessToken", "resetAccessToken", "updateAccessTokenName",
        "updateAccessTokenDescription", "updateAccessTokenExpiry"}},
      {"role", "Custom roles", kTop("role"),
       {"createRole", "deleteRole", "updateName", "updateDescription", "updatePolicy", "updateBasePermissions",
        "updateMembers", "updateTokens"}},
      {"team", "Teams", kTop("team"),
       {"createTeam", "deleteTeam", "updateTeamName", "updateTeamDescription", "updateTeamMembers",
        "updateTeamCustomRoles", "updateTeamPermissionGrants", "viewTeam", "maintainTeam"}},
      {"template", "Templates", kTop("template"), {"createTemplate", "deleteTemplate", "viewTemplate"}},
      {"webhook", "Webhooks", kTop("webhook"),
       {"createWebhook", "deleteWebhook", "updateName", "updateUrl", "updateSecret", "updateStatements", "updateOn",
        "updateQuery", "updateTags"}},
      {"integration", "Integrations", kTop("integration"),
       {"createIntegration", "deleteIntegration", "updateName", "updateConfiguration", "updateOn",
        "validateConnection", "updateIntegration"}},
      {"relay-proxy-config", "Relay Proxy configurations", kTop("relay-proxy-config"),
       {"createRelayAutoConfiguration", "deleteRelayAutoConfiguration", "resetRelayAutoConfiguration",
        "updateRelayAutoConfigurationName", "updateRelayAutoConfigurationPolicy"}},
      {"code-reference-repository", "Code reference repositories", kTop("code-reference-repository"),
       {"createCodeRefsRepository", "deleteCodeRefsRepository", "updateCodeRefsRepositoryName",
        "updateCodeRefsRepositoryConfiguration", "updateCodeRefsRepositoryOn", "updateCodeRefsRepositoryBranches"}},
      {"application", "Applications", kTop("application"),
       {"createApplication", "deleteApplication", "updateApplicationDescription", "updateApplicationKind",
        "updateApplicationMaintainer", "createApplicationVersion", "deleteApplicationVersion",
        "updateApplicationVersionName", "updateApplicationVersionSupport"}},
      {"domain-verification", "Domain verifications", kTop("domain-verification"),
       {"createDomainVerification", "deleteDomainVerification", "updateDomainVerification"}},
      {"pending-request", "Pending requests", kTop("pending-request"), {"updatePendingRequest"}},
      {"proj", "Projects", kTop("proj"),
       {"createProject", "deleteProject", "updateProjectName", "updateTags", "viewProject",
        "updateIncludeInSnippetByDefault", "updateDefaultClientSideAvailability", "updateDefaultReleasePipeline",
        "updateProjectFlagDefaults", "updateLifecycleSettings", "updateObservabilitySettings",
        "updateViewAssociationRequirements"}},
      {"env", "Environments", {{"proj", "env"}},
       {"createEnvironment", "deleteEnvironment", "updateName", "updateColor", "updateTtl", "updateApiKey",
        "updateMobileKey", "updateSecureMode", "updateDefaultTrackEvents", "updateTags", "updateRequireComments",
        "updateConfirmChanges", "updateApprovalSettings", "updateCritical", "viewSdkKey", "deleteContextInstance",
        "importEventData"}},
      {"flag", "Flags", kUnderEnvironment("flag"),
       with_approvals(
           {"createFlag", "cloneFlag", "deleteFlag", "updateGlobalArchived", "updateDeprecated", "updateOn",
            "updateTargets", "updateRules", "updateFallthrough", "updateOffVariation", "updatePrerequisites",
            "updateExpiringTargets", "updateScheduledChanges", "updateFeatureWorkflows", "updateFlagRuleDescription",
            "updateRulesWithMeasuredRollout", "updateFallthroughWithMeasuredRollout",
            "updateMeasuredRolloutConfiguration", "stopMeasuredRolloutOnFlagFallthrough",
            "stopMeasuredRolloutOnFlagRule", "updateName", "updateDescription", "updateTags", "updateTemporary",
            "updateMaintainer", "updateFlagVariations", "updateFlagDefaultVariations", "updateFlagCustomProperties",
            "updateIncludeInSnippet", "updateClientSideFlagAvailability", "updateFlagSalt", "updateTrackEvents",
            "updateFlagConfigMigrationSettings", "updateVariationJsonSchema", "copyFlagConfigFrom",
            "copyFlagConfigTo", "createTriggers", "updateTriggers", "deleteTriggers", "createFlagLink",
            "updateFlagLink", "deleteFlagLink", "manageFlagFollowers", "bypassRequiredApproval",
            "addReleasePipeline", "removeReleasePipeline", "replaceReleasePipeline", "updateReleasePhaseStatus",
            "updateAttachedGoals", "updateAttachedMetrics", "updateExperimentActive", "updateExperimentBaseline",
            "deleteExperimentResults", "deleteFlagAttachedGoalResults", "updateExpiringRules",
            "updateFlagFallthroughTrackEvents"})},
      {"segment", "Segments", kUnderEnvironment("segment"),
       with_approvals({"createSegment", "deleteSegment", "updateName", "updateDescription", "updateTags",
                       "updateIncluded", "updateExcluded", "updateRules", "updateExpiringTargets",
                       "updateScheduledChanges", "updateExpiringRules"})},
      {"experiment", "Experiments", kUnderEnvironment("experiment"),
       {"createExperiment", "updateExperiment", "updateExperimentArchived"}},
      {"holdout", "Holdouts", kUnderEnvironment("holdout"),
       {"createHoldout", "addExperimentToHoldout", "removeExperimentFromHoldout", "updateHoldoutName",
        "updateHoldoutDescription", "updateHoldoutStatus", "updateHoldoutRandomizationUnit",
        "updateHoldoutMethodology"}},
      {"destination", "Data export destinations", kUnderEnvironment("destination"),
       {"createDestination", "deleteDestination", "updateName", "updateConfiguration", "updateOn"}},
      {"assignment-data-source", "Assignment data sources", kUnderEnvironment("assignment-data-source"),
       {"createAssignmentDataSource", "updateAssignmentDataSource"}},
      {"notification-subscription", "Notification subscriptions", kUnderEnvironment("notification-subscription"),
       {"createNotificationSubscription", "deleteNotificationSubscription"}},
      {"product-analytics-dashboard", "Product analytics dashboards", kUnderEnvironment("product-analytics-dashboard"),
       {}},
      {"user", "Users (legacy)", kUnderEnvironment("user"), {"deleteUser"}},
      {"metric", "Metrics", kUnderProject("metric"),
       {"createMetric", "deleteMetric", "updateName", "updateDescription", "updateTags", "updateMaintainer",
        "updateOn", "updateArchived", "updateEventKey", "updateEventDefault", "updateUrls", "updateSelector",
        "updateNumeric", "updateNumericUnit", "updateNumericSuccess", "updateUnitAggregationType",
        "updateRandomizationUnits", "updateAnalysisType", "updateMetricDenominator", "updateWindowOffset"}},
      {"metric-group", "Metric groups", kUnderProject("metric-group"),
       {"createMetricGroup", "deleteMetricGroup", "updateMetricGroupName", "updateMetricGroupDescription",
        "updateMetricGroupTags", "updateMetricGroupMaintainer", "updateMetricGroupMetrics"}},
      {"context-kind", "Context kinds", kUnderProject("context-kind"),
       {"createContextKind", "updateContextKind", "updateAvailabilityForExperiments"}},
      {"layer", "Layers", kUnderProject("layer"), {"createLayer", "updateLayer", "updateLayerConfiguration"}},
      {"release-pipeline", "Release pipelines", {{"proj", "release-pipeline"}, {"release-pipeline"}},
       {"createReleasePipeline", "deleteReleasePipeline", "updateReleasePipelineName",
        "updateReleasePipelineDescription", "updateReleasePipelineTags", "updateReleasePipelinePhase",
        "updateReleasePipelinePhaseName"}},
      {"release-policy", "Release policies", kUnderProject("release-policy"),
       {"createReleasePolicy", "deleteReleasePolicy", "updateReleasePolicy", "updateReleasePolicyRank"}},
      {"view", "Views", kUnderProject("view"),
       {"viewView", "updateView", "linkFlagToView", "unlinkFlagFromView", "linkSegmentToView",
        "unlinkSegmentFromView"}},
      {"aiconfig", "AI Configs", {{"proj", "aiconfig"}, {"proj", "env", "aiconfig"}},
       with_approvals({"createAIConfig", "updateAIConfig", "deleteAIConfig", "updateAIConfigVariation",
                       "deleteAIConfigVariation"})},
      {"ai-model-config", "AI model configs", kUnderProject("ai-model-config"),
       {"createAIModelConfig", "deleteAIModelConfig"}},
      {"ai-tool", "AI tools", kUnderProject("ai-tool"), {}},
      {"prompt-snippet", "Prompt snippets", kUnderProject("prompt-snippet"),
       {"createPromptSnippet", "updatePromptSnippet", "deletePromptSnippet"}},
      {"agent-graph", "Agent graphs", kUnderProject("agent-graph"),
       {"createAgentGraph", "updateAgentGraph", "deleteAgentGraph"}},
      {"agent-graphs", "Agent graphs (plural spelling)", kUnderProject("agent-graphs"),
       {"createAgentGraph", "updateAgentGraph", "deleteAgentGraph"}},
      {"session", "Sessions", kUnderProject("session"), {"viewSession"}},
      {"error", "Errors", kUnderProject("error"), {"viewError", "updateErrorStatus"}},
      {"log", "Logs", kUnderProject("log"), {"viewLog"}},
      {"trace", "Traces", kUnderProject("trace"), {"viewTrace"}},
      {"alert", "Alerts", kUnderProject("alert"),
       {"createAlert", "deleteAlert", "updateAlertOn", "updateAlertConfiguration"}},
  };
}

constexpr std::array<std::string_view, 12> kProjectWideFlagActions = {
    "createFlag", "deleteFlag", "updateIncludeInSnippet", "updateName", "updateDescription", "updateTemporary",
    "updateTags", "updateMaintainer", "updateFlagVariations", "updateFlagCustomProperties",
    "updateClientSideFlagAvailability", "updateGlobalArchived"};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

const std::vector<ResourceTypeInfo>& resource_types() {
  static const std::vector<ResourceTypeInfo> catalog = build_catalog();
  return catalog;
}

TypeId type_id(std::string_view type) {
  const auto& types = resource_types();
  for (std::size_t i = 0; i < types.size(); ++i)
    if (types[i].type == type) return static_cast<TypeId>(i);
  return kUnknownType;
}

const ResourceTypeInfo* find_resource_type(std::string_view type) {
  for (const auto& info : resource_types())
    if (info.type == type) return &info;
  return nullptr;
}

const std::vector<std::string_view>& all_actions() {
  static const std::vector<std::string_view> actions = [] {
    std::vector<std::string_view> list;
    for (const auto& info : resource_types()) list.insert(list.end(), info.actions.begin(), info.actions.end());
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    return list;
  }();
  return actions;
}

ActionId action_id(std::string_view action) {
  const auto& actions = all_actions();
  auto it = std::lower_bound(actions.begin(), actions.end(), action);
  if (it == actions.end() || *it != action) return kUnknownAction;
  return static_cast<ActionId>(it - actions.begin());
}

Action::Action(std::string_view action_name)
    : name(action_name), id(action_id(action_name)), project_wide_flag_action(is_project_wide_flag_action(action_name)) {}

bool is_known_action(std::string_view action) {
  const auto& actions = all_actions();
  return std::binary_search(actions.begin(), actions.end(), action);
}

std::string suggest_action(std::string_view action) {
  std::string_view best;
  std::size_t best_distance = 4;  // suggest only close misspellings
  for (auto candidate : all_actions()) {
    const std::size_t distance = edit_distance(action, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return std::string(best);
}

bool is_project_wide_flag_action(std::string_view action) {
  return std::find(kProjectWideFlagActions.begin(), kProjectWideFlagActions.end(), action) !=
         kProjectWideFlagActions.end();
}

std::span<const std::string_view> project_wide_flag_actions() { return kProjectWideFlagActions; }

bool is_known_shape(const std::vector<std::string>& types) {
  if (types.empty()) return false;
  const ResourceTypeInfo* info = find_resource_type(types.back());
  if (info == nullptr) return false;
  for (const auto& shape : info->shapes) {
    if (shape.size() != types.size()) continue;
    if (std::equal(shape.begin(), shape.end(), types.begin())) return true;
  }
  return false;
}

}  // namespace core::policy
