#pragma once
// The mock API's demo members, each with a personal token, for "act as" in demos.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace core::api {

struct DemoMember {
  std::string email;
  std::string name;
  std::string role;
  std::string token;  // a secret: held in memory only
};

Result<std::vector<DemoMember>> parse_demo_members(std::string_view json_text);

}  // namespace core::api
