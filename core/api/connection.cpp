#include "core/api/connection.hpp"

#include "core/json_fields.hpp"

namespace core::api {

ApiRequest get_console_config() { return {"GET", "/console/config", ""}; }

Result<ConsoleConfig> parse_console_config(std::string_view json_text) {
  auto parsed = parse_json(json_text);
  if (!parsed) return parsed.error();
  const Json& root = parsed.value();
  if (!root.is_object()) return Error{"the console configuration must be a JSON object", "", -1};
  ConsoleConfig config;
  auto mode = read_string(root, "mode", "");
  if (!mode) return mode.error();
  if (mode.value() != "mock" && mode.value() != "proxy") return Error{"unknown mode \"" + mode.value() + "\"", "/mode", -1};
  config.mock = mode.value() == "mock";
  auto upstream = read_optional_string(root, "upstream", "");
  if (!upstream) return upstream.error();
  config.upstream = upstream.value().value_or("");
  auto proxy_path = read_optional_string(root, "proxyPath", "");
  if (!proxy_path) return proxy_path.error();
  if (proxy_path.value()) config.proxy_path = *proxy_path.value();
  if (auto instances = root.find("instances"); instances != root.end()) {
    if (!instances->is_array()) return Error{"\"instances\" must be an array", "/instances", -1};
    for (std::size_t i = 0; i < instances->size(); ++i) {
      const auto at = child_pointer("/instances", i);
      if (!(*instances)[i].is_object()) return Error{"an instance must be an object", at, -1};
      auto name = read_string((*instances)[i], "name", at);
      if (!name) return name.error();
      auto url = read_string((*instances)[i], "url", at);
      if (!url) return url.error();
      config.instances.push_back({name.value(), url.value()});
    }
  }
  return config;
}

ApiRequest get_caller_identity() { return {"GET", "/api/v2/caller-identity", ""}; }

Result<CallerIdentity> parse_caller_identity(std::string_view json_text) {
  auto parsed = parse_json(json_text);
  if (!parsed) return parsed.error();
  const Json& root = parsed.value();
  if (!root.is_object()) return Error{"the caller identity must be a JSON object", "", -1};
  CallerIdentity identity;
  auto kind = read_optional_string(root, "tokenKind", "");
  if (!kind) return kind.error();
  identity.token_kind = kind.value().value_or("");
  if (identity.token_kind.empty()) {  // older answers only say whether it is a service token
    auto service = read_bool(root, "serviceToken", "", false);
    if (!service) return service.error();
    identity.token_kind = service.value() ? "service" : "personal";
  }
  auto name = read_optional_string(root, "tokenName", "");
  if (!name) return name.error();
  identity.token_name = name.value().value_or("");
  auto member = read_optional_string(root, "memberId", "");
  if (!member) return member.error();
  identity.member_id = member.value().value_or("");
  return identity;
}

Result<std::string> normalize_instance_url(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '/')) text.remove_suffix(1);
  std::string_view rest;
  if (text.starts_with("https://")) rest = text.substr(8);
  else if (text.starts_with("http://")) rest = text.substr(7);
  else return Error{"an instance URL starts with https:// (or http:// for one on this machine)", "", 1};
  if (rest.empty()) return Error{"the URL has no host", "", static_cast<int>(text.size())};
  const auto bad = rest.find_first_of("/?#@ \\");
  if (bad != std::string_view::npos)
    return Error{"an instance URL is a scheme and a host (and port) only, like https://app.eu.launchdarkly.com", "",
                 static_cast<int>(text.size() - rest.size() + bad + 1)};
  return std::string(text);
}

}  // namespace core::api
