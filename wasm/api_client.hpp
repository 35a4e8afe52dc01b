#pragma once
// The console's API calls: core/ builds the requests and reads the answers, the browser's fetch sends them.
#include <functional>
#include <string>

#include "core/api/api_error.hpp"
#include "core/api/requests.hpp"

namespace wasm {

struct ApiResult {
  int status = 0;
  std::string body;
  core::api::ApiError error;  // set when !ok()
  bool ok() const { return status >= 200 && status < 300; }
};

class ApiClient {
 public:
  void set_token(std::string token) { token_ = std::move(token); }  // memory only, never stored or logged
  const std::string& token() const { return token_; }
  void send(const core::api::ApiRequest& request, std::function<void(ApiResult)> on_done) const;

 private:
  std::string token_;
};

}  // namespace wasm
