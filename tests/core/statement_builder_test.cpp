// The statement builder's model: which statements it can edit, lossless round trips with the JSON
// editor, specifiers that parse back to what the pickers show, and refusals for what cannot be written.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "core/policy/catalog.hpp"
#include "core/policy/lint.hpp"
#include "core/policy/statement_builder.hpp"

using namespace core::policy;
using nlohmann::json;

namespace {

json statement(const std::string& resource, const json& actions = json::array({"*"}), const char* effect = "allow") {
  return json{{"effect", effect}, {"resources", json::array({resource})}, {"actions", actions}};
}

BuilderStatement editable(const json& original) {
  auto rows = decompose_policy(json::array({original}));
  EXPECT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0].statement.has_value()) << original.dump() << ": " << rows[0].json_only_reason;
  return rows[0].statement.value_or(BuilderStatement{});
}

std::string reason(const json& original) {
  auto rows = decompose_policy(json::array({original}));
  EXPECT_FALSE(rows[0].statement.has_value()) << original.dump() << " should be JSON-only";
  EXPECT_EQ(rows[0].original, original);
  return rows[0].json_only_reason;
}

// The single resource a one-row composition writes.
std::string composed_resource(const BuilderRow& row) {
  json policy = compose_policy({row});
  EXPECT_EQ(policy.size(), 1u);
  return policy.empty() ? "" : policy[0]["resources"][0].get<std::string>();
}

void expect_round_trip(const json& policy) {
  json composed = compose_policy(decompose_policy(policy));
  EXPECT_EQ(composed, policy);
  EXPECT_EQ(composed.dump(), policy.dump());
}

}  // namespace

TEST(StatementBuilder, FlagWithTagsCriticalDenyAndSeveralActions) {
  json original = statement("proj/default;mobile,ios:env/prod*;{critical:true}:flag/ops_*",
                            {"updateOn", "updateTargets"}, "deny");
  BuilderStatement s = editable(original);
  EXPECT_EQ(s.effect, Effect::Deny);
  EXPECT_EQ(s.type, "flag");
  EXPECT_EQ(s.project, "default");
  EXPECT_EQ(s.project_tags, (std::vector<std::string>{"mobile", "ios"}));
  EXPECT_EQ(s.environment, "prod*");
  EXPECT_TRUE(s.environment_tags.empty());
  EXPECT_EQ(s.critical, std::optional<bool>(true));
  EXPECT_EQ(s.key, "ops_*");
  EXPECT_EQ(s.actions, (std::vector<std::string>{"updateOn", "updateTargets"}));
  expect_round_trip(json::array({original}));
}

