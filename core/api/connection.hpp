#pragma once
// Where the console's API calls go and who they act as: serve.py's console configuration (the mock, or
// LaunchDarkly instances reached through its proxy) and the API's caller identity.
#include <string>
#include <string_view>
#include <vector>

#include "core/api/requests.hpp"
#include "core/result.hpp"

namespace core::api {

struct Instance {
  std::string name;  // "Commercial", "EU", "Federal"
  std::string url;   // "https://app.eu.launchdarkly.com"
};

struct ConsoleConfig {
  bool mock = true;            // serve.py answers /api/v2 itself (false: serve.py --upstream relays it)
  std::string upstream;        // with serve.py --upstream
  std::vector<Instance> instances;
  std::string proxy_path = "/proxy";  // /proxy/api/v2/... reaches the instance named in X-TokenScope-Upstream
};

// GET /console/config (serve.py's, not LaunchDarkly's).
ApiRequest get_console_config();
Result<ConsoleConfig> parse_console_config(std::string_view json_text);

struct CallerIdentity {
  std::string token_kind;  // "personal" or "service"
  std::string token_name;
  std::string member_id;   // the token's member (a service token: its creator)
};

ApiRequest get_caller_identity();
Result<CallerIdentity> parse_caller_identity(std::string_view json_text);

// A URL typed for "another instance": http(s), a host, no path, query, fragment or credentials; returned
// without a trailing slash. serve.py's proxy decides which of those it relays to.
Result<std::string> normalize_instance_url(std::string_view text);

}  // namespace core::api
