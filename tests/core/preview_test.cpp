#include <gtest/gtest.h>

#include "core/preview/preview.hpp"
#include "policy_test_support.hpp"

using namespace core::preview;
using core::policy::CellState;
using core::policy::Evaluator;

namespace {

Account demo_account() {
  auto account = parse_account(nlohmann::json::parse(R"({
    "memberId": "m1", "members": ["m1", {"_id": "m2"}], "roles": [{"key": "dev"}], "teams": [],
    "projects": [
      {"key": "web", "tags": ["frontend"], "environments": [
         {"key": "test"}, {"key": "production", "critical": true}, {"key": "qa", "tags": ["qa_a"]}],
       "flags": [{"key": "ops_kill", "tags": ["ops"]}, {"key": "checkout"}, {"key": "ops_log"}],
       "segments": [{"environment": "production", "key": "beta-users"}]},
      {"key": "mobile", "environments": [{"key": "production", "critical": true}], "flags": [{"key": "f"}]}
    ]})"));
  EXPECT_TRUE(account.ok()) << account.error().describe();
  return account.value();
}

const Group* find_group(const Preview& preview, const Account& account, const std::string& project,
                        const std::string& environment, const std::string& type) {
  for (const auto& group : preview.groups()) {
    if (group.type != type) continue;
    if (project.empty() ? group.project >= 0 : (group.project < 0 || account.projects[group.project].key != project)) continue;
    if (!environment.empty() && (group.environment < 0 ||
                                 account.projects[group.project].environments[group.environment].key != environment))
      continue;
    return &group;
  }
  return nullptr;
}

std::size_t action_index(const std::string& type, std::string_view action) {
  const auto actions = Preview::actions_of(type);
  for (std::size_t i = 0; i < actions.size(); ++i)
    if (actions[i] == action) return i;
  ADD_FAILURE() << action << " is not an action of " << type;
  return 0;
}

}  // namespace

TEST(Preview, CountsPerGroupFollowTheScope) {
  const Account account = demo_account();
  auto member = tests::principal(R"({"memberId":"m1","customRoles":[{"key":"ops","policy":[
      {"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
      {"effect":"allow","resources":["proj/web:env/*:flag/ops_*"],"actions":["updateOn"]},
      {"effect":"deny","resources":["proj/*:env/*;{critical:true}:flag/*"],"actions":["updateOn"]}]}]})");
  const Preview preview = compute_preview(account, Evaluator::for_member(member));
  const Group* test_flags = find_group(preview, account, "web", "test", "flag");
  const Group* production_flags = find_group(preview, account, "web", "production", "flag");
  ASSERT_NE(test_flags, nullptr);
  ASSERT_NE(production_flags, nullptr);
  EXPECT_EQ(test_flags->resources, 3u);
  EXPECT_EQ(test_flags->cells[action_index("flag", "updateOn")].allowed, 2u);
  EXPECT_EQ(production_flags->cells[action_index("flag", "updateOn")].allowed, 0u);
  EXPECT_EQ(test_flags->cells[action_index("flag", "deleteFlag")].allowed, 0u);
  EXPECT_EQ(find_group(preview, account, "web", "", "proj")->cells[action_index("proj", "viewProject")].allowed, 1u);
  EXPECT_EQ(preview.environment_totals(0, 0).allowed, 2u);
  EXPECT_GT(preview.cell_count(), 0u);
}

TEST(Preview, GroupsAccountLevelResources) {
  const Account account = demo_account();
  const Preview preview = compute_preview(account, Evaluator::for_member(tests::principal(R"({"baseRole":"admin","memberId":"m1"})")));
  const Group* members = find_group(preview, account, "", "", "member");
  ASSERT_NE(members, nullptr);
  EXPECT_EQ(members->resources, 2u);
  EXPECT_EQ(members->cells[action_index("member", "deleteMember")].allowed, 2u);
  EXPECT_EQ(find_group(preview, account, "", "", "acct")->cells[action_index("acct", "updatePaymentCard")].allowed, 0u);
  ASSERT_NE(find_group(preview, account, "", "", "role"), nullptr);
}

TEST(Preview, CappedCellsAreCounted) {
  const Account account = demo_account();
  auto writer = tests::principal(R"({"baseRole":"writer","memberId":"m1"})");
  const Preview preview = compute_preview(account, Evaluator::for_token(tests::token(R"({"role":"admin"})"), writer));
  const Group* members = find_group(preview, account, "", "", "member");
  EXPECT_EQ(members->cells[action_index("member", "createMember")].capped, 2u);
  EXPECT_EQ(members->cells[action_index("member", "createMember")].allowed, 0u);
  EXPECT_GT(preview.totals().capped, 0u);
}

TEST(Preview, ResourcesOfAGroupCanBeExplained) {
  const Account account = demo_account();
  auto member = tests::principal(R"({"baseRole":"reader"})");
  const Preview preview = compute_preview(account, Evaluator::for_member(member));
  for (std::size_t g = 0; g < preview.groups().size(); ++g) {
    if (preview.groups()[g].type != "segment") continue;
    EXPECT_EQ(preview.resource(account, g, 0).text(), "proj/web:env/production:segment/beta-users");
  }
}

