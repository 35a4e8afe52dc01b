#include "core/preview/summary.hpp"

#include <algorithm>
#include <map>

#include "core/policy/catalog.hpp"

namespace core::preview {
namespace {

std::size_t index_of(std::string_view type, std::string_view action) {
  const auto actions = Preview::actions_of(type);
  return static_cast<std::size_t>(std::find(actions.begin(), actions.end(), action) - actions.begin());
}

// "12 of 40 flags in checkout / production", "all 36 flags in search / production", "any flag in growth /
// production" where its flags are not read (the stand-in "*").
std::string toggled_flags(const Project& project, const Environment& environment, const Group& group, std::uint64_t allowed) {
  const std::string where = " in " + project.key + " / " + environment.key;
  if (project.flags.size() == 1 && project.flags[0].key == "*") return "any flag" + where;
  const std::string flags = group.resources == 1 ? " flag" : " flags";
  if (allowed == group.resources) return (group.resources == 1 ? "the" : "all " + with_thousands(group.resources)) + flags + where;
  return with_thousands(allowed) + " of " + with_thousands(group.resources) + flags + where;
}

}  // namespace

std::string with_thousands(std::uint64_t count) {
  std::string digits = std::to_string(count);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

// The sentence names the environments where flags can be turned on and off, with how many of their flags:
// the critical environments, or every environment when none is marked critical.
PreviewSummary summarize_preview(const Account& account, const Preview& preview, const std::string& capped_by) {
  constexpr std::size_t kNamed = 3;
  const std::size_t update_on = index_of("flag", "updateOn");
  const std::size_t view_project = index_of("proj", "viewProject");
  bool any_critical = false;
  for (const auto& project : account.projects)
    for (const auto& environment : project.environments) any_critical = any_critical || environment.props.critical;
  std::size_t environments = 0, toggled = 0;
  std::vector<std::string> named;
  PreviewSummary summary;
  for (const auto& group : preview.groups()) {
    if (group.type == "proj" && group.cells[view_project].allowed > 0) summary.any_project_viewable = true;
    if (group.type != "flag") continue;
    const Project& project = account.projects[group.project];
    const Environment& environment = project.environments[group.environment];
    if (any_critical && !environment.props.critical) continue;
    ++environments;
    const std::uint64_t allowed = group.cells[update_on].allowed;
    if (allowed == 0) continue;
    ++toggled;
    if (named.size() < kNamed) named.push_back(toggled_flags(project, environment, group, allowed));
  }
  summary.sentence = "Can turn flags on and off in " + with_thousands(toggled) + " of " + with_thousands(environments) +
                     (any_critical ? " critical environments" : " environments (none is marked critical)");
  for (std::size_t i = 0; i < named.size(); ++i) summary.sentence += (i == 0 ? ": " : ", ") + named[i];
  if (toggled > named.size()) summary.sentence += " and " + with_thousands(toggled - named.size()) + " more";
  summary.sentence += ".";
  const Counts totals = preview.totals();
  summary.totals = with_thousands(account.resource_count()) + " resources: " + with_thousands(totals.allowed) + " of " +
                   with_thousands(preview.cell_count()) + " actions allowed, " + with_thousands(totals.capped) +
                   " capped by " + capped_by;
  summary.capped = totals.capped > 0;
  return summary;
}

std::vector<ChangeLine> describe_changes(const PreviewDiff& diff, const Preview& after, std::size_t actions_named) {
  struct Change {
    std::vector<std::size_t> gained, lost;  // action indices
  };
  std::map<std::string, Change> by_type;
  for (const auto& entry : diff.entries) {
    auto& change = by_type[after.groups()[entry.group].type];
    for (auto [count, list] : {std::pair{entry.gained, &change.gained}, std::pair{entry.lost, &change.lost}})
      if (count > 0 && std::find(list->begin(), list->end(), entry.action) == list->end()) list->push_back(entry.action);
  }
  std::vector<ChangeLine> lines;
  for (auto& [type, change] : by_type) {
    const auto* info = core::policy::find_resource_type(type);
    const auto actions = Preview::actions_of(type);
    for (bool gained : {true, false}) {
      auto& indices = gained ? change.gained : change.lost;
      if (indices.empty()) continue;
      std::sort(indices.begin(), indices.end());
      ChangeLine line{gained, type, info ? std::string(info->title) : type, {}, ""};
      for (std::size_t a : indices) line.actions.emplace_back(actions[a]);
      line.text = std::string(gained ? "+ " : "- ") + line.title + ": ";
      for (std::size_t i = 0; i < line.actions.size() && i < actions_named; ++i) line.text += (i > 0 ? ", " : "") + line.actions[i];
      if (line.actions.size() > actions_named)
        line.text += " and " + std::to_string(line.actions.size() - actions_named) + " more";
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

}  // namespace core::preview
