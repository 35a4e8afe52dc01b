#include "core/preview/allowances.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "core/policy/action_kinds.hpp"
#include "core/policy/catalog.hpp"
#include "core/preview/summary.hpp"

namespace core::preview {
namespace {

using core::policy::ActionKind;

constexpr std::size_t kPlacesNamed = 3;

std::string title_of(std::string_view type) {
  const auto* info = core::policy::find_resource_type(type);
  return info != nullptr ? std::string(info->title) : std::string(type);
}

// "Flags" -> "flags" (one: "flag"); an acronym ("IP allowlist", "AI Configs") keeps its capitals.
std::string noun(std::string_view type, std::uint64_t count) {
  std::string word = title_of(type);
  if (word.size() > 1 && !std::isupper(static_cast<unsigned char>(word[1])))
    word[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[0])));
  if (count == 1 && word.ends_with('s')) word.pop_back();
  return word;
}

// "all 40 flags", "12 of 40 flags", "the flag".
std::string how_many(std::string_view type, std::uint64_t allowed, std::uint64_t total) {
  if (allowed == total) return total == 1 ? "the " + noun(type, 1) : "all " + with_thousands(total) + " " + noun(type, total);
  return with_thousands(allowed) + " of " + with_thousands(total) + " " + noun(type, total);
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator = ", ") {
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i > 0 ? std::string(separator) : "") + parts[i];
  return text;
}

// "a, b, c and 4 more <noun>"
std::string named_then_counted(const std::vector<std::string>& names, const std::string& more_noun) {
  std::vector<std::string> shown(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(std::min(names.size(), kPlacesNamed)));
  std::string text = joined(shown);
  if (names.size() > shown.size())
    text += " and " + with_thousands(names.size() - shown.size()) + " more" + (more_noun.empty() ? "" : " " + more_noun);
  return text;
}

// What a group allows: "everything", or its kinds of action ("turn on/off, edit targeting (3 of 12 actions)"),
// each once some resource of the group allows one of its actions; empty when it allows nothing.
std::string what_group_allows(const Group& group) {
  const auto actions = Preview::actions_of(group.type);
  struct Tally {
    std::size_t allowed = 0, actions = 0;
  };
  std::vector<Tally> tallies(core::policy::every_kind().size());
  bool everything = group.resources > 0;
  for (std::size_t a = 0; a < actions.size() && a < group.cells.size(); ++a) {
    Tally& tally = tallies[static_cast<std::size_t>(core::policy::action_kind(actions[a]))];
    ++tally.actions;
    tally.allowed += group.cells[a].allowed > 0;
    everything = everything && group.cells[a].allowed == group.resources;
  }
  if (everything && !actions.empty()) return "everything";
  std::vector<std::string> parts;
  for (ActionKind kind : core::policy::every_kind()) {
    const Tally& tally = tallies[static_cast<std::size_t>(kind)];
    if (tally.allowed == 0) continue;
    std::string part(core::policy::kind_words(kind));
    if (tally.allowed < tally.actions)
      part += " (" + std::to_string(tally.allowed) + " of " + std::to_string(tally.actions) + " actions)";
    parts.push_back(std::move(part));
  }
  return joined(parts);
}

// How many of a group's resources allow at least one action: worked out once per class of resources.
std::uint64_t resources_allowing_something(const Preview& preview, std::size_t g) {
  const Group& group = preview.groups()[g];
  for (const auto& cell : group.cells)
    if (cell.allowed == group.resources) return group.resources;
  std::vector<std::int8_t> class_allows;  // -1: not yet known
  std::uint64_t count = 0;
  for (std::size_t r = 0; r < group.resources; ++r) {
    const std::uint32_t cls = preview.class_of(g, r);
    if (cls >= class_allows.size()) class_allows.resize(cls + 1, -1);
    if (class_allows[cls] < 0) {
      class_allows[cls] = 0;
      for (std::size_t a = 0; a < group.cells.size() && class_allows[cls] == 0; ++a)
        class_allows[cls] = preview.class_state(g, cls, a) == CellState::Allowed;
    }
    count += static_cast<std::uint64_t>(class_allows[cls]);
  }
  return count;
}

struct Place {
  std::size_t group;
  std::uint64_t allowed;  // resources allowing something
};

struct Cluster {
  std::string what;
  std::vector<Place> places;
};

bool stands_in(const Account& account, const Preview& preview, std::size_t g) {
  const Group& group = preview.groups()[g];
  return group.project >= 0 && group.resources == 1 && (group.type == "flag" || group.type == "segment") &&
         preview.resource(account, g, 0).segments().back().key == "*";
}