TEST(StatementBuilder, EachLevelOfTypeRoundTrips) {
  struct Case {
    const char* resource;
    json actions;
    BuilderStatement expected;
  };
  const std::vector<Case> cases = {
      {"proj/*:env/test:segment/beta-users;eu", {"updateIncluded"},
       {.type = "segment", .environment = "test", .key = "beta-users", .tags = {"eu"}, .actions = {"updateIncluded"}}},
      {"proj/web:env/*;qa_*,{critical:false}", {"updateTtl", "viewSdkKey"},
       {.type = "env", .project = "web", .environment = "*", .environment_tags = {"qa_*"}, .critical = false,
        .actions = {"updateTtl", "viewSdkKey"}}},
      {"proj/*;mobile", {"viewProject"}, {.type = "proj", .project_tags = {"mobile"}, .actions = {"viewProject"}}},
      {"proj/default:metric/checkout-*", {"*"}, {.type = "metric", .project = "default", .key = "checkout-*",
                                                 .actions = {"*"}}},
      {"member/5f1a2b", {"updateRole"}, {.type = "member", .key = "5f1a2b", .actions = {"updateRole"}}},
      {"member/*:token/ci-*", {"resetAccessToken"}, {.type = "token", .key = "ci-*", .actions = {"resetAccessToken"}}},
      {"acct", {"updateRequireMfa"}, {.type = "acct", .actions = {"updateRequireMfa"}}},
      {"proj/*:release-pipeline/*", {"*"}, {.type = "release-pipeline", .actions = {"*"}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.resource);
    json original = statement(c.resource, c.actions);
    EXPECT_EQ(editable(original), c.expected);
    expect_round_trip(json::array({original}));
  }
}

TEST(StatementBuilder, AnEditedStatementIsRebuiltInNormalForm) {
  auto rows = decompose_policy(json::array({statement("proj:env/*;{critical:false},qa:flag/x")}));
  ASSERT_TRUE(rows[0].statement);
  EXPECT_EQ(composed_resource(rows[0]), "proj:env/*;{critical:false},qa:flag/x");  // unchanged: as written
  rows[0].statement->actions = {"updateOn"};
  json rebuilt = compose_policy(rows);
  EXPECT_EQ(rebuilt, json::array({statement("proj/*:env/*;qa,{critical:false}:flag/x", {"updateOn"})}));
  EXPECT_EQ(editable(rebuilt[0]), *rows[0].statement);
}

TEST(StatementBuilder, FieldsTheTypeDoesNotUseChangeNothing) {
  auto rows = decompose_policy(json::array({statement("acct/*")}));
  ASSERT_TRUE(rows[0].statement);
  rows[0].statement->project = "left-over";  // from a flag the user picked before
  rows[0].statement->critical = true;
  EXPECT_EQ(compose_policy(rows), json::array({statement("acct/*")}));
}

TEST(StatementBuilder, AddedRowsAreWrittenFromTheirStatement) {
  BuilderRow added{BuilderStatement{.type = "flag", .environment = "test", .actions = {"updateOn"}}, nullptr, ""};
  EXPECT_EQ(compose_policy({added}), json::array({statement("proj/*:env/test:flag/*", {"updateOn"})}));
}

TEST(StatementBuilder, JsonOnlyReasons) {
  const json ok_resource = json::array({"proj/*"});
  const std::vector<std::pair<json, std::string>> cases = {
      {json(42), "not a policy statement"},
      {{{"effect", "allow"}, {"resources", ok_resource}, {"actions", {"*"}}, {"comment", "x"}},
       "has a field the builder does not edit: \"comment\""},
      {statement("proj/*", {"*"}, "maybe"), "effect is not \"allow\" or \"deny\""},
      {{{"effect", "allow"}, {"notResources", ok_resource}, {"actions", {"*"}}}, "uses notResources"},
      {{{"effect", "deny"}, {"resources", ok_resource}, {"notActions", {"viewProject"}}}, "uses notActions"},
      {{{"effect", "allow"}, {"resources", {"proj/a", "proj/b"}}, {"actions", {"*"}}}, "has 2 resources"},
      {{{"effect", "allow"}, {"resources", json::array()}, {"actions", {"*"}}}, "\"resources\" is not a non-empty list"},
      {{{"effect", "allow"}, {"resources", {1}}, {"actions", {"*"}}}, "\"resources\" holds something other than strings"},
      {{{"effect", "allow"}, {"resources", ok_resource}}, "has no \"actions\""},
      {statement("*"), "uses the bare \"*\" resource"},
      {statement("proj/*:"), "the resource does not parse: empty segment"},
      {statement("proj/*:env/*:flagg/*"), "unknown resource type \"flagg\""},
      {statement("proj/*:flag/*"), "is not written as proj/*:env/*:flag/*"},
      {statement("proj/*:env/*:aiconfig/*"), "is not written as proj/*:aiconfig/*"},
      {statement("proj/${roleAttribute/projects}:env/*:flag/*"), "uses a role attribute"},
      {statement("proj/*:env/*:flag/*;view:frontend"), "uses a view selector"},
      {statement("proj/*:env/*;{tier:gold}:flag/*"), "uses the property selector {tier:...}"},
      {statement("proj/*;{critical:true}"), "uses {critical:...} on a proj segment"},
      {statement("member/abc:token/*"), "limits the token's member"},
      {statement("proj/*:env/*:flag/*", {"update*"}), "uses the action glob \"update*\""},
      {statement("proj/*:env/*:flag/*", {"*", "updateOn"}), "\"*\" is combined with named actions"},
      {statement("proj/*:env/*:flag/*", {"createProject"}), "\"createProject\" is not an action on Flags"},
  };
  for (const auto& [original, expected] : cases) {
    SCOPED_TRACE(original.dump());
    EXPECT_NE(reason(original).find(expected), std::string::npos) << "reason: " << reason(original);
  }
}

TEST(StatementBuilder, APolicyThatIsNotAnArrayIsOneJsonOnlyRow) {
  json policy = {{"effect", "allow"}};
  auto rows = decompose_policy(policy);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_FALSE(rows[0].statement);
  EXPECT_EQ(rows[0].json_only_reason, "the policy is not a JSON array");
  EXPECT_EQ(compose_policy(rows), json::array({policy}));
}

TEST(StatementBuilder, ComposeKeepsJsonOnlyRowsExactly) {
  json policy = json::parse(R"([
    {"effect":"allow","notResources":["proj/*:env/production:flag/*"],"actions":["*"]},
    {"effect":"allow","resources":["proj/*:env/test:flag/*"],"actions":["updateOn"]},
    {"effect":"deny","resources":["proj/${roleAttribute/p}:env/*:flag/*"],"actions":["deleteFlag"],"x":[1.5,null]},
    "not a statement",
    {"effect":"allow","resources":["proj/a","proj/b"],"actions":["viewProject"]}
  ])");
  auto rows = decompose_policy(policy);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(std::count_if(rows.begin(), rows.end(), [](const BuilderRow& r) { return r.statement.has_value(); }), 1);
  expect_round_trip(policy);

  rows[1].statement->effect = Effect::Deny;
  json composed = compose_policy(rows);
  ASSERT_EQ(composed.size(), policy.size());
  for (std::size_t i : {0u, 2u, 3u, 4u}) EXPECT_EQ(composed[i].dump(), policy[i].dump());
  EXPECT_EQ(composed[1], statement("proj/*:env/test:flag/*", {"updateOn"}, "deny"));
}

