#pragma once
// The account's flags and segments, read page by page from GET /api/v2/flags/{projectKey} and
// GET /api/v2/segments/{projectKey}/{environmentKey}, in place of the stand-in "any flag" and "any segment"
// (key "*") that parse_projects_account gives each project and environment.
#include <string>
#include <string_view>
#include <vector>

#include "core/api/requests.hpp"
#include "core/preview/account.hpp"
#include "core/result.hpp"

namespace core::api {

inline constexpr int kListingPageSize = 100;  // the largest page LaunchDarkly's flag and segment listings give

ApiRequest list_flags(const std::string& project_key, long long offset);
ApiRequest list_segments(const std::string& project_key, const std::string& environment_key, long long offset);

// What one page holds: each item's key and tags, and the listing's totalCount.
struct ListedResources {
  std::vector<std::string> keys;
  std::vector<std::vector<std::string>> tags;
  long long total = 0;
};
Result<ListedResources> parse_listed_resources(std::string_view json_text);

// The project's flags are `flags` (every page, in order), not "any flag". False when there is no such project.
bool set_project_flags(core::preview::Account& account, const std::string& project_key, const ListedResources& flags);
// The environment's segments are `segments`, not "any segment". False when there is no such environment.
bool set_environment_segments(core::preview::Account& account, const std::string& project_key,
                              const std::string& environment_key, const ListedResources& segments);

}  // namespace core::api
