#include "core/api/rate_pacer.hpp"

#include <algorithm>
#include <charconv>

namespace core::api {
namespace {

std::optional<long long> whole_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

RateLimitHeaders parse_rate_limit(std::string_view route_remaining, std::string_view reset) {
  return {whole_number(route_remaining), whole_number(reset)};
}

void RatePacer::answered(const RateLimitHeaders& headers, int in_flight, long long now_epoch_ms) {
  if (!headers.route_remaining) return;
  const long long left = *headers.route_remaining - std::max(0, in_flight);
  const long long end = headers.reset_epoch_ms.value_or(now_epoch_ms + kLongestWaitMs);
  const long long window_end = std::clamp(end, now_epoch_ms, now_epoch_ms + kLongestWaitMs) + kMarginMs;
  if (allowance_ && window_end_ms_ > now_epoch_ms && end + kMarginMs <= window_end_ms_) {
    allowance_ = std::min(*allowance_, left);  // the same window: the lowest count is the latest
  } else {
    allowance_ = left;
    window_end_ms_ = window_end;
  }
}

void RatePacer::sent() {
  if (allowance_) --*allowance_;
}

long long RatePacer::wait_ms(long long now_epoch_ms) {
  if (!allowance_ || *allowance_ > 0) return 0;
  if (now_epoch_ms >= window_end_ms_) {  // a new window: its count is not known until an answer says it
    allowance_.reset();
    return 0;
  }
  return window_end_ms_ - now_epoch_ms;
}

}  // namespace core::api
