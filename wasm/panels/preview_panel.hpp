#pragma once
// The live preview: for the draft's scope capped by the member (or the selected token as it works now),
// every action on every resource type of every project and environment, drawn by the console's WebGL2 shader;
// a cell's reasons on click. Worked out again when what it previews changes: the Session, its data, the
// draft's edits, the selection. A large account's preview is worked out part by part over several frames
// (at most kFrameBudgetMs of it per frame), the last preview shown until the new one is complete.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/policy/evaluator.hpp"
#include "core/preview/allowances.hpp"
#include "core/preview/preview.hpp"
#include "wasm/matrix_renderer.hpp"
#include "wasm/panels/context.hpp"
#include "wasm/panels/matrix_header.hpp"

namespace wasm::panels {

class PreviewPanel {
 public:
  const std::string& view() const { return matrix_type_; }  // the tab shown: "flag", "segment", "env", "proj", "account"
  void show_view(const std::string& view) { matrix_type_ = view; }
  // The matrix's columns: one per action, or one per kind of action but for the kinds opened into their actions.
  bool every_action() const { return every_action_; }
  std::vector<core::policy::ActionKind> opened_kinds() const { return {opened_kinds_.begin(), opened_kinds_.end()}; }
  void show_columns(bool every_action, const std::vector<core::policy::ActionKind>& opened_kinds);
  void draw(Context& context);

 private:
  struct Summary {
    std::string sentence, totals;
    std::string capped_warning;  // empty when nothing is capped
    std::string approximate;     // why the preview may be off, when it may be
    bool any_project_viewable = false;
    core::preview::Allowances allowances;  // what it allows per resource type, in words
  };
  struct MatrixRow {
    std::size_t group = 0;                 // the preview's group
    std::optional<std::size_t> resource;  // one of its resources (a flag), listed under the opened group's row
  };
  struct MatrixView {  // the rows of one tab of the preview, in order, built once per preview
    std::string type;
    std::vector<MatrixRow> rows;
    std::vector<std::string> column_labels;
    std::vector<MatrixColumn> kind_columns;  // a type's tab: its columns by kind; empty: a column per action (account)
    int columns = 0;
    std::uint64_t columns_version = 0;  // of the choice of columns it was built with
    float label_width = 0, count_width = 0, label_width_font = 0;
  };
  // What the summary says of a preview's subject.
  struct SubjectWords {
    std::string capped_by;       // "your member's permissions"
    std::string capped_warning;  // said when some cell is capped
    std::string approximate;     // why the preview may be off, when it may be
  };
  // A preview being worked out, and what will be shown with it.
  struct Working {
    core::preview::PreviewComputation computation;
    std::shared_ptr<const core::policy::Evaluator> evaluator;
    std::shared_ptr<const core::preview::Account> account;
    SubjectWords words;
  };
  // What was previewed and shown over one Session's data.
  struct State {
    bool shows_token = false;    // the selected token, read-only, judged with its own member; else the draft
    std::string token_problem;   // why the selected token has no preview (yet)
    std::optional<Working> working;
    // The preview shown, with the account and evaluator it was worked out over.
    std::shared_ptr<const core::preview::Account> account;
    std::shared_ptr<const core::policy::Evaluator> evaluator;
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
  void start(Context& context, State& state);
  void preview_draft(Context& context, State& state);
  void preview_token(Context& context, State& state);
  static void begin_working(const Session& session, State& state, core::policy::Evaluator evaluator,
                            const std::string& self_member_id, SubjectWords words);
  static void advance(State& state);
  void draw_choice(Context& context, State& state);
  void explain_cell(Session& session, State& state, const MatrixRow& row, std::size_t action);
  void build_matrix_view(State& state);
  static std::string group_name(const State& state, std::size_t group);  // "checkout / qa"
  static std::string group_key(const State& state, std::size_t group);   // "flag checkout / qa"
  static std::string resource_key(const State& state, const MatrixRow& row);  // "kill-payments"
  static std::string row_label(const State& state, std::size_t row);  // as drawn
  static std::string row_path(const State& state, std::size_t row);   // "checkout / qa / kill-payments"
  std::string row_allowed(const State& state, std::size_t row) const;  // "allowed/actions × resources"
  CellShade row_shade(const State& state, std::size_t row, std::size_t column) const;
  std::string action_of(const State& state, std::size_t row, int column) const;
  static void draw_row_label(State& state, std::size_t row, float x, float y, float width);
  MatrixView& prepared_matrix_view(State& state);
  float matrix_width_wanted(State& state);
  void draw_matrix(Session& session, State& state, float width_limit);
  void explain_kind_cell(State& state, const MatrixRow& row, const MatrixColumn& column);
  void toggle_kind(State& state, core::policy::ActionKind kind);
  static void draw_listings_progress(Session& session);
  void draw_allowances(const core::preview::Allowances& allowances, bool beside_matrix);

  static constexpr double kFrameBudgetMs = 12;
  // Lines of room the preview needs to show its words whole and the matrix under them; with less, the words fold.
  static constexpr float kRoomForEveryPart = 28;

  PerSession<State> state_;
  std::optional<Inputs> previewed_;  // what the preview shown was worked out from (or is due from)
  bool dirty_ = true;
  // Something other than the account changed: a preview being worked out is of no use any more. A change of
  // the account alone (a listing of flags came) lets it finish, and the next one starts after it.
  bool restart_ = true;
  std::string matrix_type_ = "flag";
  bool all_allowances_shown_ = false;  // every line of the words, not the first few
  bool every_action_ = false;          // a column per action; else a column per kind, but for the kinds opened
  std::set<core::policy::ActionKind> opened_kinds_;
  std::uint64_t columns_version_ = 0;  // bumped when the columns chosen change: each Session's rows are built again
  MatrixRenderer matrix_;  // the GL handles of the preview's shader
  std::vector<CellShade> uploaded_cells_;  // what the shader's texture holds
};

}  // namespace wasm::panels
