#include "core/api/requests.hpp"

#include <cctype>

namespace core::api {

std::vector<std::pair<std::string, std::string>> ApiRequest::headers(std::string_view access_token) const {
  std::vector<std::pair<std::string, std::string>> result;
  if (!access_token.empty()) result.emplace_back("Authorization", access_token);
  result.emplace_back("LD-API-Version", kApiVersion);
  if (!body.empty()) result.emplace_back("Content-Type", "application/json");
  return result;
}

std::string percent_encoded(std::string_view text) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string segment;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      segment += static_cast<char>(c);
    } else {
      segment += '%';
      segment += kHex[c >> 4];
      segment += kHex[c & 15];
    }
  }
  return segment;
}

ApiRequest get_member_me() { return {"GET", "/api/v2/members/me", ""}; }

ApiRequest get_demo_members() { return {"GET", "/console/demo-members", ""}; }

}  // namespace core::api
