// Properties over generated policies: denies never add permissions, personal tokens never exceed their
// member, and the preview agrees cell by cell with single decisions.
#include <gtest/gtest.h>

#include "core/preview/preview.hpp"
#include "policy_generators.hpp"
#include "policy_test_support.hpp"

using namespace core::policy;
using core::preview::Account;
using core::preview::compute_preview;

namespace {

constexpr int kRounds = 150;

Account account_from(const nlohmann::json& json) {
  auto parsed = core::preview::parse_account(json);
  EXPECT_TRUE(parsed.ok()) << parsed.error().describe();
  return parsed.value();
}

EnvironmentLookup lookup_for(const Account& account, std::vector<std::vector<ResourceSegment>>& storage) {
  storage.clear();
  for (const auto& project : account.projects) {
    storage.emplace_back();
    for (const auto& environment : project.environments) storage.back().push_back({"env", environment.key, environment.props});
  }
  return [&account, &storage](std::string_view key) -> const std::vector<ResourceSegment>* {
    for (std::size_t p = 0; p < account.projects.size(); ++p)
      if (account.projects[p].key == key) return &storage[p];
    return nullptr;
  };
}

// Every (resource, action) cell of the account, through the preview's own enumeration.
template <typename Visit>
void for_each_cell(const Account& account, const core::preview::Preview& preview, Visit visit) {
  for (std::size_t g = 0; g < preview.groups().size(); ++g) {
    const auto& group = preview.groups()[g];
    const auto actions = core::preview::Preview::actions_of(group.type);
    for (std::size_t r = 0; r < group.resources; ++r) {
      const Resource resource = preview.resource(account, g, r);
      for (std::size_t a = 0; a < actions.size(); ++a) visit(g, r, a, resource, actions[a]);
    }
  }
}

}  // namespace

TEST(Properties, AddingADenyNeverAddsAPermission) {
  tests::PolicyGenerator generate(7);
  for (int round = 0; round < kRounds; ++round) {
    nlohmann::json principal = generate.principal();
    principal["customRoles"] = nlohmann::json::array({generate.role("c1")});
    nlohmann::json with_deny = principal;
    with_deny["customRoles"][0]["policy"].push_back(generate.statement("deny"));
    const Evaluator before = Evaluator::for_member(tests::principal(principal.dump()));
    const Evaluator after = Evaluator::for_member(tests::principal(with_deny.dump()));
    const Account account = account_from(generate.account());
    const auto preview = compute_preview(account, before);
    std::vector<std::vector<ResourceSegment>> storage;
    const EnvironmentLookup lookup = lookup_for(account, storage);
    for_each_cell(account, preview, [&](auto, auto, auto, const Resource& resource, std::string_view action) {
      for (Level level : {Level::Pure, Level::Effective})
        if (after.allows(resource, action, level, &lookup))
          ASSERT_TRUE(before.allows(resource, action, level, &lookup))
              << "a deny added " << action << " on " << resource.text() << "\n" << with_deny.dump();
    });
  }
}

TEST(Properties, APersonalTokenNeverExceedsItsMember) {
  tests::PolicyGenerator generate(11);
  for (int round = 0; round < kRounds; ++round) {
    const Principal member = tests::principal(generate.principal().dump());
    const nlohmann::json token_json = generate.token();
    const Evaluator token = Evaluator::for_token(tests::token(token_json.dump()), member);
    const Evaluator alone = Evaluator::for_member(member);
    const Account account = account_from(generate.account());
    const auto preview = compute_preview(account, token);
    std::vector<std::vector<ResourceSegment>> storage;
    const EnvironmentLookup lookup = lookup_for(account, storage);
    for_each_cell(account, preview, [&](auto, auto, auto, const Resource& resource, std::string_view action) {
      for (Level level : {Level::Pure, Level::Effective})
        if (token.allows(resource, action, level, &lookup))
          ASSERT_TRUE(alone.allows(resource, action, level, &lookup))
              << "token exceeds member: " << action << " on " << resource.text() << "\n" << token_json.dump();
    });
  }
}

