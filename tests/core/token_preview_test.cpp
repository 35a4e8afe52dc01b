// Previews of drafts and of existing tokens, what-if rows, and the words a preview is summed up in: the
// domain questions the console only draws.
#include <gtest/gtest.h>

#include "core/api/token_preview.hpp"
#include "core/preview/summary.hpp"

using namespace core::api;

namespace {

core::preview::Account demo_account() {
  auto account = core::preview::parse_account(nlohmann::json::parse(R"({
    "memberId": "adam",
    "members": ["adam", "quinn", "wendy"], "roles": ["qa-tester"],
    "projects": [{"key": "checkout", "tags": ["web"],
      "environments": [{"key": "production", "critical": true}, {"key": "qa", "tags": ["qa"]}],
      "flags": [{"key": "kill-switch"}, {"key": "beta-banner", "tags": ["beta"]}],
      "segments": [{"environment": "qa", "key": "testers"}]}]})"));
  EXPECT_TRUE(account.ok()) << account.error().describe();
  return account.value();
}

Member member(std::string id, std::string role, std::vector<TeamSummary> teams = {}) {
  Member m;
  m.id = std::move(id);
  m.email = m.id + "@example.com";
  m.role = std::move(role);
  m.teams = std::move(teams);
  return m;
}

const std::vector<CustomRole> kRoles = {
    {"r1", "qa-tester", "QA tester", "", nlohmann::json::parse(R"([
       {"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
       {"effect":"allow","resources":["proj/*:env/qa:flag/*"],"actions":["*"]}])"), "no_access"}};

Token token(std::string owner, bool service, nlohmann::json inline_role) {
  Token t;
  t.id = "t-" + owner;
  t.name = owner + "'s token";
  t.member_id = std::move(owner);
  t.service = service;
  t.inline_role = std::move(inline_role);
  return t;
}

const nlohmann::json kEverything = nlohmann::json::parse(R"([{"effect":"allow","resources":["*"],"actions":["*"]}])");

std::uint64_t allowed(const TokenPreview& preview) { return preview.preview.totals().allowed; }

}  // namespace

TEST(TokenPreview, ADraftFailsOneWayWhateverAsksForIt) {
  const auto account = demo_account();
  TokenDraft draft;
  draft.scope = ScopeKind::InlinePolicy;
  draft.inline_policy_text = "[{";
  auto bad_json = preview_draft(draft, member("adam", "admin"), kRoles, account);
  ASSERT_FALSE(bad_json.ok());
  EXPECT_NE(bad_json.error().message.find("Inline policy"), std::string::npos);
  draft.scope = ScopeKind::CustomRoles;
  auto no_role = preview_draft(draft, member("adam", "admin"), kRoles, account);
  ASSERT_FALSE(no_role.ok());
  EXPECT_EQ(no_role.error().message, "choose at least one custom role");
}

TEST(TokenPreview, ADraftCarriesItsPolicysDiagnostics) {
  TokenDraft draft;
  draft.scope = ScopeKind::InlinePolicy;
  draft.inline_policy_text = R"([{"effect":"allow","resources":["proj/*:env/*:flag/*"],"actions":["UpdateOn"]}])";
  auto preview = preview_draft(draft, member("adam", "admin"), kRoles, demo_account());
  ASSERT_TRUE(preview.ok()) << preview.error().describe();
  ASSERT_FALSE(preview->diagnostics.empty());
  EXPECT_NE(preview->diagnostics[0].describe().find("updateOn"), std::string::npos) << "the misspelt action's suggestion";
  EXPECT_EQ(allowed(preview.value()), 0u);
}

TEST(TokenPreview, AnotherMembersTokenIsJudgedWithItsOwnMember) {
  const auto account = demo_account();
  const std::vector<Member> members = {member("adam", "admin"), member("quinn", "no_access", {{"qa", "QA team", {"qa-tester"}}})};
  auto quinns = preview_token(token("quinn", false, kEverything), members, kRoles, account);
  auto adams = preview_token(token("adam", false, kEverything), members, kRoles, account);
  ASSERT_TRUE(quinns.ok()) << quinns.error().describe();
  ASSERT_TRUE(adams.ok());
  EXPECT_LT(allowed(quinns.value()), allowed(adams.value()));
  const auto resource = core::policy::parse_resource("role/qa-tester").value();
  EXPECT_EQ(quinns->evaluator.state(resource, "updatePolicy"), core::policy::CellState::Capped);
  EXPECT_EQ(adams->evaluator.state(resource, "updatePolicy"), core::policy::CellState::Allowed);
  EXPECT_EQ(quinns->preview.self_member_id(), "quinn");
  EXPECT_FALSE(quinns->approximate);
  auto unknown = preview_token(token("gone", false, kEverything), members, kRoles, account);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("not among the account's members"), std::string::npos);
}

TEST(TokenPreview, AServiceTokenIsJudgedWithItsCreatorNowAndSaysItIsApproximate) {
  auto preview = preview_token(token("adam", true, kEverything), {member("adam", "writer")}, kRoles, demo_account());
  ASSERT_TRUE(preview.ok());
  EXPECT_TRUE(preview->approximate);
  EXPECT_EQ(preview->capped_by, "its creator's permissions now");
}

TEST(TokenPreview, ADraftIssuedThroughANarrowerTokenIsCappedByIt) {
  const auto account = demo_account();
  TokenDraft draft;
  draft.role = "admin";
  auto through_console = preview_draft(draft, member("adam", "admin"), kRoles, account);
  const auto reader = nlohmann::json::array({{{"member", {{"memberId", "adam"}, {"baseRole", "admin"}}}, {"token", {{"role", "reader"}}}}});
  auto through_reader = preview_draft(draft, member("adam", "admin"), kRoles, account, reader);
  ASSERT_TRUE(through_console.ok() && through_reader.ok());
  EXPECT_LT(allowed(through_reader.value()), allowed(through_console.value()));
  EXPECT_GT(through_reader->preview.totals().capped, 0u);
}

TEST(WhatIf, EachPersonalTokenOfTheMemberNowAndAfter) {
  const auto account = demo_account();
  Token writer_token = token("wendy", false, nlohmann::json::array());
  writer_token.role = "writer";
  const std::vector<Token> tokens = {writer_token, token("wendy", true, kEverything), token("adam", false, kEverything)};
  const auto rows = what_if_role(account, tokens, member("wendy", "writer"), kRoles, "reader");
  ASSERT_EQ(rows.size(), 1u) << "service tokens and other members' tokens are not the member's personal tokens";
  EXPECT_EQ(rows[0].token_name, "wendy's token");
  EXPECT_GT(rows[0].before, rows[0].after);
  EXPECT_GT(rows[0].after, 0u) << "a reader still views projects";
  EXPECT_TRUE(rows[0].problem.empty());
}

TEST(PreviewSummary, SaysHowManyCriticalEnvironmentsCanBeToggledAndWhatCaps) {
  const auto account = demo_account();
  TokenDraft draft;
  draft.scope = ScopeKind::InlinePolicy;
  draft.inline_policy_text = R"([{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
                                 {"effect":"allow","resources":["proj/*:env/*:flag/*"],"actions":["updateOn"]},
                                 {"effect":"allow","resources":["role/*"],"actions":["updatePolicy"]}])";
  auto preview = preview_draft(draft, member("wendy", "writer"), kRoles, account);
  ASSERT_TRUE(preview.ok());
  const auto summary = core::preview::summarize_preview(account, preview->preview, preview->capped_by);
  EXPECT_EQ(summary.sentence, "Can turn flags on and off in 1 of 1 critical environments: all 2 flags in checkout / production.");
  EXPECT_TRUE(summary.capped) << "a writer cannot update roles";
  EXPECT_TRUE(summary.any_project_viewable);
  EXPECT_NE(summary.totals.find("capped by its member's permissions"), std::string::npos) << summary.totals;
  EXPECT_EQ(summary.totals.rfind(std::to_string(account.resource_count()) + " resources: ", 0), 0u) << summary.totals;
}

TEST(PreviewSummary, ChangeLinesNameTheActionsGainedAndLostPerType) {
  const auto account = demo_account();
  const Member adam = member("adam", "admin");
  TokenDraft before, after;
  before.role = "reader";
  after.scope = ScopeKind::InlinePolicy;
  after.inline_policy_text = R"([{"effect":"allow","resources":["proj/*:env/*:flag/*"],"actions":["*"]}])";
  auto was = preview_draft(before, adam, kRoles, account);
  auto is = preview_draft(after, adam, kRoles, account);
  ASSERT_TRUE(was.ok() && is.ok());
  const auto diff = core::preview::diff_previews(account, was->preview, is->preview);
  const auto lines = core::preview::describe_changes(diff, is->preview);
  ASSERT_FALSE(lines.empty());
  const auto lost = std::find_if(lines.begin(), lines.end(), [](const auto& line) { return !line.gained; });
  ASSERT_NE(lost, lines.end()) << "without viewProject nothing inside the project survives";
  EXPECT_EQ(lost->text.rfind("- ", 0), 0u);
  for (const auto& line : lines)
    if (line.actions.size() > 3) EXPECT_NE(line.text.find(" and " + std::to_string(line.actions.size() - 3) + " more"), std::string::npos);
}
