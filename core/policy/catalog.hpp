#pragma once
// The action catalogue per resource type and the shapes (type chains) each type appears in: data, kept
// in step with LaunchDarkly's role-actions page (policy reference §3.2).
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace core::policy {

struct ResourceTypeInfo {
  std::string_view type;                            // "flag"
  std::string_view title;                           // "Flags"
  std::vector<std::vector<std::string_view>> shapes;  // type chains it appears in: {"proj","env","flag"}
  std::vector<std::string_view> actions;
};

const std::vector<ResourceTypeInfo>& resource_types();
const ResourceTypeInfo* find_resource_type(std::string_view type);

// Every action name of every type, sorted and without repeats.
const std::vector<std::string_view>& all_actions();
bool is_known_action(std::string_view action);
// The catalogue action closest to a misspelt one ("UpdateOn" -> "updateOn"), or empty.
std::string suggest_action(std::string_view action);

// Flag actions that need permission in every environment of the project (policy reference §3.3).
bool is_project_wide_flag_action(std::string_view action);
std::span<const std::string_view> project_wide_flag_actions();

// True when a chain of types ("proj","env","flag") is a shape some resource type has.
bool is_known_shape(const std::vector<std::string>& types);

}  // namespace core::policy
