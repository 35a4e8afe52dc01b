#include <gtest/gtest.h>

#include "core/api/connection.hpp"
#include "core/api/member.hpp"

using namespace core::api;

TEST(ConsoleConfig, ReadsTheModeAndTheInstances) {
  auto config = parse_console_config(R"({"mode":"mock","upstream":null,"proxyPath":"/proxy",
    "instances":[{"name":"Commercial","url":"https://app.launchdarkly.com"},{"name":"EU","url":"https://app.eu.launchdarkly.com"}]})");
  ASSERT_TRUE(config) << config.error().describe();
  EXPECT_TRUE(config->mock);
  EXPECT_EQ(config->upstream, "");
  ASSERT_EQ(config->instances.size(), 2u);
  EXPECT_EQ(config->instances[1].name, "EU");
  EXPECT_EQ(config->instances[1].url, "https://app.eu.launchdarkly.com");
}

TEST(ConsoleConfig, ProxyModeNamesItsUpstream) {
  auto config = parse_console_config(R"({"mode":"proxy","upstream":"https://app.launchdarkly.us"})");
  ASSERT_TRUE(config);
  EXPECT_FALSE(config->mock);
  EXPECT_EQ(config->upstream, "https://app.launchdarkly.us");
  EXPECT_EQ(config->proxy_path, "/proxy");
}

TEST(ConsoleConfig, RefusesWhatIsNotAConfiguration) {
  EXPECT_FALSE(parse_console_config("<html>"));
  EXPECT_FALSE(parse_console_config(R"({"mode":"other"})"));
  auto bad = parse_console_config(R"({"mode":"mock","instances":[{"name":"EU"}]})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().pointer, "/instances/0/url");
}

TEST(CallerIdentity, ReadsTheTokenKindOrDerivesIt) {
  auto personal = parse_caller_identity(R"({"tokenKind":"personal","tokenName":"ci","memberId":"m1"})");
  ASSERT_TRUE(personal);
  EXPECT_EQ(personal->token_kind, "personal");
  EXPECT_EQ(personal->member_id, "m1");
  auto service = parse_caller_identity(R"({"serviceToken":true})");
  ASSERT_TRUE(service);
  EXPECT_EQ(service->token_kind, "service");
  EXPECT_FALSE(parse_caller_identity(R"({"tokenKind":7})"));
}

TEST(InstanceUrl, KeepsSchemeAndHostOnly) {
  EXPECT_EQ(normalize_instance_url(" https://app.eu.launchdarkly.com/ ").value(), "https://app.eu.launchdarkly.com");
  EXPECT_EQ(normalize_instance_url("http://127.0.0.1:8001").value(), "http://127.0.0.1:8001");
  EXPECT_FALSE(normalize_instance_url("app.launchdarkly.com"));
  EXPECT_FALSE(normalize_instance_url("https://"));
  auto with_path = normalize_instance_url("https://app.launchdarkly.com/api/v2");
  ASSERT_FALSE(with_path);
  EXPECT_EQ(with_path.error().column, 29);
  EXPECT_FALSE(normalize_instance_url("https://user@app.launchdarkly.com"));
}

TEST(Members, ListsAndNamesTheFailingItem) {
  auto members = parse_members(R"({"items":[{"_id":"a","email":"a@x","role":"writer"},{"_id":"b","email":"b@x","role":"reader"}]})");
  ASSERT_TRUE(members) << members.error().describe();
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ((*members)[1].role, "reader");
  auto bad = parse_members(R"({"items":[{"_id":"a","email":"a@x","role":"writer"},{"_id":"b","email":"b@x","role":"chief"}]})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().pointer, "/items/1/role");
}

TEST(Members, ARoleChangeIsOneJsonPatchReplace) {
  auto request = update_member_role("m-42", "reader");
  EXPECT_EQ(request.method, "PATCH");
  EXPECT_EQ(request.path, "/api/v2/members/m-42");
  EXPECT_EQ(nlohmann::json::parse(request.body), nlohmann::json::parse(R"([{"op":"replace","path":"/role","value":"reader"}])"));
}
