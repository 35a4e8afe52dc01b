#include <gtest/gtest.h>

#include "core/api/account_resources.hpp"
#include "core/api/tokens.hpp"
#include "core/policy/subject_json.hpp"
#include "core/preview/preview.hpp"

using namespace core::api;

namespace {

constexpr const char* kProjects = R"({"items":[{"key":"checkout","name":"Checkout","tags":[],"environments":{"items":[
  {"key":"production","name":"Production","tags":[],"critical":true},{"key":"qa","name":"QA","tags":["qa"]}]}}],
  "totalCount":1})";

core::preview::Account checkout_account() {
  auto account = parse_projects_account(kProjects, "m1");
  EXPECT_TRUE(account.ok()) << account.error().describe();
  return account.value();
}

}  // namespace

TEST(AccountResources, RequestsPageAHundredAtATimeWithEscapedKeys) {
  EXPECT_EQ(list_flags("checkout", 200).path, "/api/v2/flags/checkout?limit=100&offset=200");
  EXPECT_EQ(list_segments("checkout", "qa", 0).path, "/api/v2/segments/checkout/qa?limit=100&offset=0");
  EXPECT_EQ(list_flags("a/b?c=d", 0).path, "/api/v2/flags/a%2Fb%3Fc%3Dd?limit=100&offset=0");
  EXPECT_EQ(list_segments("p", "e&x", 0).path, "/api/v2/segments/p/e%26x?limit=100&offset=0");
}

TEST(AccountResources, ParsesKeysTagsAndTheTotal) {
  auto page = parse_listed_resources(R"({"items":[{"key":"kill-payments","tags":["ops","kill-switch"],"name":"x"},
    {"key":"beta-banner","tags":[]}],"totalCount":245,"_links":{}})");
  ASSERT_TRUE(page.ok()) << page.error().describe();
  EXPECT_EQ(page->keys, (std::vector<std::string>{"kill-payments", "beta-banner"}));
  EXPECT_EQ(page->tags[0], (std::vector<std::string>{"ops", "kill-switch"}));
  EXPECT_EQ(page->total, 245);
}

TEST(AccountResources, ABadPageSaysWhere) {
  EXPECT_EQ(parse_listed_resources(R"({"items":[{"tags":[]}]})").error().pointer, "/items/0/key");
  EXPECT_EQ(parse_listed_resources(R"({"items":[{"key":"a","tags":"ops"}]})").error().pointer, "/items/0/tags");
  EXPECT_EQ(parse_listed_resources(R"({"items":[],"totalCount":-4})").error().pointer, "/totalCount");
  EXPECT_EQ(parse_listed_resources(R"({"flags":[]})").error().pointer, "/items");
}

TEST(AccountResources, RealFlagsAndSegmentsReplaceTheStandIns) {
  auto account = checkout_account();
  ASSERT_EQ(account.projects[0].flags.size(), 1u);
  EXPECT_EQ(account.projects[0].flags[0].key, "*");
  auto flags = parse_listed_resources(R"({"items":[{"key":"kill-a","tags":["ops"]},{"key":"ui-b","tags":[]}]})");
  ASSERT_TRUE(set_project_flags(account, "checkout", flags.value()));
  ASSERT_EQ(account.projects[0].flags.size(), 2u);
  EXPECT_EQ(account.projects[0].flags[0].props.tags, std::vector<std::string>{"ops"});
  EXPECT_FALSE(set_project_flags(account, "nope", flags.value()));

  auto segments = parse_listed_resources(R"({"items":[{"key":"beta-users","tags":["beta"]}]})");
  ASSERT_TRUE(set_environment_segments(account, "checkout", "qa", segments.value()));
  std::vector<std::string> qa, production;
  for (const auto& segment : account.projects[0].segments)
    (segment.environment == 1 ? qa : production).push_back(segment.key);
  EXPECT_EQ(qa, std::vector<std::string>{"beta-users"});
  EXPECT_EQ(production, std::vector<std::string>{"*"}) << "other environments keep what they had";
  EXPECT_FALSE(set_environment_segments(account, "checkout", "nope", segments.value()));
}

TEST(AccountResources, ThePreviewThenDecidesEachFlag) {
  auto account = checkout_account();
  set_project_flags(account, "checkout", parse_listed_resources(R"({"items":[{"key":"kill-a","tags":[]},
    {"key":"kill-b","tags":[]},{"key":"ui-c","tags":["ops"]}]})").value());
  const nlohmann::json subject{{"member", {{"memberId", "m1"}, {"baseRole", "no_access"}, {"customRoles", nlohmann::json::array({
      {{"key", "k"}, {"policy", nlohmann::json::parse(R"([{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
        {"effect":"allow","resources":["proj/checkout:env/qa:flag/kill-*"],"actions":["updateOn"]}])")}}})}}}};
  auto evaluator = core::policy::parse_subject(subject, "", core::policy::default_semantics());
  ASSERT_TRUE(evaluator.ok()) << evaluator.error().describe();
  const auto preview = core::preview::compute_preview(account, evaluator.value());
  const auto actions = core::preview::Preview::actions_of("flag");
  const auto update_on = static_cast<std::size_t>(std::find(actions.begin(), actions.end(), "updateOn") - actions.begin());
  for (std::size_t g = 0; g < preview.groups().size(); ++g) {
    const auto& group = preview.groups()[g];
    if (group.type != "flag") continue;
    const bool qa = account.projects[0].environments[static_cast<std::size_t>(group.environment)].key == "qa";
    EXPECT_EQ(group.cells[update_on].allowed, qa ? 2u : 0u) << "the two kill- flags in qa, nothing elsewhere";
    EXPECT_EQ(preview.state(g, 0, update_on) == core::policy::CellState::Allowed, qa);
    EXPECT_EQ(preview.state(g, 2, update_on), core::policy::CellState::Denied);
  }
}
