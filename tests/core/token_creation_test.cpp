// Which kinds of token a member may create: decided as the API decides a create, with the reason in words.
#include <gtest/gtest.h>

#include "core/api/token_creation.hpp"

using namespace core::api;

namespace {

Member member(std::string role, std::vector<std::string> custom_roles = {}) {
  Member m;
  m.id = "m-" + role;
  m.email = role + "@example.com";
  m.first_name = "Pat";
  m.last_name = "Example";
  m.role = std::move(role);
  m.custom_roles = std::move(custom_roles);
  return m;
}

const std::vector<CustomRole> kRoles = {
    {"r1", "service-token-maker", "Service token maker", "", nlohmann::json::parse(R"([
       {"effect":"allow","resources":["service-token/*"],"actions":["createAccessToken"]}])"), "no_access"}};

}  // namespace

TEST(CreatableKinds, AdminsAndOwnersCreateBothKinds) {
  for (const char* role : {"admin", "owner"}) {
    const auto kinds = creatable_kinds(member(role), {});
    EXPECT_TRUE(kinds.personal.allowed) << role;
    EXPECT_TRUE(kinds.service.allowed) << role;
    EXPECT_EQ(kinds.service.reason, "");
  }
}

TEST(CreatableKinds, WritersAndReadersCreatePersonalTokensOnly) {
  for (const char* role : {"writer", "reader"}) {
    const auto kinds = creatable_kinds(member(role), {});
    EXPECT_TRUE(kinds.personal.allowed) << role;
    EXPECT_FALSE(kinds.service.allowed) << role;
    EXPECT_EQ(kinds.service.reason, "Pat Example cannot create service tokens: the " + std::string(role) +
                                         " role does not allow createAccessToken on service tokens.")
        << role;
  }
}

TEST(CreatableKinds, NoAccessCreatesNothing) {
  const auto kinds = creatable_kinds(member("no_access"), {});
  EXPECT_FALSE(kinds.personal.allowed);
  EXPECT_FALSE(kinds.service.allowed);
  EXPECT_NE(kinds.personal.reason.find("cannot create personal tokens"), std::string::npos);
}

TEST(CreatableKinds, ACustomRoleCanGrantServiceTokens) {
  const auto kinds = creatable_kinds(member("no_access", {"service-token-maker"}), kRoles);
  EXPECT_TRUE(kinds.service.allowed);
  EXPECT_FALSE(kinds.personal.allowed);
  EXPECT_NE(kinds.personal.reason.find("its custom roles"), std::string::npos);
}
