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
