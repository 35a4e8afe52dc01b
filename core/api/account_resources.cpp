#include "core/api/account_resources.hpp"

#include <algorithm>

#include "core/json_fields.hpp"

namespace core::api {
namespace {

std::string page_query(long long offset) {
  return "?limit=" + std::to_string(kListingPageSize) + "&offset=" + std::to_string(offset);
}

core::preview::Project* find_project(core::preview::Account& account, const std::string& key) {
  auto it = std::find_if(account.projects.begin(), account.projects.end(),
                         [&](const core::preview::Project& project) { return project.key == key; });
  return it == account.projects.end() ? nullptr : &*it;
}

core::policy::SegmentProperties tagged(std::vector<std::string> tags) {
  core::policy::SegmentProperties props;
  props.set_tags(std::move(tags));
  return props;
}

}  // namespace

ApiRequest list_flags(const std::string& project_key, long long offset) {
  return {"GET", "/api/v2/flags/" + path_segment(project_key) + page_query(offset), ""};
}

ApiRequest list_segments(const std::string& project_key, const std::string& environment_key, long long offset) {
  return {"GET", "/api/v2/segments/" + path_segment(project_key) + "/" + path_segment(environment_key) + page_query(offset),
          ""};
}

Result<ListedResources> parse_listed_resources(std::string_view json_text) {
  auto parsed = parse_json(json_text);
  if (!parsed) return parsed.error();
  const Json& root = parsed.value();
  if (!root.is_object() || !root.contains("items") || !root["items"].is_array())
    return Error{"expected a collection with \"items\"", "/items", -1};
  ListedResources listed;
  const Json& items = root["items"];
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = child_pointer("/items", i);
    if (!items[i].is_object()) return Error{"an item must be an object", at, -1};
    auto key = read_string(items[i], "key", at);
    if (!key) return key.error();
    auto tags = read_string_array(items[i], "tags", at, false);
    if (!tags) return tags.error();
    listed.keys.push_back(std::move(key).value());
    listed.tags.push_back(std::move(tags).value());
  }
  listed.total = static_cast<long long>(items.size());
  if (auto total = root.find("totalCount"); total != root.end()) {
    if (!total->is_number_integer() || total->get<long long>() < 0)
      return Error{"\"totalCount\" must be a count", "/totalCount", -1};
    listed.total = total->get<long long>();
  }
  return listed;
}

bool set_project_flags(core::preview::Account& account, const std::string& project_key, const ListedResources& flags) {
  core::preview::Project* project = find_project(account, project_key);
  if (project == nullptr) return false;
  project->flags.clear();
  for (std::size_t i = 0; i < flags.keys.size(); ++i) project->flags.push_back({flags.keys[i], tagged(flags.tags[i])});
  return true;
}

bool set_environment_segments(core::preview::Account& account, const std::string& project_key,
                              const std::string& environment_key, const ListedResources& segments) {
  core::preview::Project* project = find_project(account, project_key);
  if (project == nullptr) return false;
  auto environment = std::find_if(project->environments.begin(), project->environments.end(),
                                  [&](const core::preview::Environment& e) { return e.key == environment_key; });
  if (environment == project->environments.end()) return false;
  const auto index = static_cast<std::size_t>(environment - project->environments.begin());
  std::erase_if(project->segments, [&](const core::preview::Segment& segment) { return segment.environment == index; });
  for (std::size_t i = 0; i < segments.keys.size(); ++i)
    project->segments.push_back({index, segments.keys[i], tagged(segments.tags[i])});
  return true;
}

}  // namespace core::api
