#include "policy_bench_kernel.hpp"

#include <nlohmann/json.hpp>

#include "core/policy/principal.hpp"
#include "core/preview/preview.hpp"

namespace bench {
namespace {

using nlohmann::json;
using namespace core::policy;

constexpr const char* kPolicy = R"json([
  {"effect": "allow", "resources": ["proj/*"], "actions": ["viewProject"]},
  {"effect": "allow", "resources": ["proj/${roleAttribute/projects}:env/*:flag/*"], "actions": ["updateOn", "updateTargets"]},
  {"effect": "allow", "resources": ["proj/${roleAttribute/projects}:env/test*:flag/*"], "actions": ["*"]},
  {"effect": "deny", "resources": ["proj/*:env/*;{critical:true}:flag/*;locked"], "actions": ["*"]},
  {"effect": "allow", "resources": ["proj/*:env/*;qa_*:flag/ops_*"], "actions": ["update*"]},
  {"effect": "deny", "resources": ["proj/*:env/production:flag/*"], "actions": ["deleteFlag", "updateFlagVariations"]},
  {"effect": "allow", "resources": ["proj/*;mobile:env/*:flag/*;beta"], "actions": ["updateRules", "updateFallthrough"]},
  {"effect": "allow", "resources": ["proj/*:env/${roleAttribute/environments}:segment/*"], "actions": ["update*"]},
  {"effect": "allow", "resources": ["proj/*:env/*:flag/exp-*"], "actions": ["updateExperimentActive", "updateAttachedMetrics"]},
  {"effect": "deny", "resources": ["proj/*:env/*;{critical:true}:flag/*"], "actions": ["bypassRequiredApproval"]},
  {"effect": "allow", "resources": ["proj/${roleAttribute/projects}:metric/*"], "actions": ["*"]},
  {"effect": "allow", "resources": ["proj/*:env/staging:flag/*"], "actions": ["updateOn", "updateOffVariation"]},
  {"effect": "allow", "resources": ["proj/p1*:env/*:flag/*;team-${roleAttribute/team}"], "actions": ["*"]},
  {"effect": "deny", "resources": ["proj/*:env/*:flag/*;deprecated"], "actions": ["updateTargets"]},
  {"effect": "allow", "resources": ["proj/*:env/*:flag/kill-*"], "actions": ["updateOn"]},
  {"effect": "allow", "resources": ["proj/*:env/dev-*:flag/*"], "actions": ["*"]},
  {"effect": "allow", "resources": ["proj/*;internal:env/*"], "actions": ["viewSdkKey"]},
  {"effect": "allow", "resources": ["proj/*:env/*;{critical:false}"], "actions": ["updateTtl", "updateColor"]},
  {"effect": "deny", "resources": ["proj/secret-*"], "actions": ["viewProject"]},
  {"effect": "allow", "resources": ["proj/*:env/*:flag/*;ops,release"], "actions": ["updateScheduledChanges"]},
  {"effect": "allow", "resources": ["proj/*:env/*:flag/*;view:${roleAttribute/views}"], "actions": ["updateDescription"]},
  {"effect": "allow", "resources": ["member/*:token/*"], "actions": ["createAccessToken"]},
  {"effect": "allow", "resources": ["proj/*:release-pipeline/*"], "actions": ["updateReleasePipelineName"]},
  {"effect": "deny", "resources": ["proj/*:env/*;frozen:flag/*"], "actions": ["update*"]},
  {"effect": "allow", "resources": ["proj/p2*:env/*;qa_*:flag/*;ui"], "actions": ["updateOn", "updateRules"]}
])json";

const std::vector<std::string> kEnvironmentKeys{"production", "staging", "test", "dev-a", "dev-b",
                                                "qa-1", "qa-2", "canary", "perf", "sandbox"};
const std::vector<std::string> kFlagTags{"beta", "ops", "release", "ui", "locked", "team-checkout", "deprecated"};

SegmentProperties tags(std::vector<std::string> values) {
  SegmentProperties props;
  props.set_tags(std::move(values));
  return props;
}

}  // namespace

