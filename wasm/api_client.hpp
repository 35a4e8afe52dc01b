#pragma once
// The console's API calls: core/ builds the requests and reads the answers, the browser's fetch sends them.
#include <functional>
#include <string>

#include "core/api/api_error.hpp"
#include "core/api/rate_pacer.hpp"
#include "core/api/requests.hpp"
#include "core/api/secret.hpp"

namespace wasm {

struct ApiResult {
  int status = 0;
  std::string body;
  core::api::ApiError error;  // set when !ok()
  core::api::RateLimitHeaders rate_limit;
  bool ok() const { return status >= 200 && status < 300; }
};

class ApiClient {
 public:
  void set_token(core::api::Secret token) { token_ = std::move(token); }  // memory only, never stored or logged
  void forget_token() { token_.forget(); }
  // Calls to /api/... go to prefix + path, naming the instance serve.py's proxy relays to (empty: the
  // serving origin's own API).
  void set_route(std::string prefix, std::string upstream) {
    prefix_ = std::move(prefix);
    upstream_ = std::move(upstream);
  }
  const std::string& upstream() const { return upstream_; }
  void send(const core::api::ApiRequest& request, std::function<void(ApiResult)> on_done) const;

 private:
  core::api::Secret token_;
  std::string prefix_;
  std::string upstream_;
};

}  // namespace wasm