TEST(Properties, ThePreviewAgreesCellByCellWithSingleDecisions) {
  tests::PolicyGenerator generate(23);
  std::uint64_t cells = 0;
  for (int round = 0; round < kRounds; ++round) {
    const Principal member = tests::principal(generate.principal().dump());
    const Evaluator evaluator = generate.chance(0.5) ? Evaluator::for_member(member)
                                                     : Evaluator::for_token(tests::token(generate.token().dump()), member);
    const Account account = account_from(generate.account());
    const auto preview = compute_preview(account, evaluator);
    std::vector<std::vector<ResourceSegment>> storage;
    const EnvironmentLookup lookup = lookup_for(account, storage);
    core::preview::Counts counted;
    for_each_cell(account, preview, [&](std::size_t g, std::size_t r, std::size_t a, const Resource& resource,
                                        std::string_view action) {
      const CellState single = evaluator.state(resource, action, Level::Effective, &lookup);
      ASSERT_EQ(preview.state(g, r, a), single) << action << " on " << resource.text();
      counted.allowed += single == CellState::Allowed;
      counted.capped += single == CellState::Capped;
      ++cells;
    });
    for (std::size_t g = 0; g < preview.groups().size(); ++g) {
      const auto& group = preview.groups()[g];
      for (std::size_t a = 0; a < group.cells.size(); ++a) {
        std::uint64_t allowed = 0;
        for (std::size_t r = 0; r < group.resources; ++r) allowed += preview.state(g, r, a) == CellState::Allowed;
        ASSERT_EQ(group.cells[a].allowed, allowed) << group.type << " group " << g << " action " << a;
      }
    }
    EXPECT_EQ(preview.totals().allowed, counted.allowed);
    EXPECT_EQ(preview.totals().capped, counted.capped);
  }
  EXPECT_GT(cells, 100000u);
}

TEST(Properties, ExplainAgreesWithAllowsStateAndThePreview) {
  tests::PolicyGenerator generate(31);
  std::uint64_t cells = 0, explained_reasons = 0;
  for (int round = 0; round < kRounds; ++round) {
    const Principal member = tests::principal(generate.principal().dump());
    std::vector<Issuer> issuers;
    if (generate.chance(0.3)) issuers.push_back({tests::principal(generate.principal().dump()), tests::token(generate.token().dump())});
    const Evaluator evaluator = generate.chance(0.3) ? Evaluator::for_member(member)
                                                     : Evaluator::for_token(tests::token(generate.token().dump()), member,
                                                                            default_semantics(), issuers);
    const Account account = account_from(generate.account());
    const auto preview = compute_preview(account, evaluator);
    std::vector<std::vector<ResourceSegment>> storage;
    const EnvironmentLookup lookup = lookup_for(account, storage);
    for_each_cell(account, preview, [&](std::size_t g, std::size_t r, std::size_t a, const Resource& resource,
                                        std::string_view action) {
      if ((g + r + a) % 3 != 0) return;  // a third of the cells: explaining is the slow path
      for (Level level : {Level::Pure, Level::Effective}) {
        const Decision decision = evaluator.explain(resource, action, level, &lookup);
        const CellState state = evaluator.state(resource, action, level, &lookup);
        ASSERT_EQ(decision.allowed, evaluator.allows(resource, action, level, &lookup)) << action << " on " << resource.text();
        ASSERT_EQ(decision.allowed, state == CellState::Allowed) << action << " on " << resource.text();
        ASSERT_EQ(decision.capped, state == CellState::Capped) << action << " on " << resource.text();
        ASSERT_FALSE(decision.reasons.empty()) << "no reason for " << action << " on " << resource.text();
        if (level == Level::Effective)
          ASSERT_EQ(state, preview.state(g, r, a)) << "the preview disagrees on " << action << " on " << resource.text();
        explained_reasons += decision.reasons.size();
      }
      ++cells;
    });
  }
  EXPECT_GT(cells, 30000u);
  EXPECT_GT(explained_reasons, cells);
}

namespace {

TEST(Properties, DecidingEveryActionAtOnceAgreesWithDecidingEachAlone) {
  tests::PolicyGenerator generate(31);
  for (int round = 0; round < kRounds; ++round) {
    nlohmann::json principal = generate.principal();
    principal["customRoles"] = nlohmann::json::array({generate.role("c1"), generate.role("c2")});
    const Evaluator evaluator = Evaluator::for_member(tests::principal(principal.dump()));
    const Account account = account_from(generate.account());
    const auto preview = compute_preview(account, evaluator);
    for (std::size_t g = 0; g < preview.groups().size(); ++g) {
      const auto& group = preview.groups()[g];
      std::vector<Action> actions;
      for (std::string_view name : core::preview::Preview::actions_of(group.type)) actions.emplace_back(name);
      actions.emplace_back("notACatalogueAction");
      for (std::size_t r = 0; r < group.resources; ++r) {
        const Resource resource = preview.resource(account, g, r);
        const auto at_once = evaluator.primary().allows_each(resource, actions, evaluator.semantics());
        for (std::size_t a = 0; a < actions.size(); ++a)
          ASSERT_EQ(at_once[a] != 0, evaluator.primary().allows(resource, actions[a], evaluator.semantics()))
              << actions[a].name << " on " << resource.text() << "\n" << principal.dump();
      }
    }
  }
}

}  // namespace
