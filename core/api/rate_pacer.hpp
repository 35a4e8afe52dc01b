#pragma once
// Paces calls to one API route by LaunchDarkly's rate-limit headers, so that a long run of reads (every
// project's flags) slows down before the API refuses with 429 rather than after: once an answer says how
// many more calls the route takes in this window, no more than that are sent until the window ends.
#include <optional>
#include <string_view>

namespace core::api {

// X-Ratelimit-Route-Remaining and X-Ratelimit-Reset (milliseconds since the epoch); unreadable: none.
struct RateLimitHeaders {
  std::optional<long long> route_remaining;
  std::optional<long long> reset_epoch_ms;
};
RateLimitHeaders parse_rate_limit(std::string_view route_remaining, std::string_view reset);

class RatePacer {
 public:
  // An answer's headers. in_flight: calls sent and not answered yet, which the API may not have counted.
  void answered(const RateLimitHeaders& headers, int in_flight, long long now_epoch_ms);
  void sent();
  // 0 when a call may go now; else how long to wait (the window's end, at most kLongestWaitMs away, since
  // the API's clock and ours may differ).
  long long wait_ms(long long now_epoch_ms);

  static constexpr long long kLongestWaitMs = 10'000;
  static constexpr long long kMarginMs = 100;  // past the window's end, for a clock a little behind the API's

 private:
  std::optional<long long> allowance_;  // calls left in this window; none: not known (send freely)
  long long window_end_ms_ = 0;
};

}  // namespace core::api