TEST(Preview, SimilarFlagsShareAClass) {
  Account account = demo_account();
  for (int i = 0; i < 500; ++i) account.projects[0].flags.push_back({"generated-" + std::to_string(i), {}});
  auto member = tests::principal(R"({"customRoles":[{"key":"r","policy":[
      {"effect":"allow","resources":["proj/*:env/*:flag/ops_*"],"actions":["*"]}]}]})");
  const Preview preview = compute_preview(account, Evaluator::for_member(member));
  EXPECT_LT(preview.class_count(), 60u);  // ops_* or not, not one class per flag
}

// The console spreads a large account's preview over frames: part by part, it is the same preview, and it
// works over the account and evaluator it was given even when the caller lets go of theirs meanwhile.
TEST(PreviewComputation, PartByPartIsTheSamePreview) {
  auto account = std::make_shared<Account>(demo_account());
  for (int i = 0; i < 50; ++i) account->projects[0].flags.push_back({(i % 3 ? "kill-" : "beta-") + std::to_string(i), {}});
  auto member = tests::principal(R"({"memberId":"m1","customRoles":[{"key":"r","policy":[
      {"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
      {"effect":"allow","resources":["proj/web:env/*:flag/kill-*"],"actions":["updateOn"]},
      {"effect":"deny","resources":["proj/*:env/*;{critical:true}:flag/*"],"actions":["updateOn"]},
      {"effect":"allow","resources":["member/*"],"actions":["*"]}]}]})");
  auto evaluator = std::make_shared<Evaluator>(Evaluator::for_member(member));
  const nlohmann::json whole = compute_preview(*account, *evaluator, "m1").to_json(*account);
  const Account kept = *account;

  PreviewComputation computation(account, evaluator, "m1");
  account.reset();
  evaluator.reset();
  EXPECT_EQ(computation.parts(), 4 + kept.projects.size())
      << "the account-level groups, the classes of projects and environments, of flags, of segments, then each project";
  std::size_t steps = 0;
  while (!computation.done()) {
    EXPECT_EQ(computation.parts_done(), steps);
    computation.step();
    ++steps;
  }
  EXPECT_EQ(steps, computation.parts());
  const Preview stepped = computation.take();
  EXPECT_EQ(stepped.to_json(kept), whole);
  EXPECT_EQ(stepped.self_member_id(), "m1");
}

TEST(PreviewComputation, ClassifiesManyFlagsOverSeveralParts) {
  auto account = std::make_shared<Account>(demo_account());
  for (int i = 0; i < 45000; ++i) {
    Flag flag{(i % 7 ? "f-" : "kill-") + std::to_string(i), {}};
    flag.props.set_tags({i % 3 ? "ops" : "web"});
    account->projects[static_cast<std::size_t>(i % 2)].flags.push_back(std::move(flag));
  }
  auto evaluator = std::make_shared<Evaluator>(Evaluator::for_member(tests::principal(R"({"customRoles":[{"key":"r","policy":[
      {"effect":"allow","resources":["proj/*"],"actions":["viewProject"]},
      {"effect":"allow","resources":["proj/*:env/*:flag/kill-*;ops"],"actions":["updateOn"]}]}]})")));
  PreviewComputation computation(account, evaluator, account->self_member_id);
  EXPECT_EQ(computation.parts(), 2 + 10 + 1 + account->projects.size()) << "45,003 flags in 10 parts, 1 segment in 1";
  EXPECT_EQ(computation.take().to_json(*account), compute_preview(*account, *evaluator).to_json(*account));
}

TEST(PreviewComputation, TakeFinishesTheRemainingParts) {
  auto account = std::make_shared<Account>(demo_account());
  auto evaluator = std::make_shared<Evaluator>(Evaluator::for_member(tests::principal(R"({"baseRole":"writer"})")));
  PreviewComputation computation(account, evaluator, account->self_member_id);
  computation.step();
  EXPECT_EQ(computation.take().to_json(*account), compute_preview(*account, *evaluator).to_json(*account));
}

TEST(PreviewDiff, GainedAndLostCells) {
  const Account account = demo_account();
  auto member = tests::principal(R"({"baseRole":"writer","memberId":"m1"})");
  const Preview reader = compute_preview(account, Evaluator::for_token(tests::token(R"({"role":"reader"})"), member));
  const Preview writer = compute_preview(account, Evaluator::for_token(tests::token(R"({"role":"writer"})"), member));
  const PreviewDiff up = diff_previews(account, reader, writer);
  EXPECT_GT(up.gained, 0u);
  EXPECT_EQ(up.lost, 0u);
  const PreviewDiff down = diff_previews(account, writer, reader);
  EXPECT_EQ(down.lost, up.gained);
  EXPECT_EQ(down.gained, 0u);
  const auto json = up.to_json(account, writer);
  EXPECT_FALSE(json["changes"].empty());
  EXPECT_EQ(diff_previews(account, writer, writer).entries.size(), 0u);
}

TEST(Account, ErrorsNameThePointer) {
  auto bad = parse_account(nlohmann::json::parse(R"({"projects":[{"key":"p","environments":[{"name":"x"}]}]})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().pointer, "/projects/0/environments/0/key");
  auto unknown_environment = parse_account(
      nlohmann::json::parse(R"({"projects":[{"key":"p","segments":[{"environment":"nope","key":"s"}]}]})"));
  ASSERT_FALSE(unknown_environment.ok());
  EXPECT_EQ(unknown_environment.error().pointer, "/projects/0/segments/0/environment");
}