TEST(StatementBuilder, StatementOfAPointer) {
  auto at = [](const std::string& pointer, std::string_view prefix = "") {
    return statement_of(Diagnostic{Diagnostic::Severity::Error, "", pointer, -1, false}, prefix);
  };
  EXPECT_EQ(at("/3/resources/0"), std::optional<std::size_t>(3));
  EXPECT_EQ(at("/0"), std::optional<std::size_t>(0));
  EXPECT_EQ(at("/12/actions"), std::optional<std::size_t>(12));
  EXPECT_EQ(at("/policy/2/actions/1", "/policy"), std::optional<std::size_t>(2));
  EXPECT_EQ(at("/policy/2/actions/1"), std::nullopt);
  EXPECT_EQ(at(""), std::nullopt);  // the policy as a whole
  EXPECT_EQ(at("/01"), std::nullopt);
  EXPECT_EQ(at("/x/resources"), std::nullopt);
  EXPECT_EQ(at("/99999999999999999999999"), std::nullopt);
}

TEST(StatementBuilder, StatementOfValidationDiagnostics) {
  json policy = json::array({statement("proj/*"), statement("proj/*:env/*:flag/*", {"UpdateOn"})});
  auto diagnostics = validate_policy(policy);
  auto error = std::find_if(diagnostics.begin(), diagnostics.end(),
                            [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; });
  ASSERT_NE(error, diagnostics.end());
  EXPECT_EQ(statement_of(*error), std::optional<std::size_t>(1));
  auto in_role = validate_policy(policy, "/policy");
  ASSERT_FALSE(in_role.empty());
  EXPECT_EQ(statement_of(in_role.front(), "/policy"), std::optional<std::size_t>(1));
}

