// What a scope allows, said per resource type in words, and what it reads.
#include <gtest/gtest.h>

#include "core/policy/action_kinds.hpp"
#include "core/policy/catalog.hpp"
#include "core/preview/allowances.hpp"
#include "policy_test_support.hpp"

using namespace core::preview;
using core::policy::ActionKind;
using core::policy::Evaluator;

namespace {

// checkout: 40 flags (12 kill-*), production and staging; search: 10 flags; growth: flags not read ("*").
Account demo_account() {
  nlohmann::json checkout_flags = nlohmann::json::array(), search_flags = nlohmann::json::array();
  for (int i = 0; i < 40; ++i) checkout_flags.push_back({{"key", (i < 12 ? "kill-" : "beta-") + std::to_string(i)}});
  for (int i = 0; i < 10; ++i) search_flags.push_back({{"key", "ranking-" + std::to_string(i)}});
  const auto environments = nlohmann::json::array({{{"key", "production"}, {"critical", true}}, {{"key", "staging"}}});
  auto account = parse_account({
      {"memberId", "m1"}, {"members", {"m1", "m2"}}, {"roles", nlohmann::json::array()}, {"teams", nlohmann::json::array()},
      {"projects",
       {{{"key", "checkout"}, {"environments", environments}, {"flags", checkout_flags}},
        {{"key", "search"}, {"environments", environments}, {"flags", search_flags}},
        {{"key", "growth"}, {"environments", environments}, {"flags", {{{"key", "*"}}}}}}}});
  EXPECT_TRUE(account.ok()) << account.error().describe();
  return account.value();
}

Allowances allowances_of(const Account& account, const std::string& member_json) {
  const Evaluator evaluator = Evaluator::for_member(tests::principal(member_json));
  return describe_allowances(account, compute_preview(account, evaluator), evaluator.reads_account());
}

Allowances allowances_of_policy(const Account& account, const std::string& policy) {
  return allowances_of(account, R"({"memberId":"m1","customRoles":[{"key":"r","basePermissions":"no_access","policy":)" +
                                    policy + "}]}");
}

std::string line_of(const Allowances& allowances, const std::string& type) {
  for (const auto& line : allowances.lines)
    if (line.type == type) return line.text;
  return "";
}

}  // namespace

TEST(ActionKinds, EveryCatalogueActionHasAKindAndTheEverydayOnesAreNamed) {
  EXPECT_EQ(core::policy::action_kind("updateOn"), ActionKind::Toggle);
  EXPECT_EQ(core::policy::action_kind("updateTargets"), ActionKind::Targeting);
  EXPECT_EQ(core::policy::action_kind("updateRules"), ActionKind::Targeting);
  EXPECT_EQ(core::policy::action_kind("createFlag"), ActionKind::Lifecycle);
  EXPECT_EQ(core::policy::action_kind("updateGlobalArchived"), ActionKind::Lifecycle);
  EXPECT_EQ(core::policy::action_kind("createApprovalRequest"), ActionKind::Approvals);
  EXPECT_EQ(core::policy::action_kind("viewProject"), ActionKind::View);
  EXPECT_EQ(core::policy::action_kind("viewSdkKey"), ActionKind::Secrets);
  EXPECT_EQ(core::policy::action_kind("updateApiKey"), ActionKind::Secrets);
  EXPECT_EQ(core::policy::action_kind("resetAccessToken"), ActionKind::Secrets);
  EXPECT_EQ(core::policy::action_kind("updateAccessTokenPolicy"), ActionKind::Access);
  EXPECT_EQ(core::policy::action_kind("updateRole"), ActionKind::Access);
  EXPECT_EQ(core::policy::action_kind("updateScheduledChanges"), ActionKind::Release);
  EXPECT_EQ(core::policy::action_kind("createTriggers"), ActionKind::Release);
  EXPECT_EQ(core::policy::action_kind("createReleasePipeline"), ActionKind::Lifecycle);
  EXPECT_EQ(core::policy::action_kind("updateRulesWithMeasuredRollout"), ActionKind::Experiments);
  EXPECT_EQ(core::policy::action_kind("updateName"), ActionKind::Settings);
  // No flag action is left without a kind a person recognises.
  for (auto action : core::policy::find_resource_type("flag")->actions)
    EXPECT_NE(core::policy::action_kind(action), ActionKind::Other) << action;
}

