#pragma once
// HTTP through the browser's fetch (emscripten_fetch). Callbacks run on the main loop's thread.
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace wasm {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  unsigned timeout_ms = 15000;
};

struct HttpResponse {
  int status = 0;                              // 0: no HTTP answer (network down, server stopped, timeout)
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
};

void send_http(HttpRequest request, std::function<void(HttpResponse)> on_done);

}  // namespace wasm
