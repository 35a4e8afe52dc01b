// The preview's sentence speaks of the account's real flags: how many of them can be turned on and off, where.
#include <gtest/gtest.h>

#include "core/preview/summary.hpp"
#include "policy_test_support.hpp"

using namespace core::preview;
using core::policy::Evaluator;

namespace {

// checkout: 40 flags, 12 of them kill-*; search: 10 flags; growth: flags not read (the stand-in "*").
Account account_with_flags(bool critical = true) {
  nlohmann::json checkout_flags = nlohmann::json::array(), search_flags = nlohmann::json::array();
  for (int i = 0; i < 40; ++i) checkout_flags.push_back({{"key", (i < 12 ? "kill-" : "beta-") + std::to_string(i)}});
  for (int i = 0; i < 10; ++i) search_flags.push_back({{"key", "ranking-" + std::to_string(i)}});
  auto environments = [critical] {
    return nlohmann::json::array({{{"key", "production"}, {"critical", critical}}, {{"key", "staging"}}});
  };
  auto account = parse_account({
      {"memberId", "m1"}, {"members", {"m1"}}, {"roles", nlohmann::json::array()}, {"teams", nlohmann::json::array()},
      {"projects",
       {{{"key", "checkout"}, {"environments", environments()}, {"flags", checkout_flags}},
        {{"key", "search"}, {"environments", environments()}, {"flags", search_flags}},
        {{"key", "growth"}, {"environments", environments()}, {"flags", {{{"key", "*"}}}}}}}});
  EXPECT_TRUE(account.ok()) << account.error().describe();
  return account.value();
}

std::string sentence_for(const Account& account, const std::string& policy) {
  const auto member = tests::principal(R"({"memberId":"m1","customRoles":[{"key":"r","policy":)" + policy + "}]}");
  return summarize_preview(account, compute_preview(account, Evaluator::for_member(member)), "its member").sentence;
}

}  // namespace

TEST(PreviewSummary, CountsTheFlagsThatCanBeToggledInEachCriticalEnvironment) {
  const Account account = account_with_flags();
  EXPECT_EQ(sentence_for(account, R"([{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
      {"effect":"allow","resources":["proj/checkout:env/production:flag/kill-*"],"actions":["updateOn"]},
      {"effect":"allow","resources":["proj/search:env/*:flag/*"],"actions":["updateOn"]}])"),
            "Can turn flags on and off in 2 of 3 critical environments: 12 of 40 flags in checkout / production, all 10 "
            "flags in search / production.");
}

TEST(PreviewSummary, SaysAnyFlagWhereTheFlagsAreNotRead) {
  const Account account = account_with_flags();
  EXPECT_EQ(sentence_for(account, R"([{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
      {"effect":"allow","resources":["proj/growth:env/*:flag/*"],"actions":["updateOn"]}])"),
            "Can turn flags on and off in 1 of 3 critical environments: any flag in growth / production.");
}

TEST(PreviewSummary, NamesThreeEnvironmentsAndCountsTheRest) {
  const Account account = account_with_flags(false);
  EXPECT_EQ(sentence_for(account, R"([{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
      {"effect":"allow","resources":["proj/*:env/*:flag/*"],"actions":["updateOn"]}])"),
            "Can turn flags on and off in 6 of 6 environments (none is marked critical): all 40 flags in checkout / "
            "production, all 40 flags in checkout / staging, all 10 flags in search / production and 3 more.");
}

TEST(PreviewSummary, NothingToggledSaysSoWithoutNamingPlaces) {
  const Account account = account_with_flags();
  EXPECT_EQ(sentence_for(account, R"([{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]}])"),
            "Can turn flags on and off in 0 of 3 critical environments.");
}

TEST(PreviewSummary, ThousandsAreSeparated) {
  EXPECT_EQ(with_thousands(0), "0");
  EXPECT_EQ(with_thousands(999), "999");
  EXPECT_EQ(with_thousands(1000), "1,000");
  EXPECT_EQ(with_thousands(500000), "500,000");
  EXPECT_EQ(with_thousands(1234567), "1,234,567");
}