Principal benchmark_member() {
  Role role;
  role.key = "benchmark";
  role.name = "Benchmark";
  role.policy = parse_policy(json::parse(kPolicy), "").policy;
  Principal member;
  member.member_id = "m-bench";
  member.role_attributes = {{"projects", {"p1*", "p42", "p7"}},
                            {"environments", {"test", "staging"}},
                            {"team", {"checkout", "growth"}},
                            {"views", {"frontend"}}};
  member.custom_roles.push_back({role, std::nullopt});
  return member;
}

DecisionWorkload decision_workload(std::size_t count) {
  DecisionWorkload workload;
  for (const char* name : {"updateOn", "updateTargets", "deleteFlag", "updateRules", "bypassRequiredApproval",
                           "updateScheduledChanges", "updateDescription", "updateExperimentActive"})
    workload.actions.emplace_back(name);
  for (std::size_t i = 0; i < count; ++i) {
    ResourceSegment project{"proj", "p" + std::to_string(i % 97), tags(i % 5 == 0 ? std::vector<std::string>{"mobile"} : std::vector<std::string>{})};
    ResourceSegment environment{"env", kEnvironmentKeys[i % kEnvironmentKeys.size()],
                                tags(i % 3 == 0 ? std::vector<std::string>{"qa_east"} : std::vector<std::string>{})};
    environment.props.critical = environment.key == "production";
    ResourceSegment flag{"flag", (i % 7 == 0 ? "ops_" : i % 11 == 0 ? "kill-" : "f-") + std::to_string(i),
                         tags({kFlagTags[i % kFlagTags.size()], kFlagTags[(i / 3) % kFlagTags.size()]})};
    if (i % 4 == 0) flag.props.views = {"frontend"};
    workload.resources.push_back(Resource({project, environment, flag}));
  }
  return workload;
}

std::uint64_t run_decisions(const Evaluator& evaluator, const DecisionWorkload& workload, std::uint64_t decisions) {
  std::uint64_t allowed = 0;
  std::size_t r = 0, a = 0;
  for (std::uint64_t i = 0; i < decisions; ++i) {
    allowed += evaluator.allows(workload.resources[r], workload.actions[a]);
    if (++r == workload.resources.size()) r = 0;
    if (++a == workload.actions.size()) a = 0;
  }
  return allowed;
}

core::preview::Account large_account(int projects, int environments, int flags_per_project) {
  core::preview::Account account;
  account.self_member_id = "m-bench";
  for (int p = 0; p < projects; ++p) {
    core::preview::Project project;
    project.key = "p" + std::to_string(p);
    project.name = "Project " + std::to_string(p);
    project.props = tags(p % 5 == 0 ? std::vector<std::string>{"mobile"} : std::vector<std::string>{});
    for (int e = 0; e < environments; ++e) {
      core::preview::Environment environment;
      environment.key = kEnvironmentKeys[static_cast<std::size_t>(e) % kEnvironmentKeys.size()];
      environment.name = environment.key;
      environment.props = tags(e % 3 == 0 ? std::vector<std::string>{"qa_east"} : std::vector<std::string>{});
      environment.props.critical = environment.key == "production";
      project.environments.push_back(std::move(environment));
    }
    project.flags.reserve(static_cast<std::size_t>(flags_per_project));
    for (int f = 0; f < flags_per_project; ++f) {
      core::preview::Flag flag;
      flag.key = (f % 7 == 0 ? "ops_" : f % 11 == 0 ? "kill-" : "f-") + std::to_string(f);
      flag.props = tags({kFlagTags[static_cast<std::size_t>(f) % kFlagTags.size()]});
      if (f % 4 == 0) flag.props.views = {"frontend"};
      project.flags.push_back(std::move(flag));
    }
    account.projects.push_back(std::move(project));
  }
  return account;
}

std::uint64_t run_full_preview(const core::preview::Account& account, const Evaluator& evaluator) {
  return core::preview::compute_preview(account, evaluator).totals().allowed;
}

}  // namespace bench
