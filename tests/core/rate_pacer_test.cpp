// Pacing by X-Ratelimit-*: no more calls in a window than the API said it would take.
#include <gtest/gtest.h>

#include "core/api/rate_pacer.hpp"

using core::api::parse_rate_limit;
using core::api::RatePacer;

TEST(RateLimitHeaders, ReadWholeNumbersOnly) {
  EXPECT_EQ(parse_rate_limit("7", " 1765000000000 ").route_remaining, 7);
  EXPECT_EQ(parse_rate_limit("7", " 1765000000000 ").reset_epoch_ms, 1765000000000);
  EXPECT_FALSE(parse_rate_limit("", "").route_remaining);
  EXPECT_FALSE(parse_rate_limit("-1", "x").route_remaining);
  EXPECT_FALSE(parse_rate_limit("3.5", "").route_remaining);
  EXPECT_FALSE(parse_rate_limit("99999999999999999999999", "").route_remaining);
  EXPECT_FALSE(parse_rate_limit("1", "soon").reset_epoch_ms);
}

TEST(RatePacer, SendsFreelyUntilAnAnswerSaysOtherwise) {
  RatePacer pacer;
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(pacer.wait_ms(1000), 0);
    pacer.sent();
  }
  pacer.answered({std::nullopt, std::nullopt}, 3, 1000);
  EXPECT_EQ(pacer.wait_ms(1000), 0) << "an answer without the headers says nothing";
}

TEST(RatePacer, SendsNoMoreThanTheWindowTakesCountingCallsInFlight) {
  RatePacer pacer;
  const long long now = 1'000'000, reset = now + 4000;
  pacer.answered({5, reset}, 2, now);  // 5 left, 2 of ours maybe not counted yet: 3 more may go
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(pacer.wait_ms(now), 0);
    pacer.sent();
  }
  EXPECT_EQ(pacer.wait_ms(now), 4000 + RatePacer::kMarginMs);
  EXPECT_EQ(pacer.wait_ms(now + 1000), 3000 + RatePacer::kMarginMs);
  EXPECT_EQ(pacer.wait_ms(reset + RatePacer::kMarginMs), 0) << "the next window";
}

TEST(RatePacer, AnAnswerOutOfOrderNeverRaisesTheCountOfTheSameWindow) {
  RatePacer pacer;
  const long long now = 50'000, reset = now + 5000;
  pacer.answered({2, reset}, 0, now);
  pacer.answered({6, reset}, 0, now + 10);  // sent earlier, answered later
  pacer.sent();
  pacer.sent();
  EXPECT_GT(pacer.wait_ms(now + 20), 0);
}

TEST(RatePacer, ANewWindowsCountReplacesTheOld) {
  RatePacer pacer;
  const long long now = 50'000;
  pacer.answered({0, now + 1000}, 0, now);
  EXPECT_GT(pacer.wait_ms(now), 0);
  pacer.answered({9, now + 11000}, 0, now + 1200);
  EXPECT_EQ(pacer.wait_ms(now + 1200), 0);
}

TEST(RatePacer, AFarOrPastResetIsBoundedByOurOwnClock) {
  RatePacer pacer;
  const long long now = 50'000;
  pacer.answered({0, now + 3'600'000}, 0, now);  // an hour: a clock far ahead of ours
  EXPECT_EQ(pacer.wait_ms(now), RatePacer::kLongestWaitMs + RatePacer::kMarginMs);
  RatePacer behind;
  behind.answered({0, now - 5000}, 0, now);  // already over by our clock
  EXPECT_EQ(behind.wait_ms(now), RatePacer::kMarginMs);
}
