#include <gtest/gtest.h>

#include "core/api/tokens.hpp"
#include "core/policy/subject_json.hpp"
#include "core/preview/preview.hpp"

using namespace core::api;
using nlohmann::json;

TEST(ApiTokens, ParsesAPageOfTokens) {
  auto page = parse_tokens(R"({"items":[{"_id":"t1","memberId":"m1","ownerId":"o","name":"CI","token":"ab12",
    "creationDate":1,"lastModified":1,"_links":{},"role":"reader","serviceToken":false,"customRoleIds":[],
    "_member":{"email":"w@example.com"}},{"_id":"t2","memberId":"m1","creationDate":"2","lastModified":2,"_links":{},
    "inlineRole":[{"effect":"allow","resources":["proj/*"],"actions":["*"]}],"serviceToken":true}],"totalCount":40})");
  ASSERT_TRUE(page.ok()) << page.error().describe();
  EXPECT_EQ(page->total, 40);
  EXPECT_EQ(page->items[0].scope_summary(), "reader");
  EXPECT_EQ(page->items[0].owner_email, "w@example.com");
  EXPECT_EQ(page->items[1].scope_summary(), "inline policy (1 statement)");
  EXPECT_TRUE(page->items[1].service);
}

TEST(ApiTokens, AMissingIdIsAnError) {
  auto page = parse_tokens(R"({"items":[{"memberId":"m1","creationDate":1}]})");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().pointer, "/items/0/_id");
}

TEST(ApiTokens, CreateRequestCarriesExactlyOneScope) {
  TokenDraft draft;
  draft.name = "CI";
  auto request = create_token(draft);
  ASSERT_TRUE(request.ok());
  auto body = json::parse(request->body);
  EXPECT_EQ(body["role"], "reader");
  EXPECT_FALSE(body.contains("customRoleIds"));
  draft.scope = ScopeKind::InlinePolicy;
  draft.inline_policy_text = R"([{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]}])";
  body = json::parse(create_token(draft)->body);
  EXPECT_FALSE(body.contains("role"));
  EXPECT_EQ(body["inlineRole"][0]["actions"][0], "viewProject");
  draft.inline_policy_text = "[{";
  EXPECT_FALSE(create_token(draft).ok());
  draft.scope = ScopeKind::CustomRoles;
  EXPECT_FALSE(create_token(draft).ok());
}

TEST(ApiTokens, RenamePatchHoldsOnlyWhatChanged) {
  Token token;
  token.id = "t1";
  token.name = "old";
  token.description = "same";
  auto request = update_token_text(token, "new", "same");
  EXPECT_EQ(request.method, "PATCH");
  EXPECT_EQ(json::parse(request.body), json::parse(R"([{"op":"replace","path":"/name","value":"new"}])"));
  EXPECT_EQ(reset_token("t1", 5).path, "/api/v2/tokens/t1/reset?expiry=5");
  EXPECT_EQ(reset_token("t1", 0).path, "/api/v2/tokens/t1/reset");
}

TEST(ApiTokens, DraftSubjectPreviewsOverTheProjectsAccount) {
  auto member = parse_member(R"({"_id":"m1","email":"w@example.com","role":"writer"})");
  ASSERT_TRUE(member.ok());
  auto account = parse_projects_account(R"({"items":[{"key":"web","name":"Web","tags":[],"environments":{"items":[
      {"key":"production","name":"Production","tags":[],"critical":true},{"key":"test","name":"Test","tags":[]}]}}]})", "m1");
  ASSERT_TRUE(account.ok()) << account.error().describe();
  EXPECT_EQ(account->projects[0].environments.size(), 2u);
  TokenDraft draft;
  draft.role = "admin";
  auto subject = draft_subject(draft, member.value(), {});
  ASSERT_TRUE(subject.ok());
  auto evaluator = core::policy::parse_subject(subject.value(), "", core::policy::default_semantics());
  ASSERT_TRUE(evaluator.ok()) << evaluator.error().describe();
  const auto preview = core::preview::compute_preview(account.value(), evaluator.value());
  EXPECT_GT(preview.totals().allowed, 0u);
  EXPECT_GT(preview.totals().capped, 0u);  // an admin-scoped token of a writer is capped
}