TEST(Allowances, ToggleAndTargetingInOnePlaceCountTheFlags) {
  const Account account = demo_account();
  const auto allowances = allowances_of_policy(account, R"([{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
      {"effect":"allow","resources":["proj/checkout:env/production:flag/kill-*"],"actions":["updateOn","updateTargets"]}])");
  EXPECT_EQ(line_of(allowances, "flag"),
            "Flags: turn on/off, edit targeting (1 of 10 actions) — in checkout / production (12 of 40 flags)");
  EXPECT_EQ(line_of(allowances, "proj"), "Projects: view — in every project (3)");
  EXPECT_EQ(line_of(allowances, "segment"), "");
  EXPECT_EQ(allowances.lines.size(), 2u);
}

TEST(Allowances, EverythingEverywhereIsSaidSo) {
  const Account account = demo_account();
  const auto allowances = allowances_of_policy(account, R"([{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
      {"effect":"allow","resources":["proj/checkout:env/*:flag/*","proj/search:env/*:flag/*"],"actions":["*"]}])");
  EXPECT_EQ(line_of(allowances, "flag"), "Flags: everything — in checkout / production (all 40 flags), checkout / "
                                         "staging (all 40 flags), search / production (all 10 flags) and 1 more places");
  const auto writer_like = allowances_of_policy(account, R"([{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
      {"effect":"allow","resources":["proj/*:env/*:flag/*"],"actions":["*"]}])");
  EXPECT_EQ(line_of(writer_like, "flag"), "Flags: everything — in checkout / production (all 40 flags), checkout / "
                                          "staging (all 40 flags), search / production (all 10 flags) and 3 more places");
}

TEST(Allowances, PlacesThatAllowDifferentThingsAreSaidApart) {
  const Account account = demo_account();
  const auto allowances = allowances_of_policy(account, R"([{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
      {"effect":"allow","resources":["proj/*:env/staging:flag/*"],"actions":["updateOn"]},
      {"effect":"allow","resources":["proj/*:env/production:flag/*"],"actions":["updateOn", "updateTargets"]}])");
  const std::string flags = line_of(allowances, "flag");
  EXPECT_EQ(flags.find("Flags: turn on/off, edit targeting (1 of 10 actions) — in "), 0u) << flags;
  EXPECT_NE(flags.find("— in checkout / production (all 40 flags), search / production (all 10 flags), growth / "
                       "production (any flag: not read yet); turn on/off — in checkout / staging"),
            std::string::npos)
      << flags;
}

TEST(Allowances, AReaderReadsEverythingAndChangesNothingButItsOwnTokens) {
  const Account account = demo_account();
  const auto reader = allowances_of(account, R"({"memberId":"m1","role":"reader"})");
  EXPECT_EQ(reader.reads, "Reads everything: every project with its environments, flags and segments, and the "
                          "account's members, teams, custom roles and tokens.");
  for (const auto& line : reader.lines) EXPECT_TRUE(line.type == "proj" || line.type == "token") << line.text;
  EXPECT_EQ(line_of(reader, "token"), "Personal tokens: create, archive and delete (1 of 2 actions) (its member's own)");
}

TEST(Allowances, NoReaderBaseReadsOnlyTheProjectsItMayView) {
  const Account account = demo_account();
  const auto some = allowances_of_policy(account, R"([{"effect":"allow","resources":["proj/checkout"],"actions":["viewProject"]}])");
  EXPECT_EQ(some.reads, "Reads 1 of 3 projects (checkout) with their environments, flags and segments; not the account's "
                        "custom roles or service tokens (its scope has no reader base).");
  const auto none = allowances_of_policy(account, "[]");
  EXPECT_EQ(none.reads.find("Reads no project (viewProject allows none)"), 0u) << none.reads;
  EXPECT_TRUE(none.lines.empty());
}

TEST(Allowances, AccountLevelTypesCountTheirResources) {
  const Account account = demo_account();
  const auto allowances = allowances_of_policy(account, R"([{"effect":"allow","resources":["member/m2"],"actions":["updateRole"]}])");
  EXPECT_EQ(line_of(allowances, "member"), "Members: change who can do what (1 of 7 actions) (1 of 2 members)");
}
