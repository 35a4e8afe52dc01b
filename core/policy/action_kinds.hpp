#pragma once
// What kind of thing an action does — view, turn on/off, edit targeting, create and delete, … — so that the
// preview can group a resource type's actions into columns a person reads at a glance and say in words what a
// scope allows. One rule per action name; the catalogue lists the names.
#include <span>
#include <string_view>

namespace core::policy {

// In the order the preview shows them: reading first, everyday flag work next, what changes access last.
enum class ActionKind { View, Toggle, Targeting, Release, Approvals, Experiments, Settings, Access, Secrets, Lifecycle, Other };

ActionKind action_kind(std::string_view action);
// "turn on/off", "edit targeting", "create and delete": what a sentence says a scope allows.
std::string_view kind_words(ActionKind kind);
// "On/off", "Targeting", "Lifecycle": a column group's heading, short.
std::string_view kind_heading(ActionKind kind);
std::span<const ActionKind> every_kind();

}  // namespace core::policy
