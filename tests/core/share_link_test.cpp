// A scenario in a link's fragment: written and read back whole, readable, bounded, and refusing what is not a
// scenario with the reason.
#include <gtest/gtest.h>

#include <cctype>
#include <random>

#include "core/api/share_link.hpp"

using namespace core::api;

namespace {

Scenario scenario_with(ScopeKind scope) {
  Scenario scenario;
  scenario.draft.name = "Support's walk-through: 100% \"checkout\" #1";
  scenario.draft.description = "line one\nline two & more";
  scenario.draft.service = true;
  scenario.draft.scope = scope;
  scenario.draft.role = "writer";
  scenario.draft.custom_role_ids = {"r1", "r 2"};
  scenario.draft.inline_policy_text = R"([{"effect":"allow","actions":["*"],"resources":["proj/*:env/${roleAttribute/x}"]}])";
  scenario.member_email = "ravi.reader@example.com";
  scenario.view = "segment";
  return scenario;
}

}  // namespace

TEST(ShareLink, EachScopeKindReadsBackWhole) {
  for (ScopeKind scope : {ScopeKind::BaseRole, ScopeKind::CustomRoles, ScopeKind::InlinePolicy}) {
    const Scenario written = scenario_with(scope);
    const auto read = parse_scenario_fragment("#" + scenario_fragment(written));
    ASSERT_TRUE(read) << read.error().message;
    const TokenDraft& draft = read.value().draft;
    EXPECT_EQ(draft.name, written.draft.name);
    EXPECT_EQ(draft.description, written.draft.description);
    EXPECT_TRUE(draft.service);
    EXPECT_EQ(draft.scope, scope);
    if (scope == ScopeKind::BaseRole) EXPECT_EQ(draft.role, "writer");
    if (scope == ScopeKind::CustomRoles) EXPECT_EQ(draft.custom_role_ids, written.draft.custom_role_ids);
    if (scope == ScopeKind::InlinePolicy) EXPECT_EQ(draft.inline_policy_text, written.draft.inline_policy_text);
    EXPECT_EQ(read.value().member_email, "ravi.reader@example.com");
    EXPECT_EQ(read.value().view, "segment");
  }
}

TEST(ShareLink, TheFragmentIsReadableAndHoldsOnlyWhatTheScenarioHas) {
  const std::string fragment = scenario_fragment(scenario_with(ScopeKind::BaseRole));
  EXPECT_EQ(fragment.rfind("scenario=%7B%22draft%22%3A%7B", 0), 0u) << fragment;
  // Only unreserved characters and escapes: nothing a URL would cut or a browser would rewrite.
  for (char c : fragment.substr(9))
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || std::string("-._~%").find(c) != std::string::npos) << c;
  EXPECT_EQ(fragment.find("customRoleIds"), std::string::npos) << "only the scope chosen";
}

TEST(ShareLink, TheMatrixColumnsReadBack) {
  using core::policy::ActionKind;
  Scenario scenario = scenario_with(ScopeKind::BaseRole);
  EXPECT_EQ(scenario_fragment(scenario).find("columns"), std::string::npos) << "the default columns say nothing";
  scenario.opened_kinds = {ActionKind::Targeting, ActionKind::Toggle};
  auto read = parse_scenario_fragment(scenario_fragment(scenario));
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_FALSE(read.value().every_action);
  EXPECT_EQ(read.value().opened_kinds, scenario.opened_kinds);
  scenario.every_action = true;
  scenario.opened_kinds.clear();
  read = parse_scenario_fragment(scenario_fragment(scenario));
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_TRUE(read.value().every_action);
  EXPECT_TRUE(read.value().opened_kinds.empty());
  // Every kind round-trips by its heading.
  scenario.opened_kinds.assign(core::policy::every_kind().begin(), core::policy::every_kind().end());
  read = parse_scenario_fragment(scenario_fragment(scenario));
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read.value().opened_kinds, scenario.opened_kinds);
}

TEST(ShareLink, RandomTextRoundTrips) {
  std::mt19937 random(27);
  for (int i = 0; i < 500; ++i) {
    Scenario scenario;
    for (int k = 0; k < 20; ++k) scenario.draft.name += static_cast<char>(32 + random() % 95);
    scenario.draft.description = "\xC3\xA9t\xC3\xA9 \xE2\x9C\x93";  // UTF-8 as it is
    const auto read = parse_scenario_fragment(scenario_fragment(scenario));
    ASSERT_TRUE(read) << scenario.draft.name;
    EXPECT_EQ(read.value().draft.name, scenario.draft.name);
    EXPECT_EQ(read.value().draft.description, scenario.draft.description);
  }
}

TEST(ShareLink, WhatIsNotAScenarioIsRefusedWithTheReason) {
  EXPECT_FALSE(has_scenario_fragment(""));
  EXPECT_FALSE(has_scenario_fragment("#"));
  EXPECT_TRUE(has_scenario_fragment("#other=1"));
  EXPECT_FALSE(parse_scenario_fragment(""));
  EXPECT_EQ(parse_scenario_fragment("#scenario=" + std::string(kScenarioFragmentLimit, 'a')).error().kind,
            core::Refusal::Limit);
  for (const char* fragment : {"#other=1", "#scenario=%7", "#scenario=%zz", "#scenario=%5B%5D", "#scenario=%7B%7D",
                               "#scenario=%7B%22draft%22%3A1%7D", "#scenario=nope"}) {
    EXPECT_FALSE(parse_scenario_fragment(fragment)) << fragment;
  }
  auto with = [](const std::string& json) { return parse_scenario_fragment("scenario=" + json); };
  EXPECT_EQ(with(R"({"draft":{"name":5}})").error().pointer, "/draft/name");
  EXPECT_EQ(with(R"({"draft":{"scope":"owner"}})").error().pointer, "/draft/scope");
  EXPECT_EQ(with(R"({"draft":{"scope":"customRoles","customRoleIds":[1]}})").error().pointer, "/draft/customRoleIds");
  EXPECT_EQ(with(R"({"draft":{"service":"yes"}})").error().pointer, "/draft/service");
  EXPECT_EQ(with(R"({"draft":{},"view":"secrets"})").error().pointer, "/view");
  EXPECT_EQ(with(R"({"draft":{},"columns":[]})").error().pointer, "/columns");
  EXPECT_EQ(with(R"({"draft":{},"columns":{"everyAction":1}})").error().pointer, "/columns/everyAction");
  EXPECT_EQ(with(R"({"draft":{},"columns":{"opened":["Targeting","Secrets of others"]}})").error().pointer, "/columns/opened");
  EXPECT_EQ(with(R"({"draft":{},"columns":{"opened":[3]}})").error().pointer, "/columns/opened");
  std::string kinds = R"({"draft":{},"columns":{"opened":[)";
  for (int i = 0; i <= 11; ++i) kinds += (i ? ",\"View\"" : "\"View\"");
  EXPECT_EQ(with(kinds + "]}}").error().pointer, "/columns/opened") << "bounded";
  const auto repeated = with(R"({"draft":{},"columns":{"opened":["View","View"]}})");
  ASSERT_TRUE(repeated);
  EXPECT_EQ(repeated.value().opened_kinds.size(), 1u);
  std::string many = R"({"draft":{"scope":"customRoles","customRoleIds":[)";
  for (int i = 0; i <= 100; ++i) many += (i ? ",\"r\"" : "\"r\"");
  EXPECT_FALSE(with(many + "]}}"));
  // Unknown fields (a "token", say) are not read: a scenario has nowhere to keep them.
  const auto extra = with(R"({"draft":{"name":"n","token":"api-123"},"token":"api-456"})");
  ASSERT_TRUE(extra);
  EXPECT_EQ(scenario_fragment(extra.value()).find("api-"), std::string::npos);
}
