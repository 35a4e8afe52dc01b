#pragma once
// The columns of a resource type's matrix and the band over them. Columns come grouped by kind of action (On/off,
// Targeting, Release, …): by default one column per kind, whose cell sums up the kind's actions; a kind opened
// (its heading clicked, or every action asked for) shows a column per action. Each column's name stands upright
// over it, shortened; the full name on hover.
#include <cstddef>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/action_kinds.hpp"

namespace wasm::panels {

struct MatrixColumn {
  core::policy::ActionKind kind;
  std::vector<std::size_t> actions;  // indices into the type's catalogue actions: one, or the whole kind's
  bool whole_kind = false;           // stands for every action of its kind
  std::string label;                 // what the test hook and the screen-reader mirror call it
};

// The type's actions grouped by kind, in the catalogue's order within a kind.
std::vector<MatrixColumn> matrix_columns(std::span<const std::string_view> actions, bool every_action,
                                         const std::set<core::policy::ActionKind>& opened_kinds);

// Draws the band at the cursor, its columns from x, cell_width wide each, and moves the cursor under it.
// Returns the kind whose heading was clicked: it opens or closes.
std::optional<core::policy::ActionKind> draw_matrix_header(const std::vector<MatrixColumn>& columns,
                                                           std::span<const std::string_view> actions, float x,
                                                           float cell_width);

// Thin gaps between kinds, over the matrix drawn at (x, y), height tall.
void draw_kind_gaps(const std::vector<MatrixColumn>& columns, float x, float y, float cell_width, float height);

}  // namespace wasm::panels