TEST(StatementBuilder, SpecifierParsesIntoTheExpectedSegments) {
  BuilderStatement s{.type = "flag", .project = "default", .project_tags = {"mobile"}, .environment = "production",
                     .critical = true, .key = "ops_*", .tags = {"kill-switch", "ops"}, .actions = {"updateOn"}};
  const std::string text = builder_specifier(s);
  EXPECT_EQ(text, "proj/default;mobile:env/production;{critical:true}:flag/ops_*;kill-switch,ops");
  auto parsed = parse_specifier(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
  ASSERT_EQ(parsed->segments.size(), 3u);
  EXPECT_EQ(parsed->types(), (std::vector<std::string>{"proj", "env", "flag"}));
  EXPECT_EQ(parsed->segments[0].key, "default");
  EXPECT_EQ(parsed->segments[0].tags, std::vector<std::string>{"mobile"});
  EXPECT_EQ(parsed->segments[1].key, "production");
  EXPECT_EQ(parsed->segments[1].critical, std::optional<bool>(true));
  EXPECT_EQ(parsed->segments[2].key, "ops_*");
  EXPECT_EQ(parsed->segments[2].tags, (std::vector<std::string>{"kill-switch", "ops"}));

  EXPECT_EQ(builder_specifier({.type = "acct", .actions = {"*"}}), "acct");
  EXPECT_EQ(builder_specifier({.type = "ip-allowlist", .actions = {"*"}}), "ip-allowlist");
  EXPECT_EQ(builder_specifier({.type = "token", .key = "abc", .actions = {"*"}}), "member/*:token/abc");
  EXPECT_EQ(builder_specifier({.type = "proj", .project = "p", .actions = {"*"}}), "proj/p");
}

TEST(StatementBuilder, WhatASpecifierCannotHoldIsAProblemNotADifferentSpecifier) {
  for (const char* bad : {"a:b", "a;b", "a,b", "a/b", "a{b", "a}b", "a b", "${roleAttribute/x}", "caf\xc3\xa9", ""}) {
    SCOPED_TRACE(bad);
    const std::vector<BuilderStatement> statements = {
        {.key = bad, .actions = {"*"}},
        {.project = bad, .actions = {"*"}},
        {.environment = bad, .actions = {"*"}},
        {.environment_tags = {"ok", bad}, .actions = {"*"}},
        {.type = "proj", .project_tags = {bad}, .actions = {"*"}},
        {.tags = {bad}, .actions = {"*"}},
    };
    for (const auto& s : statements) {
      auto problem = builder_problem(s);
      ASSERT_TRUE(problem.has_value());
      EXPECT_EQ(builder_specifier(s), "");
      if (*bad) EXPECT_NE(problem->find(std::string("\"") + bad + "\""), std::string::npos) << *problem;
    }
  }
  EXPECT_EQ(builder_problem({.key = "a:b", .actions = {"*"}}),
            "the flag key \"a:b\" contains ':', which a resource specifier cannot hold "
            "(letters, digits, '.', '_', '-' and '*' only)");
  EXPECT_EQ(builder_problem({.type = "proj", .project = "", .actions = {"*"}}), "the project key is empty");
  EXPECT_EQ(builder_problem({.type = "flagg", .actions = {"*"}}), "unknown resource type \"flagg\"");
  EXPECT_EQ(builder_problem({.type = "flag"}), "the statement has no actions");
  EXPECT_EQ(builder_problem({.type = "member", .actions = {"updateOn"}}), "\"updateOn\" is not an action on Members");
  EXPECT_EQ(builder_problem({.type = "member", .project = "a:b", .actions = {"*"}}), std::nullopt);  // unused
}

TEST(StatementBuilder, ARowWithAProblemKeepsWhatWasWritten) {
  json original = statement("proj/*:env/test:flag/*", {"updateOn"});
  auto rows = decompose_policy(json::array({original}));
  rows[0].statement->key = "my flag";
  rows.push_back({BuilderStatement{.key = "a:b", .actions = {"*"}}, nullptr, ""});
  EXPECT_EQ(compose_policy(rows), json::array({original}));
}

TEST(StatementBuilder, ShapesAndActionsComeFromTheCatalog) {
  EXPECT_EQ(builder_shape("flag"), (std::vector<std::string_view>{"proj", "env", "flag"}));
  EXPECT_EQ(builder_shape("proj"), std::vector<std::string_view>{"proj"});
  EXPECT_EQ(builder_shape("token"), (std::vector<std::string_view>{"member", "token"}));
  EXPECT_EQ(builder_shape("aiconfig"), (std::vector<std::string_view>{"proj", "aiconfig"}));
  EXPECT_TRUE(builder_shape("nope").empty());
  auto actions = builder_actions("flag");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "updateOn"), actions.end());
  EXPECT_EQ(actions.size(), find_resource_type("flag")->actions.size());
  EXPECT_TRUE(builder_actions("nope").empty());
}

