// The evaluation rules of the policy reference (§4), one test per rule.
#include <gtest/gtest.h>

#include "core/policy/base_roles.hpp"
#include "policy_test_support.hpp"

using namespace core::policy;
using tests::resource;

namespace {
const Resource kFlag = resource("proj/web:env/production:flag/checkout");
}

TEST(Evaluation, DefaultDeny) {
  EXPECT_FALSE(tests::role("[]").allows(kFlag, "updateOn"));
  auto decision = tests::role("[]").explain(kFlag, "updateOn");
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].kind, Reason::Kind::NoStatementAllows);
}

TEST(Evaluation, WithinARoleDenyWinsAndNamesTheStatement) {
  auto evaluator = tests::role(R"([{"effect":"allow","resources":["proj/*:env/*:flag/*"],"actions":["*"]},
                                   {"effect":"deny","resources":["proj/*:env/production:flag/*"],"actions":["update*"]}])");
  auto decision = evaluator.explain(kFlag, "updateOn");
  EXPECT_FALSE(decision.allowed);
  ASSERT_FALSE(decision.reasons.empty());
  EXPECT_EQ(decision.reasons[0].kind, Reason::Kind::DeniedByStatement);
  EXPECT_EQ(decision.reasons[0].statement, 1);
  EXPECT_EQ(decision.reasons[0].specifier, "proj/*:env/production:flag/*");
  EXPECT_EQ(decision.reasons[0].action_pattern, "update*");
  EXPECT_TRUE(evaluator.allows(kFlag, "deleteFlag"));
}

TEST(Evaluation, AllowReasonsListEveryAllowingStatement) {
  auto decision = tests::role(R"([{"effect":"allow","resources":["proj/*:env/*:flag/*"],"actions":["updateOn"]},
                                  {"effect":"allow","resources":["proj/web:env/*:flag/check*"],"actions":["*"]}])")
                      .explain(kFlag, "updateOn");
  EXPECT_TRUE(decision.allowed);
  ASSERT_EQ(decision.reasons.size(), 2u);
  EXPECT_EQ(decision.reasons[1].specifier, "proj/web:env/*:flag/check*");
}

TEST(Evaluation, AcrossRolesTheUnionAllows) {
  auto member = tests::principal(R"({"customRoles":[
      {"key":"a","policy":[{"effect":"deny","resources":["proj/*:env/*:flag/*"],"actions":["*"]}]},
      {"key":"b","policy":[{"effect":"allow","resources":["proj/*:env/*:flag/*"],"actions":["updateOn"]}]}]})");
  auto decision = Evaluator::for_member(member).explain(kFlag, "updateOn");
  EXPECT_TRUE(decision.allowed);
  EXPECT_EQ(decision.reasons[0].role, "b");
}

TEST(Evaluation, CustomRolesReplaceTheBaseRoleUnlessTheOptionSaysOtherwise) {
  const std::string json = R"({"baseRole":"writer","customRoles":[{"key":"view","policy":[]}]})";
  EXPECT_FALSE(Evaluator::for_member(tests::principal(json)).allows(kFlag, "updateOn"));
  Semantics writer_wins;
  writer_wins.custom_roles_replace_base_role = false;
  EXPECT_TRUE(Evaluator::for_member(tests::principal(json, writer_wins), writer_wins).allows(kFlag, "updateOn"));
}

TEST(Evaluation, TeamRolesAddToNoAccess) {
  auto member = tests::principal(R"({"baseRole":"no_access","teamRoles":[
      {"key":"qa","policy":[{"effect":"allow","resources":["proj/*:env/*:flag/*"],"actions":["updateOn"]}]}]})");
  EXPECT_TRUE(Evaluator::for_member(member).allows(kFlag, "updateOn"));
  EXPECT_FALSE(Evaluator::for_member(member).allows(kFlag, "deleteFlag"));
}

TEST(Evaluation, PermissionGrantsActLikeAnAllowStatement) {
  auto member = tests::principal(R"({"baseRole":"reader","permissionGrants":[{"resource":"team/qa","actions":["maintainTeam"]}]})");
  EXPECT_TRUE(Evaluator::for_member(member).allows(resource("team/qa"), "maintainTeam"));
  EXPECT_FALSE(Evaluator::for_member(member).allows(resource("team/ops"), "maintainTeam"));
}

TEST(Evaluation, ReaderBaseGivesViewProjectAndOwnTokenCreation) {
  auto evaluator = tests::role("[]", R"(,"memberId":"m1")");
  auto reader = tests::principal(R"({"memberId":"m1","customRoles":[{"key":"r","basePermissions":"reader","policy":[]}]})");
  auto with_base = Evaluator::for_member(reader);
  EXPECT_FALSE(evaluator.allows(resource("proj/web"), "viewProject"));
  EXPECT_TRUE(with_base.allows(resource("proj/web"), "viewProject"));
  EXPECT_TRUE(with_base.allows(resource("member/m1:token/new"), "createAccessToken"));
  EXPECT_FALSE(with_base.allows(resource("member/m2:token/new"), "createAccessToken"));
  EXPECT_FALSE(with_base.allows(resource("proj/web"), "updateProjectName"));
  EXPECT_EQ(with_base.explain(resource("proj/web"), "viewProject").reasons[0].kind, Reason::Kind::ReaderBaseAllows);
}

TEST(Evaluation, NotResourcesComplementsAcrossTypesByDefault) {
  const std::string policy = R"([{"effect":"allow","notResources":["proj/*:env/production:flag/*"],"actions":["*"]}])";
  EXPECT_TRUE(tests::role(policy).allows(resource("member/abc"), "createMember"));
  Semantics same_type;
  same_type.not_resources_cross_types = false;
  EXPECT_FALSE(tests::role(policy, "", same_type).allows(resource("member/abc"), "createMember"));
  EXPECT_TRUE(tests::role(policy, "", same_type).allows(resource("proj/web:env/test:flag/x"), "updateOn"));
  auto reason = tests::role(policy).explain(resource("acct"), "deleteAccount").reasons[0];
  EXPECT_EQ(reason.specifier, "not in [proj/*:env/production:flag/*]");
}

TEST(Evaluation, StarActionIncludesBypassUnlessTheOptionSaysOtherwise) {
  const std::string policy = R"([{"effect":"allow","resources":["proj/*:env/*:flag/*"],"actions":["*"]}])";
  EXPECT_TRUE(tests::role(policy).allows(kFlag, "bypassRequiredApproval"));
  Semantics strict;
  strict.star_action_includes_bypass_approval = false;
  EXPECT_FALSE(tests::role(policy, "", strict).allows(kFlag, "bypassRequiredApproval"));
  EXPECT_TRUE(tests::role(policy, "", strict).allows(kFlag, "updateOn"));
}

TEST(Evaluation, UnresolvedAttributeIsExplained) {
  auto decision = tests::role(R"([{"effect":"allow","resources":["proj/${roleAttribute/projects}"],"actions":["*"]}])")
                      .explain(resource("proj/web"), "viewProject");
  EXPECT_FALSE(decision.allowed);
  ASSERT_EQ(decision.reasons.size(), 2u);
  EXPECT_EQ(decision.reasons[1].kind, Reason::Kind::UnresolvedAttribute);
  EXPECT_EQ(decision.reasons[1].detail, "projects");
}

TEST(Evaluation, DenyWithMissingAttributeFailsOpen) {
  auto evaluator = tests::role(R"([{"effect":"allow","resources":["proj/*"],"actions":["*"]},
      {"effect":"deny","resources":["proj/${roleAttribute/locked}"],"actions":["*"]}])");
  EXPECT_TRUE(evaluator.allows(resource("proj/web"), "deleteProject"));
}

TEST(BaseRoles, WriterManagesProjectsButNotMembers) {
  auto writer = Evaluator::for_member(tests::principal(R"({"baseRole":"writer","memberId":"m1"})"));
  EXPECT_TRUE(writer.allows(kFlag, "deleteFlag"));
  EXPECT_TRUE(writer.allows(resource("proj/web:metric/m"), "updateName"));
  EXPECT_TRUE(writer.allows(resource("webhook/h"), "updateUrl"));
  EXPECT_TRUE(writer.allows(resource("member/m1:token/t"), "resetAccessToken"));
  EXPECT_FALSE(writer.allows(resource("member/m2:token/t"), "resetAccessToken"));
  EXPECT_FALSE(writer.allows(resource("member/m2"), "createMember"));
  EXPECT_FALSE(writer.allows(resource("role/r"), "updatePolicy"));
  EXPECT_FALSE(writer.allows(resource("acct"), "updateRequireMfa"));
  EXPECT_FALSE(writer.allows(resource("service-token/s"), "createAccessToken"));
}

TEST(BaseRoles, AdminCanDoAllButBillingAndOwnership) {
  auto admin = Evaluator::for_member(tests::principal(R"({"baseRole":"admin"})"));
  EXPECT_TRUE(admin.allows(resource("member/x"), "deleteMember"));
  EXPECT_TRUE(admin.allows(resource("service-token/s"), "createAccessToken"));
  EXPECT_TRUE(admin.allows(resource("acct"), "updateRequireMfa"));
  EXPECT_FALSE(admin.allows(resource("acct"), "updatePaymentCard"));
  EXPECT_FALSE(admin.allows(resource("acct"), "updateAccountOwner"));
  EXPECT_TRUE(Evaluator::for_member(tests::principal(R"({"baseRole":"owner"})")).allows(resource("acct"), "updateAccountOwner"));
}

TEST(BaseRoles, ReaderAndNoAccess) {
  auto reader = Evaluator::for_member(tests::principal(R"({"baseRole":"reader"})"));
  EXPECT_TRUE(reader.allows(resource("proj/web"), "viewProject"));
  EXPECT_FALSE(reader.allows(kFlag, "updateOn"));
  auto nobody = Evaluator::for_member(tests::principal(R"({"baseRole":"no_access"})"));
  EXPECT_FALSE(nobody.allows(resource("proj/web"), "viewProject"));
  EXPECT_EQ(base_role_names().size(), 5u);
  EXPECT_FALSE(base_role_policy_json("writer").empty());
}

TEST(Effective, ViewProjectIsAPrerequisite) {
  auto evaluator = tests::role(R"([{"effect":"allow","resources":["proj/*:env/*:flag/*"],"actions":["updateOn"]}])");
  EXPECT_TRUE(evaluator.allows(kFlag, "updateOn", Level::Pure));
  EXPECT_FALSE(evaluator.allows(kFlag, "updateOn", Level::Effective));
  auto decision = evaluator.explain(kFlag, "updateOn", Level::Effective);
  EXPECT_EQ(decision.reasons[0].kind, Reason::Kind::NeedsViewProject);
  EXPECT_EQ(decision.reasons[0].specifier, "proj/web");
}

TEST(Effective, ProjectWideFlagActionsNeedEveryEnvironment) {
  auto evaluator = tests::role(R"([{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
      {"effect":"allow","resources":["proj/*:env/*:flag/*"],"actions":["*"]},
      {"effect":"deny","resources":["proj/*:env/*;{critical:true}:flag/*"],"actions":["*"]}])");
  ResourceSegment test{"env", "test", {}};
  ResourceSegment production{"env", "production", {}};
  production.props.critical = true;
  std::vector<ResourceSegment> environments{test, production};
  EnvironmentLookup lookup = [&](std::string_view) { return &environments; };
  const Resource flag_in_test = resource("proj/web:env/test:flag/f");
  EXPECT_TRUE(evaluator.allows(flag_in_test, "updateOn", Level::Effective, &lookup));
  EXPECT_FALSE(evaluator.allows(flag_in_test, "updateName", Level::Effective, &lookup));
  auto decision = evaluator.explain(flag_in_test, "createFlag", Level::Effective, &lookup);
  EXPECT_EQ(decision.reasons[0].kind, Reason::Kind::NeedsEveryEnvironment);
  EXPECT_EQ(decision.reasons[0].detail, "environment production");
}

TEST(Tokens, PersonalTokenIsCappedByItsMemberAndSaysSo) {
  auto member = tests::principal(R"({"baseRole":"writer","memberId":"m1"})");
  auto evaluator = Evaluator::for_token(tests::token(R"({"kind":"personal","role":"admin"})"), member);
  EXPECT_EQ(evaluator.state(resource("member/x"), "createMember"), CellState::Capped);
  EXPECT_EQ(evaluator.state(kFlag, "updateOn"), CellState::Allowed);
  auto decision = evaluator.explain(resource("member/x"), "createMember");
  EXPECT_FALSE(decision.allowed);
  EXPECT_TRUE(decision.capped);
  EXPECT_EQ(decision.reasons[0].kind, Reason::Kind::CappedByMember);
}

TEST(Tokens, DowngradingTheMemberShrinksThePersonalToken) {
  auto scope = tests::token(R"({"role":"writer"})");
  EXPECT_TRUE(Evaluator::for_token(scope, tests::principal(R"({"baseRole":"writer"})")).allows(kFlag, "updateOn"));
  EXPECT_FALSE(Evaluator::for_token(scope, tests::principal(R"({"baseRole":"reader"})")).allows(kFlag, "updateOn"));
}

TEST(Tokens, ServiceTokenIsCappedByItsCreatorAndSaysSo) {
  auto scope = tests::token(R"({"kind":"service","role":"admin"})");
  auto decision = Evaluator::for_token(scope, tests::principal(R"({"baseRole":"writer"})")).explain(resource("role/r"), "updatePolicy");
  EXPECT_TRUE(decision.capped);
  EXPECT_EQ(decision.reasons[0].kind, Reason::Kind::CappedByCreator);
}

TEST(Tokens, CustomRolesTakeTheMembersAttributeValues) {
  auto member = tests::principal(R"({"roleAttributes":{"projects":["web"]},
      "customRoles":[{"key":"dev","policy":[{"effect":"allow","resources":["proj/${roleAttribute/projects}:env/*:flag/*"],"actions":["*"]}]}]})");
  auto scope = tests::token(R"({"customRoles":[{"key":"dev","policy":[{"effect":"allow","resources":["proj/${roleAttribute/projects}:env/*:flag/*"],"actions":["*"]}]}]})");
  auto evaluator = Evaluator::for_token(scope, member);
  EXPECT_TRUE(evaluator.allows(kFlag, "updateOn"));
  EXPECT_FALSE(evaluator.allows(resource("proj/mobile:env/production:flag/f"), "updateOn"));
}

TEST(Tokens, InlinePolicyHasNoReaderBase) {
  auto evaluator = Evaluator::for_token(tests::token(R"({"inlinePolicy":[]})"), tests::principal(R"({"baseRole":"owner"})"));
  EXPECT_FALSE(evaluator.allows(resource("proj/web"), "viewProject"));
}

TEST(Tokens, ExactlyOneScopeIsRequired) {
  for (const char* bad : {R"({})", R"({"role":"reader","inlinePolicy":[]})", R"({"role":"superuser"})",
                          R"({"customRoles":[]})", R"({"kind":"robot","role":"reader"})"}) {
    EXPECT_FALSE(parse_token_scope(nlohmann::json::parse(bad), "", default_semantics()).ok()) << bad;
  }
}

TEST(Tokens, ATokenIssuedThroughANarrowerTokenIsCappedByItAndSaysSo) {
  auto admin = tests::principal(R"({"baseRole":"admin","memberId":"m1"})");
  const Issuer reader_token{admin, tests::token(R"({"role":"reader"})")};
  auto evaluator = Evaluator::for_token(tests::token(R"({"role":"admin"})"), admin, default_semantics(), {reader_token});
  EXPECT_EQ(evaluator.state(kFlag, "updateOn"), CellState::Capped);
  EXPECT_EQ(evaluator.state(resource("proj/web"), "viewProject"), CellState::Allowed);
  auto decision = evaluator.explain(kFlag, "updateOn");
  EXPECT_TRUE(decision.capped);
  EXPECT_EQ(decision.reasons[0].kind, Reason::Kind::CappedByIssuer);
  EXPECT_EQ(decision.reasons[0].subject, "issuing token");
  EXPECT_FALSE(evaluator.unrestricted());
}

TEST(Tokens, AnIssuersMemberAsItWasThenCapsToo) {
  auto now = tests::principal(R"({"baseRole":"admin","memberId":"m1"})");
  const Issuer then{tests::principal(R"({"baseRole":"writer","memberId":"m1"})"), std::nullopt};
  auto evaluator = Evaluator::for_token(tests::token(R"({"role":"admin"})"), now, default_semantics(), {then});
  EXPECT_TRUE(evaluator.allows(kFlag, "updateOn"));
  EXPECT_EQ(evaluator.state(resource("member/x"), "createMember"), CellState::Capped);
  EXPECT_EQ(evaluator.explain(resource("member/x"), "createMember").reasons[0].subject, "issuing token's member");
}

TEST(Tokens, UnrestrictedMeansAllowEverythingWithoutDenyOrIssuer) {
  auto owner = tests::principal(R"({"baseRole":"owner"})");
  auto everything = tests::token(R"({"inlinePolicy":[{"effect":"allow","resources":["*"],"actions":["*"]}]})");
  EXPECT_TRUE(Evaluator::for_token(everything, owner).unrestricted());
  EXPECT_TRUE(Evaluator::for_member(owner).unrestricted());
  for (const char* narrower :
       {R"({"role":"admin"})", R"({"role":"writer"})",
        R"({"inlinePolicy":[{"effect":"allow","resources":["*"],"actions":["*"]},{"effect":"deny","resources":["acct"],"actions":["*"]}]})",
        R"({"inlinePolicy":[{"effect":"allow","resources":["proj/*"],"actions":["*"]}]})",
        R"({"inlinePolicy":[{"effect":"allow","resources":["*"],"actions":["update*"]}]})"})
    EXPECT_FALSE(Evaluator::for_token(tests::token(narrower), owner).unrestricted()) << narrower;
  EXPECT_FALSE(Evaluator::for_token(everything, owner, default_semantics(), {Issuer{owner, std::nullopt}}).unrestricted());
}

TEST(Tokens, ReadingTheAccountNeedsReaderBasePermissionsEverywhere) {
  auto reader = tests::principal(R"({"baseRole":"reader"})");
  auto no_access = tests::principal(R"({"baseRole":"no_access","teamRoles":[{"key":"qa","policy":[{"effect":"allow","resources":["proj/*"],"actions":["viewProject"]}]}]})");
  EXPECT_TRUE(Evaluator::for_member(reader).reads_account());
  EXPECT_FALSE(Evaluator::for_member(no_access).reads_account());
  EXPECT_TRUE(Evaluator::for_token(tests::token(R"({"role":"reader"})"), reader).reads_account());
  EXPECT_FALSE(Evaluator::for_token(tests::token(R"({"role":"admin"})"), no_access).reads_account());
  EXPECT_FALSE(Evaluator::for_token(tests::token(R"({"inlinePolicy":[]})"), reader).reads_account());
}

TEST(Evaluation, APolicyPastTheExpansionLimitAllowsNothingAndKeepsNoDeny) {
  std::vector<std::string> values;
  for (int i = 0; i < 64; ++i) values.push_back("p" + std::to_string(i));
  nlohmann::json attributes{{"a", values}, {"b", values}};
  // Two placeholders of 64 values each: 4,096 specifiers in one statement, past the limit with the second.
  auto member = tests::principal(nlohmann::json{
      {"roleAttributes", attributes},
      {"customRoles", {{{"key", "big"}, {"basePermissions", "reader"}, {"policy", nlohmann::json::parse(R"([
         {"effect":"allow","resources":["proj/*:env/*:flag/*"],"actions":["*"]},
         {"effect":"deny","resources":["proj/${roleAttribute/a}:env/${roleAttribute/b}:flag/*"],"actions":["*"]}])")}}}}}
                                    .dump());
  auto evaluator = Evaluator::for_member(member);
  EXPECT_FALSE(evaluator.allows(kFlag, "updateOn"));
  EXPECT_FALSE(evaluator.allows(resource("proj/web"), "viewProject"));  // no reader base either
  auto decision = evaluator.explain(kFlag, "updateOn");
  ASSERT_FALSE(decision.reasons.empty());
  EXPECT_EQ(decision.reasons[0].kind, Reason::Kind::ExpansionLimit);
  EXPECT_EQ(evaluator.primary().roles[0].expansions, kMaxPolicyExpansions + 1);
}
