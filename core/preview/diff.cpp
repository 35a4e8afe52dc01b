#include <map>

#include "core/preview/preview.hpp"

namespace core::preview {

PreviewDiff diff_previews(const Account& account, const Preview& before, const Preview& after) {
  (void)account;
  PreviewDiff diff;
  const auto& groups = after.groups();
  for (std::size_t g = 0; g < groups.size() && g < before.groups().size(); ++g) {
    // Resources that share a class before and a class after change alike: count each pair once.
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint64_t> pairs;
    for (std::size_t r = 0; r < groups[g].resources; ++r) ++pairs[{before.class_of(g, r), after.class_of(g, r)}];
    for (std::size_t a = 0; a < groups[g].cells.size(); ++a) {
      DiffEntry entry{g, a, 0, 0};
      for (const auto& [classes, count] : pairs) {
        const bool was = before.class_state(g, classes.first, a) == CellState::Allowed;
        const bool is = after.class_state(g, classes.second, a) == CellState::Allowed;
        if (!was && is) entry.gained += count;
        if (was && !is) entry.lost += count;
      }
      if (entry.gained == 0 && entry.lost == 0) continue;
      diff.gained += entry.gained;
      diff.lost += entry.lost;
      diff.entries.push_back(entry);
    }
  }
  return diff;
}

nlohmann::json PreviewDiff::to_json(const Account& account, const Preview& after) const {
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& entry : entries) {
    const Group& group = after.groups()[entry.group];
    nlohmann::json change{{"type", group.type}, {"action", Preview::actions_of(group.type)[entry.action]},
                          {"gained", entry.gained}, {"lost", entry.lost}};
    if (group.project >= 0) change["project"] = account.projects[group.project].key;
    if (group.environment >= 0)
      change["environment"] = account.projects[group.project].environments[group.environment].key;
    changes.push_back(std::move(change));
  }
  return {{"gained", gained}, {"lost", lost}, {"changes", std::move(changes)}};
}

}  // namespace core::preview
