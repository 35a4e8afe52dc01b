#include "core/api/demo_members.hpp"

#include "core/json_fields.hpp"

namespace core::api {

Result<std::vector<DemoMember>> parse_demo_members(std::string_view json_text) {
  auto parsed = parse_json(json_text);
  if (!parsed) return parsed.error();
  const Json& root = parsed.value();
  if (!root.is_object() || !root.contains("members") || !root["members"].is_array())
    return Error{"expected an object with a \"members\" array", "/members", -1};
  std::vector<DemoMember> members;
  const Json& list = root["members"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto at = child_pointer("/members", i);
    if (!list[i].is_object()) return Error{"a demo member must be an object", at, -1};
    DemoMember member;
    for (auto [field, target] : {std::pair{"email", &member.email}, std::pair{"name", &member.name},
                                 std::pair{"role", &member.role}, std::pair{"token", &member.token}}) {
      auto value = read_string(list[i], field, at);
      if (!value) return value.error();
      *target = std::move(value).value();
    }
    members.push_back(std::move(member));
  }
  return members;
}

}  // namespace core::api
