#pragma once
// The state of one read or write: in flight, failed (with the API's error and how long a rate limit lasts), or
// neither.
#include <optional>

#include "api_client.hpp"
#include "core/api/api_error.hpp"

namespace wasm {

struct Loadable {
  bool loading = false;
  std::optional<core::api::ApiError> error;
  double retry_at_ms = 0;  // a rate-limited call is not retried before this (performance.now())

  static Loadable busy() { return {true, std::nullopt}; }
  static Loadable failed(core::api::ApiError error);
  static Loadable done(const ApiResult& result);  // failed(result.error) unless it succeeded
  bool waiting_to_retry() const;
};

}  // namespace wasm
