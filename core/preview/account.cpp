#include "core/preview/account.hpp"

#include "core/json_fields.hpp"

namespace core::preview {
namespace {

using nlohmann::json;
using core::child_pointer;
using core::read_bool;
using core::read_optional_string;
using core::read_string;
using core::read_string_array;

template <typename Item, typename ParseItem>
Result<std::vector<Item>> parse_list(const json& object, const char* field, const std::string& at, ParseItem parse_item) {
  std::vector<Item> items;
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return items;
  const std::string list_at = child_pointer(at, field);
  if (!it->is_array()) return Error{std::string("\"") + field + "\" must be an array", list_at, -1};
  items.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string item_at = child_pointer(list_at, i);
    if (!(*it)[i].is_object()) return Error{"expected an object", item_at, -1};
    auto item = parse_item((*it)[i], item_at);
    if (!item) return item.error();
    items.push_back(std::move(item).value());
  }
  return items;
}

Result<Environment> parse_environment(const json& object, const std::string& at) {
  Environment environment;
  auto key = read_string(object, "key", at);
  if (!key) return key.error();
  environment.key = key.value();
  auto name = read_optional_string(object, "name", at);
  if (!name) return name.error();
  environment.name = name.value().value_or(environment.key);
  auto tags = read_string_array(object, "tags", at, false);
  if (!tags) return tags.error();
  environment.props.set_tags(tags.value());
  auto critical = read_bool(object, "critical", at, false);
  if (!critical) return critical.error();
  environment.props.critical = critical.value();
  return environment;
}

Result<Flag> parse_flag(const json& object, const std::string& at) {
  Flag flag;
  auto key = read_string(object, "key", at);
  if (!key) return key.error();
  flag.key = key.value();
  auto tags = read_string_array(object, "tags", at, false);
  if (!tags) return tags.error();
  flag.props.set_tags(tags.value());
  auto views = read_string_array(object, "views", at, false);
  if (!views) return views.error();
  flag.props.views = views.value();
  return flag;
}

Result<Project> parse_project(const json& object, const std::string& at) {
  Project project;
  auto key = read_string(object, "key", at);
  if (!key) return key.error();
  project.key = key.value();
  auto name = read_optional_string(object, "name", at);
  if (!name) return name.error();
  project.name = name.value().value_or(project.key);
  auto tags = read_string_array(object, "tags", at, false);
  if (!tags) return tags.error();
  project.props.set_tags(tags.value());
  auto environments = parse_list<Environment>(object, "environments", at, parse_environment);
  if (!environments) return environments.error();
  project.environments = std::move(environments).value();
  auto flags = parse_list<Flag>(object, "flags", at, parse_flag);
  if (!flags) return flags.error();
  project.flags = std::move(flags).value();
  auto segments = parse_list<Segment>(object, "segments", at, [&](const json& item, const std::string& item_at) -> Result<Segment> {
    Segment segment;
    auto environment = read_string(item, "environment", item_at);
    if (!environment) return environment.error();
    bool found = false;
    for (std::size_t e = 0; e < project.environments.size(); ++e) {
      if (project.environments[e].key == environment.value()) {
        segment.environment = e;
        found = true;
      }
    }
    if (!found)
      return Error{"no environment \"" + environment.value() + "\" in project \"" + project.key + "\"",
                   child_pointer(item_at, "environment"), -1};
    auto segment_key = read_string(item, "key", item_at);
    if (!segment_key) return segment_key.error();
    segment.key = segment_key.value();
    auto segment_tags = read_string_array(item, "tags", item_at, false);
    if (!segment_tags) return segment_tags.error();
    segment.props.set_tags(segment_tags.value());
    return segment;
  });
  if (!segments) return segments.error();
  project.segments = std::move(segments).value();
  return project;
}

// Members may be given as ids or as objects with "_id" (the API's Member).
Result<std::vector<std::string>> parse_ids(const json& object, const char* field, const char* id_field) {
  std::vector<std::string> ids;
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return ids;
  const std::string at = child_pointer("", field);
  if (!it->is_array()) return Error{std::string("\"") + field + "\" must be an array", at, -1};
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    if (item.is_string()) ids.push_back(item.get<std::string>());
    else if (item.is_object() && item.contains(id_field) && (*item.find(id_field)).is_string())
      ids.push_back(item[id_field].get<std::string>());
    else return Error{std::string("expected a string or an object with \"") + id_field + "\"", child_pointer(at, i), -1};
  }
  return ids;
}

}  // namespace

std::size_t Account::resource_count() const {
  std::size_t count = 1 + member_ids.size() + role_keys.size() + team_keys.size() + 2;
  for (const auto& project : projects)
    count += 1 + project.environments.size() * (1 + project.flags.size()) + project.segments.size();
  return count;
}

Result<Account> parse_account(const json& object) {
  if (!object.is_object()) return Error{"an account must be a JSON object", "", -1};
  Account account;
  auto projects = parse_list<Project>(object, "projects", "", parse_project);
  if (!projects) return projects.error();
  account.projects = std::move(projects).value();
  auto members = parse_ids(object, "members", "_id");
  if (!members) return members.error();
  account.member_ids = std::move(members).value();
  auto roles = parse_ids(object, "roles", "key");
  if (!roles) return roles.error();
  account.role_keys = std::move(roles).value();
  auto teams = parse_ids(object, "teams", "key");
  if (!teams) return teams.error();
  account.team_keys = std::move(teams).value();
  auto self = read_optional_string(object, "memberId", "");
  if (!self) return self.error();
  account.self_member_id = self.value().value_or("");
  return account;
}

}  // namespace core::preview
