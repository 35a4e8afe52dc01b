#pragma once
// Seeded generators of random policies, principals, tokens and accounts for property tests.
#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <vector>

namespace tests {

class PolicyGenerator {
 public:
  explicit PolicyGenerator(unsigned seed) : random_(seed) {}

  template <typename T>
  const T& pick(const std::vector<T>& options) {
    return options[std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(random_)];
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(random_); }
  int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }

  std::string key(const std::vector<std::string>& keys) {
    switch (between(0, 4)) {
      case 0: return "*";
      case 1: return pick(keys).substr(0, 2) + "*";
      case 2: return "${roleAttribute/" + pick(std::vector<std::string>{"projects", "envs", "missing"}) + "}";
      default: return pick(keys);
    }
  }

  std::string modifiers(const std::vector<std::string>& tags, bool environment) {
    std::vector<std::string> parts;
    if (chance(0.3)) parts.push_back(pick(tags));
    if (chance(0.15)) parts.push_back(pick(tags).substr(0, 1) + "*");
    if (environment && chance(0.3)) parts.push_back(chance(0.5) ? "{critical:true}" : "{critical:false}");
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i == 0 ? ";" : ",") + parts[i];
    return text;
  }

  std::string specifier() {
    const std::string project = "proj/" + key(kProjects) + modifiers(kTags, false);
    const std::string environment = project + ":env/" + key(kEnvironments) + modifiers(kTags, true);
    switch (between(0, 9)) {
      case 0: return project;
      case 1: return environment;
      case 2: return environment + ":segment/" + key(kFlags) + modifiers(kTags, false);
      case 3: return pick(std::vector<std::string>{"member/*", "acct", "role/*", "member/*:token/*", "*"});
      default: return environment + ":flag/" + key(kFlags) + modifiers(kTags, false);
    }
  }

  nlohmann::json statement(const char* effect) {
    nlohmann::json resources = nlohmann::json::array();
    for (int i = between(1, 2); i > 0; --i) resources.push_back(specifier());
    nlohmann::json actions = nlohmann::json::array();
    for (int i = between(1, 2); i > 0; --i) actions.push_back(pick(kActions));
    return {{"effect", effect},
            {chance(0.15) ? "notResources" : "resources", resources},
            {chance(0.15) ? "notActions" : "actions", actions}};
  }

  nlohmann::json policy(int statements) {
    nlohmann::json policy = nlohmann::json::array();
    for (int i = 0; i < statements; ++i) policy.push_back(statement(chance(0.7) ? "allow" : "deny"));
    return policy;
  }

  nlohmann::json role(const std::string& key) {
    return {{"key", key}, {"policy", policy(between(1, 5))}, {"basePermissions", chance(0.5) ? "reader" : "no_access"}};
  }

  nlohmann::json attributes() {
    nlohmann::json attributes = nlohmann::json::object();
    if (chance(0.7)) attributes["projects"] = nlohmann::json::array({pick(kProjects), pick(kProjects)});
    if (chance(0.5)) attributes["envs"] = nlohmann::json::array({pick(kEnvironments)});
    return attributes;
  }

  nlohmann::json principal() {
    nlohmann::json principal{{"memberId", "m1"}, {"baseRole", pick(kBaseRoles)}, {"roleAttributes", attributes()}};
    if (chance(0.6)) principal["customRoles"] = nlohmann::json::array({role("c1"), role("c2")});
    if (chance(0.3)) principal["teamRoles"] = nlohmann::json::array({role("t1")});
    return principal;
  }

  nlohmann::json token() {
    switch (between(0, 2)) {
      case 0: return {{"role", pick(std::vector<std::string>{"reader", "writer", "admin"})}};
      case 1: return {{"customRoles", nlohmann::json::array({role("c1")})}};
      default: return {{"inlinePolicy", policy(between(1, 4))}};
    }
  }

  nlohmann::json account() {
    nlohmann::json projects = nlohmann::json::array();
    for (const auto& project_key : kProjects) {
      nlohmann::json environments = nlohmann::json::array(), flags = nlohmann::json::array(),
                     segments = nlohmann::json::array();
      for (const auto& environment_key : kEnvironments)
        environments.push_back({{"key", environment_key}, {"critical", environment_key == "production"},
                                {"tags", chance(0.5) ? nlohmann::json::array({pick(kTags)}) : nlohmann::json::array()}});
      for (const auto& flag_key : kFlags) {
        flags.push_back({{"key", flag_key}, {"tags", chance(0.5) ? nlohmann::json::array({pick(kTags), pick(kTags)}) : nlohmann::json::array()}});
        if (chance(0.4)) segments.push_back({{"environment", pick(kEnvironments)}, {"key", flag_key + "-users"},
                                              {"tags", nlohmann::json::array({pick(kTags)})}});
      }
      projects.push_back({{"key", project_key}, {"tags", nlohmann::json::array({pick(kTags)})}, {"environments", environments},
                          {"flags", flags}, {"segments", segments}});
    }
    return {{"projects", projects}, {"members", nlohmann::json::array({"m1", "m2"})}, {"roles", nlohmann::json::array({"c1", "c2"})},
            {"teams", nlohmann::json::array({"qa"})},
            {"memberId", "m1"}};
  }

  const std::vector<std::string> kProjects{"web", "mobile", "api"};
  const std::vector<std::string> kEnvironments{"test", "production", "qa"};
  const std::vector<std::string> kFlags{"ops_kill", "checkout", "beta-x"};
  const std::vector<std::string> kTags{"ops", "beta", "Mobile", "qa_a"};
  const std::vector<std::string> kBaseRoles{"reader", "writer", "admin", "no_access"};
  const std::vector<std::string> kActions{"*", "update*", "updateOn", "deleteFlag", "createFlag", "updateName",
                                           "viewProject", "createMember", "updateIncluded", "createAccessToken",
                                           "viewSdkKey", "bypassRequiredApproval"};

 private:
  std::mt19937 random_;
};

}  // namespace tests
