#include <gtest/gtest.h>

#include "core/api/api_error.hpp"

using core::api::parse_api_error;

TEST(ParseApiError, UsesTheApiCodeAndMessage) {
  auto error = parse_api_error(401, R"({"code":"unauthorized","message":"Invalid access token"})");
  EXPECT_EQ(error.status, 401);
  EXPECT_EQ(error.code, "unauthorized");
  EXPECT_EQ(error.describe(), "401 unauthorized: Invalid access token");
}

TEST(ParseApiError, EmptyBodyFallsBackToTheStatus) {
  auto error = parse_api_error(403, "");
  EXPECT_EQ(error.code, "forbidden");
  EXPECT_FALSE(error.message.empty());
}

TEST(ParseApiError, NonJsonBodyFallsBackToTheStatus) {
  auto error = parse_api_error(502, "<html>Bad Gateway</html>");
  EXPECT_EQ(error.code, "bad_gateway");
}

TEST(ParseApiError, UnknownStatusStillReadable) {
  auto error = parse_api_error(418, "{}");
  EXPECT_EQ(error.status, 418);
  EXPECT_EQ(error.code, "http_error");
}

TEST(ParseApiError, NetworkErrorHasNoStatus) {
  auto error = core::api::network_error("connection refused");
  EXPECT_EQ(error.status, 0);
  EXPECT_EQ(error.describe(), "No answer from the API: connection refused");
}

TEST(ParseRetryAfter, ReadsSecondsAndRefusesAnythingElse) {
  EXPECT_EQ(core::api::parse_retry_after("7"), 7);
  EXPECT_EQ(core::api::parse_retry_after(" 120 "), 120);
  EXPECT_EQ(core::api::parse_retry_after(""), 0);
  EXPECT_EQ(core::api::parse_retry_after("-3"), 0);
  EXPECT_EQ(core::api::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), 0);
  EXPECT_EQ(core::api::parse_retry_after("99999999999"), 0);  // absurd: not a wait anyone should honour
}

TEST(ApiErrorKinds, EachKindSaysWhereItWentWrong) {
  using core::api::ErrorKind;
  EXPECT_EQ(parse_api_error(403, "{}").kind, ErrorKind::Api);
  EXPECT_EQ(core::api::network_error("x").kind, ErrorKind::Network);
  const auto unreadable = core::api::invalid_response(200, "expected a collection with \"items\" (at /items)");
  EXPECT_EQ(unreadable.kind, ErrorKind::InvalidResponse);
  EXPECT_EQ(unreadable.describe(), "The API's answer (200) could not be read: expected a collection with \"items\" (at /items)");
  const auto input = core::api::invalid_input("choose at least one custom role");
  EXPECT_EQ(input.kind, ErrorKind::InvalidInput);
  EXPECT_EQ(input.describe(), "choose at least one custom role");
}
