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

}  // namespace

PreviewSummary summarize_preview(const Account& account, const Preview& preview, const std::string& capped_by) {
  const std::size_t update_on = index_of("flag", "updateOn");
  const std::size_t view_project = index_of("proj", "viewProject");
  std::size_t critical = 0, critical_toggle = 0;
  PreviewSummary summary;
  for (const auto& group : preview.groups()) {
    if (group.type == "proj" && group.cells[view_project].allowed > 0) summary.any_project_viewable = true;
    if (group.type != "flag" || !account.projects[group.project].environments[group.environment].props.critical) continue;
    ++critical;
    critical_toggle += group.cells[update_on].allowed == group.resources;
  }
  const Counts totals = preview.totals();
  summary.sentence = "Can turn flags on and off in " + std::to_string(critical_toggle) + " of " + std::to_string(critical) +
                     " critical environments.";
  summary.totals = std::to_string(account.resource_count()) + " resources: " + std::to_string(totals.allowed) + " of " +
                   std::to_string(preview.cell_count()) + " actions allowed, " + std::to_string(totals.capped) +
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
