#pragma once
// The account a preview runs over: projects with their environments (tags, critical), flags and segments
// (tags, views), and the account-level resources a token can touch (members, roles, teams).
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/policy/resource.hpp"
#include "core/result.hpp"

namespace core::preview {

using core::policy::SegmentProperties;

struct Environment {
  std::string key;
  std::string name;
  SegmentProperties props;  // tags, critical
};

struct Flag {
  std::string key;
  SegmentProperties props;  // tags, views
};

struct Segment {
  std::size_t environment = 0;  // index into the project's environments
  std::string key;
  SegmentProperties props;  // tags
};

struct Project {
  std::string key;
  std::string name;
  SegmentProperties props;  // tags
  std::vector<Environment> environments;
  std::vector<Flag> flags;  // a flag exists in every environment of its project
  std::vector<Segment> segments;
};

struct Account {
  std::vector<Project> projects;
  std::vector<std::string> member_ids;
  std::vector<std::string> role_keys;
  std::vector<std::string> team_keys;
  std::string self_member_id;  // whose personal tokens "member/<self>:token/*" stands for

  std::size_t resource_count() const;
};

// {"projects":[{"key","name","tags","environments":[{"key","name","tags","critical"}],
//   "flags":[{"key","tags","views"}],"segments":[{"environment","key","tags"}]}],
//  "members":["id"...], "roles":["key"...], "teams":["key"...], "memberId":"self"}
Result<Account> parse_account(const nlohmann::json& json);

}  // namespace core::preview