// Every type, with generated keys, tags and selectors in the fields its shape uses.
TEST(StatementBuilder, GeneratedStatementsSurviveComposeAndDecompose) {
  std::mt19937 random(20260);
  auto pick = [&](const std::vector<std::string>& options) {
    return options[std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(random)];
  };
  auto chance = [&] { return std::bernoulli_distribution(0.5)(random); };
  const std::vector<std::string> keys = {"*", "default", "ops_*", "a.b-c_9", "*-beta", "Prod"};
  const std::vector<std::string> tags = {"mobile", "qa_*", "EU", "team.a-1"};
  auto some_tags = [&] {
    std::vector<std::string> chosen;
    for (int n = std::uniform_int_distribution<int>(0, 2)(random); n > 0; --n) chosen.push_back(pick(tags));
    return chosen;
  };
  int checked = 0;
  for (const auto& info : resource_types()) {
    const auto shape = builder_shape(info.type);
    const std::string last(shape.back());
    for (int round = 0; round < 30; ++round) {
      BuilderStatement x{.effect = chance() ? Effect::Allow : Effect::Deny, .type = std::string(info.type)};
      if (std::find(shape.begin(), shape.end(), "proj") != shape.end()) {
        x.project = pick(keys);
        x.project_tags = some_tags();
      }
      if (std::find(shape.begin(), shape.end(), "env") != shape.end()) {
        x.environment = pick(keys);
        x.environment_tags = some_tags();
        if (chance()) x.critical = chance();
      }
      if (last != "proj" && last != "env") {
        x.key = pick(keys);
        x.tags = some_tags();
      }
      x.actions = {"*"};
      if (!info.actions.empty() && chance())
        x.actions = {std::string(info.actions.front()), std::string(info.actions.back())};

      SCOPED_TRACE(builder_specifier(x));
      ASSERT_EQ(builder_problem(x), std::nullopt);
      auto parsed = parse_specifier(builder_specifier(x));
      ASSERT_TRUE(parsed.ok());
      EXPECT_EQ(parsed->types(), std::vector<std::string>(shape.begin(), shape.end()));
      json policy = compose_policy({BuilderRow{x, nullptr, ""}});
      auto rows = decompose_policy(policy);
      ASSERT_EQ(rows.size(), 1u);
      ASSERT_TRUE(rows[0].statement) << rows[0].json_only_reason;
      EXPECT_EQ(*rows[0].statement, x);
      EXPECT_EQ(compose_policy(rows), policy);
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(resource_types().size()) * 30);
}

TEST(StatementBuilder, PolicyTextPutsEffectResourcesActionsFirst) {
  const auto policy = nlohmann::json::parse(R"([{"actions":["updateOn"],"resources":["proj/*"],"effect":"allow","comment":"x"}])");
  EXPECT_EQ(core::policy::policy_text(policy, -1),
            R"([{"effect":"allow","resources":["proj/*"],"actions":["updateOn"],"comment":"x"}])");
  EXPECT_EQ(nlohmann::json::parse(core::policy::policy_text(policy)), policy);  // same content, indented
  EXPECT_EQ(core::policy::policy_text(nlohmann::json("not a policy"), -1), R"("not a policy")");
}
