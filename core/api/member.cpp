#include "core/api/member.hpp"

#include "core/json_fields.hpp"

namespace core::api {
namespace {

constexpr const char* kKnownRoles[] = {"reader", "writer", "admin", "owner", "no_access"};

Result<RoleAttributes> read_role_attributes(const Json& object, const std::string& at = "") {
  RoleAttributes attributes;
  auto it = object.find("roleAttributes");
  if (it == object.end() || it->is_null()) return attributes;
  if (!it->is_object()) return Error{"\"roleAttributes\" must be an object", at + "/roleAttributes", -1};
  for (const auto& [name, values] : it->items()) {
    auto list = read_string_array(*it, name, at + "/roleAttributes", true);
    if (!list) return list.error();
    attributes.emplace(name, std::move(list).value());
  }
  return attributes;
}

Result<std::vector<TeamSummary>> read_teams(const Json& object) {
  std::vector<TeamSummary> teams;
  auto it = object.find("teams");
  if (it == object.end() || it->is_null()) return teams;
  if (!it->is_array()) return Error{"\"teams\" must be an array", "/teams", -1};
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto at = child_pointer("/teams", i);
    const Json& team = (*it)[i];
    if (!team.is_object()) return Error{"a team must be an object", at, -1};
    auto key = read_string(team, "key", at);
    if (!key) return key.error();
    auto name = read_optional_string(team, "name", at);
    if (!name) return name.error();
    auto roles = read_string_array(team, "customRoleKeys", at, false);
    if (!roles) return roles.error();
    auto attributes = read_role_attributes(team, at);
    if (!attributes) return attributes.error();
    teams.push_back({key.value(), name.value().value_or(key.value()), roles.value(), attributes.value()});
  }
  return teams;
}

}  // namespace

std::string Member::display_name() const {
  std::string name = first_name;
  if (!last_name.empty()) name += (name.empty() ? "" : " ") + last_name;
  return name.empty() ? email : name;
}

Result<Member> parse_member(std::string_view json_text) {
  auto parsed = parse_json(json_text);
  if (!parsed) return parsed.error();
  return read_member(parsed.value());
}

Result<std::vector<Member>> parse_members(std::string_view json_text) {
  auto parsed = parse_json(json_text);
  if (!parsed) return parsed.error();
  const Json& root = parsed.value();
  if (!root.is_object() || !root.contains("items") || !root["items"].is_array())
    return Error{"expected an object with an \"items\" array", "/items", -1};
  std::vector<Member> members;
  for (std::size_t i = 0; i < root["items"].size(); ++i) {
    auto member = read_member(root["items"][i]);
    if (!member) {
      Error error = member.error();
      error.pointer = child_pointer("/items", i) + error.pointer;
      return error;
    }
    members.push_back(std::move(member).value());
  }
  return members;
}

Result<TeamSummary> parse_team(std::string_view json_text) {
  auto parsed = parse_json(json_text);
  if (!parsed) return parsed.error();
  const Json& team = parsed.value();
  if (!team.is_object()) return Error{"a team must be a JSON object", "", -1};
  auto key = read_string(team, "key", "");
  if (!key) return key.error();
  auto name = read_optional_string(team, "name", "");
  if (!name) return name.error();
  TeamSummary summary{key.value(), name.value().value_or(key.value()), {}, {}};
  auto roles = team.find("roles");
  if (roles == team.end() || !roles->is_object() || !roles->contains("items") || !(*roles)["items"].is_array())
    return Error{"expected the team's roles (expand=roles)", "/roles/items", -1};
  for (std::size_t i = 0; i < (*roles)["items"].size(); ++i) {
    const auto at = child_pointer("/roles/items", i);
    const Json& role = (*roles)["items"][i];
    if (!role.is_object()) return Error{"a team role must be an object", at, -1};
    auto role_key = read_string(role, "key", at);
    if (!role_key) return role_key.error();
    summary.custom_role_keys.push_back(role_key.value());
  }
  auto attributes = read_role_attributes(team);
  if (!attributes) return attributes.error();
  summary.role_attributes = attributes.value();
  return summary;
}

ApiRequest get_team(const std::string& key) {
  return {"GET", "/api/v2/teams/" + path_segment(key) + "?expand=roles,roleAttributes", ""};
}

void apply_team(Member& member, const TeamSummary& team) {
  for (auto& mine : member.teams)
    if (mine.key == team.key) mine = team;
}

ApiRequest list_members() { return {"GET", "/api/v2/members?limit=1000", ""}; }

ApiRequest update_member_role(const std::string& member_id, const std::string& role) {
  const Json patch = Json::array({{{"op", "replace"}, {"path", "/role"}, {"value", role}}});
  return {"PATCH", "/api/v2/members/" + member_id, patch.dump()};
}

Result<Member> read_member(const Json& object) {
  if (!object.is_object()) return Error{"a member must be a JSON object", "", -1};

  Member member;
  auto id = read_string(object, "_id", "");
  if (!id) return id.error();
  member.id = id.value();
  auto email = read_string(object, "email", "");
  if (!email) return email.error();
  member.email = email.value();
  auto role = read_string(object, "role", "");
  if (!role) return role.error();
  member.role = role.value();
  bool known = false;
  for (const char* candidate : kKnownRoles) known = known || member.role == candidate;
  if (!known) return Error{"unknown member role \"" + member.role + "\"", "/role", -1};

  auto first = read_optional_string(object, "firstName", "");
  if (!first) return first.error();
  member.first_name = first.value().value_or("");
  auto last = read_optional_string(object, "lastName", "");
  if (!last) return last.error();
  member.last_name = last.value().value_or("");
  auto custom = read_string_array(object, "customRoles", "", false);
  if (!custom) return custom.error();
  member.custom_roles = custom.value();
  auto attributes = read_role_attributes(object);
  if (!attributes) return attributes.error();
  member.role_attributes = attributes.value();
  auto teams = read_teams(object);
  if (!teams) return teams.error();
  member.teams = teams.value();
  auto created = read_millis(object, "creationDate", "", false);
  if (!created) return created.error();
  member.creation_date = created.value();
  auto seen = read_millis(object, "_lastSeen", "", false);
  if (!seen) return seen.error();
  member.last_seen = seen.value();
  return member;
}

}  // namespace core::api
