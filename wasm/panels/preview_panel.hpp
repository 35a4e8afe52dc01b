#pragma once
// The live preview: for the draft's scope capped by the member (or the selected token as it works now),
// every action on every resource type of every project and environment, drawn by the console's WebGL2 shader;
// a cell's reasons on click. Worked out again when what it previews changes: the Session, its data, the
// draft's edits, the selection.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/policy/evaluator.hpp"
#include "core/preview/preview.hpp"
#include "wasm/matrix_renderer.hpp"
#include "wasm/panels/context.hpp"

namespace wasm::panels {

class PreviewPanel {
 public:
  void draw(Context& context);

 private:
  struct Summary {
    std::string sentence, totals;
    std::string capped_warning;  // empty when nothing is capped
    std::string approximate;     // why the preview may be off, when it may be
    bool any_project_viewable = false;
  };
  struct MatrixRow {
    std::size_t group = 0;                 // the preview's group
    std::optional<std::size_t> resource;  // one of its resources (a flag), listed under the opened group's row
  };
  struct MatrixView {  // the rows of one tab of the preview, in order, built once per preview
    std::string type;
    std::vector<MatrixRow> rows;
    std::vector<std::string> column_labels;
    int columns = 0;
    float label_width = 0, count_width = 0, label_width_font = 0;
  };
  // What was previewed and shown over one Session's data.
  struct State {
    bool shows_token = false;    // the selected token, read-only, judged with its own member; else the draft
    std::string token_problem;   // why the selected token has no preview (yet)
    std::optional<core::policy::Evaluator> evaluator;
    std::optional<core::preview::Preview> preview;
    std::optional<Summary> summary;
    std::optional<MatrixView> matrix_view;
    std::set<std::string> opened_groups;  // rows opened into their resources, by group_key
    std::optional<std::pair<MatrixRow, std::size_t>> selected_cell;  // row, action
    std::string cell_title;
    struct Example {
      std::string heading;  // empty when the title says it all
      std::vector<std::string> reasons;
    };
    std::vector<Example> cell_examples;  // why: the cell's resource, or one resource per state in a group
  };
  // What a preview is worked out from: when any of it differs from the last, the preview is due again.
  struct Inputs {
    std::uint64_t session = 0, account_version = 0, token_version = 0, draft_edits = 0, picks = 0;
    bool shows_token = false;
    bool operator==(const Inputs&) const = default;
  };

  void follow_inputs(Context& context, State& state);
  bool due() const;
  void recompute(Context& context, State& state);
  void preview_draft(Context& context, State& state);
  void preview_token(Context& context, State& state);
  void summarize(const Session& session, State& state, const std::string& capped_by, std::string capped_warning);
  void draw_choice(Context& context, State& state);
  void explain_cell(Session& session, State& state, const MatrixRow& row, std::size_t action);
  void build_matrix_view(const Session& session, State& state);
  std::string group_name(const Session& session, const State& state, std::size_t group) const;  // "checkout / qa"
  std::string group_key(const Session& session, const State& state, std::size_t group) const;   // "flag checkout / qa"
  std::string resource_key(const Session& session, const State& state, const MatrixRow& row) const;  // "kill-payments"
  std::string row_label(const Session& session, const State& state, std::size_t row) const;  // as drawn
  std::string row_path(const Session& session, const State& state, std::size_t row) const;   // "checkout / qa / kill-payments"
  std::string row_allowed(const State& state, std::size_t row) const;  // "allowed/actions × resources"
  CellShade row_shade(const State& state, std::size_t row, std::size_t action) const;
  std::string action_of(const State& state, std::size_t row, int column) const;
  void draw_row_label(const Session& session, State& state, std::size_t row, float x, float y, float width);
  void draw_matrix(Session& session, State& state);
  static void draw_listings_progress(Session& session);

  PerSession<State> state_;
  std::optional<Inputs> previewed_;  // what the preview shown was worked out from (or is due from)
  bool dirty_ = true;
  double changed_at_ms_ = 0;
  double last_recompute_ms_ = 0;  // how long the last preview took to compute
  std::string matrix_type_ = "flag";
  MatrixRenderer matrix_;  // the GL handles of the preview's shader
  std::vector<CellShade> uploaded_cells_;  // what the shader's texture holds
};

}  // namespace wasm::panels
