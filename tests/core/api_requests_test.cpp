#include <gtest/gtest.h>

#include "core/api/demo_members.hpp"
#include "core/api/requests.hpp"

TEST(ApiRequests, MemberMeSendsTheRawTokenAndPinnedVersion) {
  auto request = core::api::get_member_me();
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.path, "/api/v2/members/me");
  auto headers = request.headers("api-123");
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0], (std::pair<std::string, std::string>{"Authorization", "api-123"}));
  EXPECT_EQ(headers[1], (std::pair<std::string, std::string>{"LD-API-Version", "20240415"}));
}

TEST(ApiRequests, BodyAddsContentType) {
  core::api::ApiRequest request{"POST", "/api/v2/tokens", "{}"};
  auto headers = request.headers("t");
  EXPECT_EQ(headers.back().first, "Content-Type");
  EXPECT_EQ(headers.back().second, "application/json");
}

TEST(DemoMembers, ParsesTheList) {
  auto members = core::api::parse_demo_members(
      R"({"members":[{"email":"w@example.com","name":"Wendy","role":"writer","token":"api-x"}]})");
  ASSERT_TRUE(members.ok()) << members.error().describe();
  ASSERT_EQ(members->size(), 1u);
  EXPECT_EQ(members->at(0).role, "writer");
}

TEST(DemoMembers, MissingTokenNamesThePointer) {
  auto members = core::api::parse_demo_members(R"({"members":[{"email":"w","name":"W","role":"writer"}]})");
  ASSERT_FALSE(members.ok());
  EXPECT_EQ(members.error().pointer, "/members/0/token");
}
