#pragma once
// The preview: the decision for every catalogue action on every resource of an account, for a member or
// a token draft, as counts per group (a resource type within a project and environment) and per resource.
//
// Resources that no specifier tells apart decide alike, so decisions are computed once per class of
// resources (per project: classes of environments × classes of flags), not once per cell.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/evaluator.hpp"
#include "core/preview/account.hpp"

namespace core::preview {

using core::policy::CellState;

struct Counts {
  std::uint64_t allowed = 0;
  std::uint64_t capped = 0;  // asked for by the token's scope, removed by its member or creator

  Counts& operator+=(const Counts& other) {
    allowed += other.allowed;
    capped += other.capped;
    return *this;
  }
};

struct Group {
  int project = -1;      // index into Account::projects; -1 for account-level resources
  int environment = -1;  // index into the project's environments; -1 when not environment-scoped
  std::string type;      // "proj", "env", "flag", "segment", "acct", "member", "token", ...
  std::uint32_t resources = 0;
  std::vector<Counts> cells;  // one per action of actions_of(type)
};

class Preview {
 public:
  const std::vector<Group>& groups() const { return groups_; }
  static std::span<const std::string_view> actions_of(std::string_view type);

  // The state of one resource of a group: its index among the group's resources (a flag's index in its
  // project, a segment's index among the environment's segments, a member's index, ...).
  CellState state(std::size_t group, std::size_t resource, std::size_t action) const;
  // The class a resource of a group belongs to, and a class's state: resources of one class decide alike.
  std::uint32_t class_of(std::size_t group, std::size_t resource) const;
  CellState class_state(std::size_t group, std::uint32_t cls, std::size_t action) const;
  // The concrete resource, for explaining a cell.
  core::policy::Resource resource(const Account& account, std::size_t group, std::size_t resource) const;
  // Whose personal tokens "member/<self>:token/*" stands for in this preview.
  const std::string& self_member_id() const { return self_member_id_; }

  Counts totals() const;
  Counts project_totals(int project) const;
  Counts environment_totals(int project, int environment) const;
  std::uint64_t cell_count() const;
  std::size_t class_count() const { return class_count_; }

  nlohmann::json to_json(const Account& account) const;

 // How a group's per-resource states are stored (filled by compute_preview).
  struct Table {
    std::shared_ptr<const std::vector<std::uint32_t>> class_of;  // resource index -> class; null: class = index
    std::shared_ptr<const std::vector<CellState>> states;        // class * actions + action
    std::size_t actions = 0;
  };

 private:
  friend Preview compute_preview(const Account& account, const core::policy::Evaluator& evaluator,
                                 const std::string& self_member_id);
  friend class PreviewComputation;


  std::vector<Group> groups_;
  std::vector<Table> tables_;
  std::vector<std::vector<std::uint32_t>> segment_indices_;  // per group: indices into Project::segments
  std::size_t class_count_ = 0;
  std::string self_member_id_;
};

Preview compute_preview(const Account& account, const core::policy::Evaluator& evaluator);
// The same for another member's tokens: "member/<self>:token/*" stands for self_member_id's (the account's
// own self_member_id is the viewer's), so one account serves every member's previews.
Preview compute_preview(const Account& account, const core::policy::Evaluator& evaluator, const std::string& self_member_id);

// The same preview worked out in parts, so that a console can spread a large account's over several frames
// and stay responsive: the account-level groups, the classes of the account's resources, then one project per
// step. It keeps the account and evaluator it works over alive, so either may be replaced meanwhile.
class PreviewComputation {
 public:
  PreviewComputation(std::shared_ptr<const Account> account, std::shared_ptr<const core::policy::Evaluator> evaluator,
                     std::string self_member_id);
  PreviewComputation(PreviewComputation&&) noexcept;
  PreviewComputation& operator=(PreviewComputation&&) noexcept;
  ~PreviewComputation();

  bool done() const;
  void step();  // the next part, if any
  std::size_t parts_done() const;
  std::size_t parts() const;
  Preview take();  // the preview, its remaining parts worked out first; once

 private:
  struct Work;
  std::unique_ptr<Work> work_;
};

// Cells that one scope allows and the other does not, over the same account.
struct DiffEntry {
  std::size_t group;
  std::size_t action;
  std::uint64_t gained = 0;
  std::uint64_t lost = 0;
};

struct PreviewDiff {
  std::vector<DiffEntry> entries;  // only where something changed
  std::uint64_t gained = 0;
  std::uint64_t lost = 0;

  nlohmann::json to_json(const Account& account, const Preview& after) const;
};

PreviewDiff diff_previews(const Account& account, const Preview& before, const Preview& after);

}  // namespace core::preview
