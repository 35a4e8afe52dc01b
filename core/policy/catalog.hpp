#pragma once
// The action catalogue per resource type and the shapes (type chains) each type appears in: data, kept
// in step with LaunchDarkly's role-actions page (policy reference §3.2).
#include <cstdint>
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

// An action's index in all_actions(), or kUnknownAction for a name the catalogue does not have.
using ActionId = std::uint16_t;
inline constexpr ActionId kUnknownAction = 0xFFFF;
ActionId action_id(std::string_view action);

// An action name with what the engine needs to know about it, looked up once.
struct Action {
  Action(std::string_view action_name);  // NOLINT(google-explicit-constructor): names convert implicitly
  Action(const char* action_name) : Action(std::string_view(action_name)) {}  // NOLINT
  Action(const std::string& action_name) : Action(std::string_view(action_name)) {}  // NOLINT

  std::string_view name;
  ActionId id = kUnknownAction;
  bool project_wide_flag_action = false;
};
bool is_known_action(std::string_view action);
// The catalogue action closest to a misspelt one ("UpdateOn" -> "updateOn"), or empty.
std::string suggest_action(std::string_view action);

// Flag actions that need permission in every environment of the project (policy reference §3.3).
bool is_project_wide_flag_action(std::string_view action);
std::span<const std::string_view> project_wide_flag_actions();

// True when a chain of types ("proj","env","flag") is a shape some resource type has.
bool is_known_shape(const std::vector<std::string>& types);

}  // namespace core::policy
