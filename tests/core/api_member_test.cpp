#include <gtest/gtest.h>

#include "core/api/member.hpp"

using core::api::parse_member;

TEST(ParseMember, ReadsTheFieldsTheConsoleShows) {
  auto member = parse_member(R"({"_id":"569f514183f2164430000002","email":"ada@example.com","firstName":"Ada",
    "lastName":"Lovelace","role":"writer","customRoles":[],"_lastSeen":1700000000000,"creationDate":"1628001602644",
    "roleAttributes":{"projects":["web","mobile"]},"teams":[{"key":"qa","name":"QA","customRoleKeys":["qa-role"]}]})");
  ASSERT_TRUE(member.ok()) << member.error().describe();
  EXPECT_EQ(member->email, "ada@example.com");
  EXPECT_EQ(member->role, "writer");
  EXPECT_EQ(member->display_name(), "Ada Lovelace");
  EXPECT_EQ(member->creation_date, 1628001602644LL);
  EXPECT_EQ(member->role_attributes.at("projects").size(), 2u);
  ASSERT_EQ(member->teams.size(), 1u);
  EXPECT_EQ(member->teams[0].custom_role_keys[0], "qa-role");
}

TEST(ParseMember, DisplayNameFallsBackToEmail) {
  auto member = parse_member(R"({"_id":"a","email":"x@example.com","role":"reader"})");
  ASSERT_TRUE(member.ok());
  EXPECT_EQ(member->display_name(), "x@example.com");
}

TEST(ParseMember, MissingEmailNamesThePointer) {
  auto member = parse_member(R"({"_id":"a","role":"reader"})");
  ASSERT_FALSE(member.ok());
  EXPECT_EQ(member.error().pointer, "/email");
}

TEST(ParseMember, WrongTypeIsAnError) {
  auto member = parse_member(R"({"_id":"a","email":"x@example.com","role":"reader","customRoles":"admin"})");
  ASSERT_FALSE(member.ok());
  EXPECT_EQ(member.error().pointer, "/customRoles");
}

TEST(ParseMember, UnknownRoleIsAnError) {
  auto member = parse_member(R"({"_id":"a","email":"x@example.com","role":"superuser"})");
  ASSERT_FALSE(member.ok());
  EXPECT_EQ(member.error().pointer, "/role");
}

TEST(ParseMember, InvalidJsonSaysWhere) {
  auto member = parse_member(R"({"_id": )");
  ASSERT_FALSE(member.ok());
  EXPECT_NE(member.error().message.find("invalid JSON"), std::string::npos);
}

TEST(ParseMember, RoleAttributeValuesMustBeStrings) {
  auto member = parse_member(R"({"_id":"a","email":"x@example.com","role":"reader","roleAttributes":{"p":[1]}})");
  ASSERT_FALSE(member.ok());
  EXPECT_EQ(member.error().pointer, "/roleAttributes/p/0");
}

TEST(ParseTeam, ReadsTheTeamsRolesAndTheValuesOfTheirAttributes) {
  auto team = core::api::parse_team(R"({"key":"payments-oncall","name":"Payments on-call","_version":1,
    "roles":{"totalCount":1,"items":[{"key":"flag-operator","name":"Flag operator"}]},
    "roleAttributes":{"projectKeys":["checkout"]}})");
  ASSERT_TRUE(team.ok()) << team.error().describe();
  EXPECT_EQ(team->key, "payments-oncall");
  EXPECT_EQ(team->custom_role_keys, std::vector<std::string>{"flag-operator"});
  EXPECT_EQ(team->role_attributes.at("projectKeys"), std::vector<std::string>{"checkout"});
}

TEST(ParseTeam, ATeamReadWithoutItsRolesSaysWhatIsMissing) {
  auto team = core::api::parse_team(R"({"key":"qa","name":"QA"})");
  ASSERT_FALSE(team.ok());
  EXPECT_EQ(team.error().pointer, "/roles/items");
  auto bad = core::api::parse_team(R"({"key":"qa","roles":{"items":[]},"roleAttributes":{"projectKeys":"checkout"}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().pointer, "/roleAttributes/projectKeys");
}

TEST(ParseTeam, TheRequestAsksForRolesAndAttributesAndEscapesTheKey) {
  EXPECT_EQ(core::api::get_team("qa").path, "/api/v2/teams/qa?expand=roles,roleAttributes");
  EXPECT_EQ(core::api::get_team("a/b?c").path, "/api/v2/teams/a%2Fb%3Fc?expand=roles,roleAttributes");
}

TEST(ParseMember, ATeamsSummaryMayCarryRoleAttributesCheckedWhereTheyAppear) {
  auto member = parse_member(R"({"_id":"a","email":"x@example.com","role":"reader",
    "teams":[{"key":"qa","customRoleKeys":[],"roleAttributes":{"envs":["qa"]}}]})");
  ASSERT_TRUE(member.ok()) << member.error().describe();
  EXPECT_EQ(member->teams[0].role_attributes.at("envs"), std::vector<std::string>{"qa"});
  auto bad = parse_member(R"({"_id":"a","email":"x@example.com","role":"reader",
    "teams":[{"key":"qa","customRoleKeys":[],"roleAttributes":{"envs":[1]}}]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().pointer, "/teams/0/roleAttributes/envs/0");
}