TEST(ApiTokens, RescopePatchSwapsTheScope) {
  Token token;
  token.id = "t1";
  token.role = "writer";
  TokenDraft draft;
  draft.scope = ScopeKind::InlinePolicy;
  draft.inline_policy_text = R"([{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]}])";
  auto request = update_token_scope(token, draft);
  ASSERT_TRUE(request.ok());
  auto patch = json::parse(request->body);
  EXPECT_EQ(patch[0], json::parse(R"({"op":"remove","path":"/role"})"));
  EXPECT_EQ(patch[1]["path"], "/inlineRole");
  EXPECT_EQ(patch[2], json::parse(R"({"op":"replace","path":"/customRoleIds","value":[]})"));
  const TokenDraft back = draft_of(token);
  EXPECT_EQ(back.scope, ScopeKind::BaseRole);
  EXPECT_EQ(back.role, "writer");
}

TEST(ProjectsAccount, PagesAreJoinedInOrder) {
  const std::string first = R"({"items":[{"key":"a","name":"A","tags":["web"],"environments":{"items":[{"key":"prod","critical":true}]}}],"totalCount":2})";
  const std::string second = R"({"items":[{"key":"b","name":"B","environments":{"items":[{"key":"dev"},{"key":"prod"}]}}],"totalCount":2})";
  auto account = core::api::parse_projects_account(std::vector<std::string>{first, second}, "me");
  ASSERT_TRUE(account) << account.error().describe();
  ASSERT_EQ(account->projects.size(), 2u);
  EXPECT_EQ(account->projects[1].key, "b");
  EXPECT_EQ(account->projects[1].environments.size(), 2u);
  EXPECT_TRUE(account->projects[0].environments[0].props.critical);
  auto count = core::api::parse_page_count(first);
  ASSERT_TRUE(count);
  EXPECT_EQ(count->items, 1);
  EXPECT_EQ(count->total, 2);
  EXPECT_FALSE(core::api::parse_projects_account(std::vector<std::string>{first, "{}"}, "me"));
  EXPECT_EQ(core::api::list_projects(1000, 1000).path, "/api/v2/projects?expand=environments&limit=1000&offset=1000");
}

TEST(MemberPrincipal, ATeamsRolesApplyWithTheTeamsRoleAttributes) {
  auto member = parse_member(R"({"_id":"q1","email":"q@example.com","role":"no_access",
    "teams":[{"key":"payments-oncall","customRoleKeys":["flag-operator"]}]})");
  ASSERT_TRUE(member.ok());
  CustomRole operator_role{"r1", "flag-operator", "Flag operator", "", json::parse(R"([{"effect":"allow",
    "resources":["proj/${roleAttribute/projectKeys}:env/*:flag/*"],"actions":["updateOn"]}])"), "no_access"};
  auto toggles = [&](const Member& who, const std::string& project) {
    auto evaluator = core::policy::parse_subject({{"member", member_principal(who, {operator_role})}}, "",
                                                 core::policy::default_semantics());
    EXPECT_TRUE(evaluator.ok()) << evaluator.error().describe();
    auto resource = core::policy::parse_resource("proj/" + project + ":env/test:flag/kill-payments");
    return evaluator.ok() && resource.ok() && evaluator->allows(resource.value(), "updateOn");
  };
  EXPECT_FALSE(toggles(member.value(), "checkout")) << "until the team is read, its role's attribute has no value";

  auto team = parse_team(R"({"key":"payments-oncall","name":"Payments on-call",
    "roles":{"items":[{"key":"flag-operator"}]},"roleAttributes":{"projectKeys":["checkout"]}})");
  ASSERT_TRUE(team.ok());
  Member read = member.value();
  apply_team(read, team.value());
  EXPECT_TRUE(toggles(read, "checkout"));
  EXPECT_FALSE(toggles(read, "search")) << "the team's values, not any project";

  Member with_own_values = read;
  with_own_values.role_attributes["projectKeys"] = {"search"};
  EXPECT_FALSE(toggles(with_own_values, "search")) << "the member's own values do not reach a team role";
  apply_team(with_own_values, TeamSummary{"another-team", "", {"flag-operator"}, {{"projectKeys", {"search"}}}});
  EXPECT_EQ(with_own_values.teams.size(), 1u) << "a team the member is not in is ignored";
}
