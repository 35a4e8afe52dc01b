#pragma once
// The REST API requests the console sends, built in one place so every client sends the same thing.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace core::api {

inline constexpr const char* kApiVersion = "20240415";

struct ApiRequest {
  std::string method;
  std::string path;  // relative to the API's origin, starting with /api/v2 (or /console for the mock's extras)
  std::string body;  // JSON, empty for none

  // Authorization carries the raw token (no "Bearer"); LD-API-Version pins the response shapes.
  std::vector<std::pair<std::string, std::string>> headers(std::string_view access_token) const;
};

// Letters, digits, '-', '_' and '.' as they are, every other byte percent-encoded ("%2F").
std::string percent_encoded(std::string_view text);
// A key as one segment of a request path, percent-encoded (so a key can never reach another path or the query).
inline std::string path_segment(std::string_view key) { return percent_encoded(key); }

ApiRequest get_member_me();
// The mock API's list of demo members with a working token each (not part of LaunchDarkly's API).
ApiRequest get_demo_members();

}  // namespace core::api
