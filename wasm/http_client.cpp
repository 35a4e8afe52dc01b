#include "http_client.hpp"

#include <emscripten/fetch.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>

#include "redraw.hpp"

namespace wasm {
namespace {

// Owns everything emscripten_fetch points into until the request ends.
struct PendingFetch {
  HttpRequest request;
  std::vector<const char*> header_pointers;
  std::function<void(HttpResponse)> on_done;
};

std::map<std::string, std::string> read_headers(emscripten_fetch_t* fetch) {
  std::map<std::string, std::string> headers;
  const size_t length = emscripten_fetch_get_response_headers_length(fetch);
  if (length == 0) return headers;
  std::string raw(length + 1, '\0');
  emscripten_fetch_get_response_headers(fetch, raw.data(), raw.size());
  std::string_view rest(raw);
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value(line.substr(colon + 1));
    value.erase(0, value.find_first_not_of(' '));
    while (!value.empty() && (value.back() == '\r' || value.back() == ' ' || value.back() == '\0')) value.pop_back();
    headers[name] = value;
  }
  return headers;
}

void finish(emscripten_fetch_t* fetch) {
  std::unique_ptr<PendingFetch> pending(static_cast<PendingFetch*>(fetch->userData));
  HttpResponse response;
  response.status = fetch->status;
  if (fetch->numBytes > 0) response.body.assign(fetch->data, static_cast<size_t>(fetch->numBytes));
  if (response.status != 0) response.headers = read_headers(fetch);
  emscripten_fetch_close(fetch);
  pending->on_done(std::move(response));
  redraw::request_finished();  // the next frames show what the answer changed
}

}  // namespace

void send_http(HttpRequest request, std::function<void(HttpResponse)> on_done) {
  auto pending = std::make_unique<PendingFetch>();
  pending->request = std::move(request);
  pending->on_done = std::move(on_done);
  for (const auto& [name, value] : pending->request.headers) {
    pending->header_pointers.push_back(name.c_str());
    pending->header_pointers.push_back(value.c_str());
  }
  pending->header_pointers.push_back(nullptr);

  emscripten_fetch_attr_t attr;
  emscripten_fetch_attr_init(&attr);
  const std::string& method = pending->request.method;
  std::snprintf(attr.requestMethod, sizeof(attr.requestMethod), "%s", method.c_str());
  attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
  attr.requestHeaders = pending->header_pointers.data();
  attr.timeoutMSecs = pending->request.timeout_ms;
  if (!pending->request.body.empty()) {
    attr.requestData = pending->request.body.data();
    attr.requestDataSize = pending->request.body.size();
  }
  attr.onsuccess = finish;
  attr.onerror = finish;
  attr.userData = pending.get();
  const std::string url = pending->request.url;
  pending.release();  // owned by the fetch until finish()
  redraw::request_started();
  emscripten_fetch(&attr, url.c_str());
}

}  // namespace wasm
