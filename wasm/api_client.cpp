#include "api_client.hpp"

#include "http_client.hpp"

namespace wasm {

void ApiClient::send(const core::api::ApiRequest& request, std::function<void(ApiResult)> on_done) const {
  HttpRequest http;
  http.method = request.method;
  const bool api_call = request.path.starts_with("/api/");
  http.url = api_call ? prefix_ + request.path : request.path;  // the serving origin: serve.py answers or relays
  http.headers = request.headers(token_.reveal());  // the copies die with the request, wiped
  if (api_call && !upstream_.empty()) http.headers.emplace_back("X-TokenScope-Upstream", upstream_);
  http.body = request.body;
  send_http(std::move(http), [on_done = std::move(on_done)](HttpResponse response) {
    ApiResult result;
    result.status = response.status;
    result.body = std::move(response.body);
    auto header = [&response](const char* name) {
      const auto found = response.headers.find(name);
      return found == response.headers.end() ? std::string_view() : std::string_view(found->second);
    };
    result.rate_limit = core::api::parse_rate_limit(header("x-ratelimit-route-remaining"), header("x-ratelimit-reset"));
    if (response.status == 0) {
      result.error = core::api::network_error("the server did not answer (is serve.py running?)");
    } else if (!result.ok()) {
      result.error = core::api::parse_api_error(response.status, result.body);
      if (auto retry = response.headers.find("retry-after"); retry != response.headers.end())
        result.error.retry_after_seconds = core::api::parse_retry_after(retry->second);
      // A 429 without a usable Retry-After still gets a short wait rather than an immediate hammering.
      if (response.status == 429 && result.error.retry_after_seconds == 0) result.error.retry_after_seconds = 5;
    }
    on_done(std::move(result));
  });
}

}  // namespace wasm
