#pragma once
// The account member as the REST API describes it (GET /api/v2/members/{id}).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/api/requests.hpp"
#include "core/result.hpp"

namespace core::api {

using RoleAttributes = std::map<std::string, std::vector<std::string>>;

// A team the member is in. A member's own listing names the team's roles; the values its roles' attributes
// take come from the team itself (GET /api/v2/teams/{key}), and are empty until it is read.
struct TeamSummary {
  std::string key;
  std::string name;
  std::vector<std::string> custom_role_keys;
  RoleAttributes role_attributes;
};

struct Member {
  std::string id;
  std::string email;
  std::string first_name;
  std::string last_name;
  std::string role;                                      // reader | writer | admin | owner | no_access
  std::vector<std::string> custom_roles;                 // role ids or keys
  RoleAttributes role_attributes;
  std::vector<TeamSummary> teams;
  long long creation_date = 0;
  long long last_seen = 0;

  // "Ada Lovelace", or the email when the member has no name.
  std::string display_name() const;
};

Result<Member> parse_member(std::string_view json_text);
Result<Member> read_member(const nlohmann::json& object);
// GET /api/v2/members: {"items": [member...]}.
Result<std::vector<Member>> parse_members(std::string_view json_text);

// GET /api/v2/teams/{key}?expand=roles,roleAttributes: the team's roles and the values of their attributes.
Result<TeamSummary> parse_team(std::string_view json_text);
ApiRequest get_team(const std::string& key);
// The member with what was read of one of their teams (matched by key; a team they are not in is ignored).
void apply_team(Member& member, const TeamSummary& team);

ApiRequest list_members();
// A JSON Patch that gives the member another base role (the what-if "downgrade", made real).
ApiRequest update_member_role(const std::string& member_id, const std::string& role);

}  // namespace core::api