// Where a cluster of groups allows what it does: "in checkout / production (12 of 40 flags), …", "everywhere
// (all 90 flags)", "in every project (3)", or for an account-level type "(all 5 members)".
std::string where(const Account& account, const Preview& preview, const Cluster& cluster, std::size_t groups_of_type) {
  const auto& groups = preview.groups();
  const Group& first = groups[cluster.places.front().group];
  if (first.project < 0) {
    if (first.type == "token") return "(its member's own)";  // member/<self>:token/*
    if (first.resources == 1) return "";                      // the account, any service token
    return "(" + how_many(first.type, cluster.places.front().allowed, first.resources) + ")";
  }
  const bool one_each = first.type == "proj" || first.type == "env";  // the place is the resource
  std::uint64_t allowed = 0, total = 0;
  bool whole = cluster.places.size() == groups_of_type;
  std::vector<std::string> names;
  for (const Place& place : cluster.places) {
    const Group& group = groups[place.group];
    allowed += place.allowed;
    total += group.resources;
    whole = whole && place.allowed == group.resources && !stands_in(account, preview, place.group);
    std::string name = place_of(account, group);
    if (!one_each)
      name += stands_in(account, preview, place.group) ? " (any " + noun(group.type, 1) + ": not read yet)"
                                                        : " (" + how_many(group.type, place.allowed, group.resources) + ")";
    names.push_back(std::move(name));
  }
  if (one_each) {
    const std::string more = first.type == "proj" ? "projects" : "environments";
    if (whole) return "in every " + noun(first.type, 1) + " (" + with_thousands(total) + ")";
    return "in " + named_then_counted(names, more);
  }
  if (whole) return "everywhere (" + how_many(first.type, allowed, total) + ")";
  return "in " + named_then_counted(names, "places");
}

// Flags, segments, environments and projects first: what a customer asks about; then the account's types.
std::vector<std::string> types_in_order(const Preview& preview) {
  std::vector<std::string> types = {"flag", "segment", "env", "proj"};
  for (const auto& group : preview.groups())
    if (std::find(types.begin(), types.end(), group.type) == types.end()) types.push_back(group.type);
  return types;
}

std::string reads_sentence(const Account& account, const Preview& preview, bool reads_account) {
  const auto proj_actions = Preview::actions_of("proj");
  const std::size_t view_project =
      static_cast<std::size_t>(std::find(proj_actions.begin(), proj_actions.end(), "viewProject") - proj_actions.begin());
  std::vector<std::string> viewable;
  for (const auto& group : preview.groups())
    if (group.type == "proj" && view_project < group.cells.size() && group.cells[view_project].allowed > 0)
      viewable.push_back(account.projects[static_cast<std::size_t>(group.project)].key);
  const std::size_t projects = account.projects.size();
  const std::string inside =
      viewable.empty()           ? "no project (viewProject allows none), so nothing inside one"
      : viewable.size() == projects ? "every project (" + with_thousands(projects) + ") with its environments, flags and segments"
                                    : with_thousands(viewable.size()) + " of " + with_thousands(projects) + " projects (" +
                                          named_then_counted(viewable, "") + ") with their environments, flags and segments";
  if (reads_account) {
    if (viewable.size() == projects)
      return "Reads everything: every project with its environments, flags and segments, and the account's members, "
             "teams, custom roles and tokens.";
    return "Reads the account's members, teams, custom roles and tokens, and " + inside + ".";
  }
  return "Reads " + inside + "; not the account's custom roles or service tokens (its scope has no reader base).";
}

}  // namespace

std::string place_of(const Account& account, const Group& group) {
  if (group.project < 0) return title_of(group.type);
  const auto& project = account.projects[static_cast<std::size_t>(group.project)];
  return project.key + (group.environment >= 0 ? " / " + project.environments[static_cast<std::size_t>(group.environment)].key : "");
}

Allowances describe_allowances(const Account& account, const Preview& preview, bool reads_account) {
  Allowances allowances;
  allowances.reads = reads_sentence(account, preview, reads_account);
  const auto& groups = preview.groups();
  for (const std::string& type : types_in_order(preview)) {
    std::vector<Cluster> clusters;
    std::size_t groups_of_type = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].type != type) continue;
      ++groups_of_type;
      std::string what = what_group_allows(groups[g]);
      if (what.empty()) continue;
      auto cluster = std::find_if(clusters.begin(), clusters.end(), [&](const Cluster& c) { return c.what == what; });
      if (cluster == clusters.end()) cluster = clusters.insert(clusters.end(), Cluster{std::move(what), {}});
      cluster->places.push_back({g, resources_allowing_something(preview, g)});
    }
    if (clusters.empty()) continue;
    std::vector<std::string> parts;
    for (const Cluster& cluster : clusters) {
      const std::string at = where(account, preview, cluster, groups_of_type);
      parts.push_back(cluster.what + (at.empty() ? "" : (at.front() == '(' ? " " : " — ") + at));
    }
    allowances.lines.push_back({type, title_of(type) + ": " + joined(parts, "; ")});
  }
  return allowances;
}

}  // namespace core::preview
