// The live preview: for the draft's scope capped by the member, every action on every resource type of
// every project and environment, drawn by the console's WebGL2 shader; a cell's reasons on click.
#include <imgui.h>

#include <algorithm>

#include "console_app.hpp"
#include "core/api/json_fields.hpp"
#include "core/policy/lint.hpp"
#include "core/policy/subject_json.hpp"
#include "test_hook.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {
namespace {

CellShade shade_of(const core::preview::Group& group, std::size_t action) {
  const auto& counts = group.cells[action];
  if (counts.allowed == group.resources) return CellShade::Allowed;
  if (counts.capped == group.resources) return CellShade::Capped;
  if (counts.allowed == 0 && counts.capped == 0) return CellShade::Denied;
  return CellShade::Partial;
}

const char* shade_name(CellShade shade) {
  switch (shade) {
    case CellShade::Allowed: return "allowed";
    case CellShade::Capped: return "capped";
    case CellShade::Partial: return "partly allowed";
    case CellShade::None: return "not an action of this resource";
    case CellShade::Denied: break;
  }
  return "denied";
}

}  // namespace

void ConsoleApp::recompute_preview() {
  preview_dirty_ = false;
  draft_problem_.clear();
  draft_diagnostics_.clear();
  preview_.reset();
  evaluator_.reset();
  selected_cell_.reset();
  uploaded_matrix_key_.clear();
  if (!member_ || !account_) return;
  if (draft_.scope == core::api::ScopeKind::InlinePolicy) {
    auto policy = core::api::parse_json(draft_.inline_policy_text);
    if (!policy) {
      draft_problem_ = "Inline policy: " + policy.error().describe();
      return;
    }
    draft_diagnostics_ = core::policy::validate_policy(policy.value());
  }
  auto subject = core::api::draft_subject(draft_, *member_, roles_);
  if (!subject) {
    draft_problem_ = subject.error().describe();
    return;
  }
  auto evaluator = core::policy::parse_subject(subject.value(), "", core::policy::default_semantics());
  if (!evaluator) {
    draft_problem_ = evaluator.error().describe();
    return;
  }
  evaluator_ = std::move(evaluator).value();
  preview_ = core::preview::compute_preview(*account_, *evaluator_);
  environment_segments_.clear();
  for (const auto& project : account_->projects) {
    environment_segments_.emplace_back();
    for (const auto& environment : project.environments)
      environment_segments_.back().push_back({"env", environment.key, environment.props});
  }
}

void ConsoleApp::explain_cell(std::size_t group_index, std::size_t action) {
  const auto& group = preview_->groups()[group_index];
  const auto resource = preview_->resource(*account_, group_index, 0);
  const auto actions = core::preview::Preview::actions_of(group.type);
  core::policy::EnvironmentLookup lookup = [this](std::string_view key) -> const std::vector<core::policy::ResourceSegment>* {
    for (std::size_t p = 0; p < account_->projects.size(); ++p)
      if (account_->projects[p].key == key) return &environment_segments_[p];
    return nullptr;
  };
  const auto decision = evaluator_->explain(resource, actions[action], core::policy::Level::Effective, &lookup);
  selected_cell_ = {group_index, action};
  cell_title_ = std::string(actions[action]) + " on " + resource.text() + ": " +
                (decision.allowed ? "allowed" : decision.capped ? "capped" : "denied");
  cell_reasons_.clear();
  for (const auto& reason : decision.reasons) cell_reasons_.push_back(reason.describe());
}

void ConsoleApp::draw_preview() {
  if (preview_dirty_) recompute_preview();
  ui::text("Preview: what this token could do");
  if (account_state_.loading) ui::text_colored(theme::kMuted, "Loading the account's projects and roles...");
  show_error(account_state_.error, "Retry##account", &ConsoleApp::load_account);
  if (!preview_) return;

  // One summary sentence, then the totals.
  std::size_t critical = 0, critical_toggle = 0;
  const auto flag_actions = core::preview::Preview::actions_of("flag");
  const auto update_on = std::find(flag_actions.begin(), flag_actions.end(), "updateOn") - flag_actions.begin();
  for (const auto& group : preview_->groups()) {
    if (group.type != "flag" || !account_->projects[group.project].environments[group.environment].props.critical) continue;
    ++critical;
    critical_toggle += group.cells[update_on].allowed == group.resources;
  }
  const auto totals = preview_->totals();
  const auto cells = preview_->cell_count();
  ui::text("Can turn flags on and off in " + std::to_string(critical_toggle) + " of " + std::to_string(critical) +
           " critical environments.");
  ui::text_colored(theme::kMuted, std::to_string(totals.allowed) + " of " + std::to_string(cells) + " actions allowed, " +
                                      std::to_string(totals.capped) + " capped by " +
                                      (draft_.service ? "your permissions (creator)" : "your member's permissions"));
  if (totals.capped > 0)
    ui::text_colored(theme::kWarning, draft_.service ? "This service token asks for more than you have: those cells will not work."
                                                     : "This token asks for more than its member can do: those cells are capped.");

  for (const char* type : {"flag", "segment", "env", "proj", "account"}) {
    const std::string title = type == std::string("account") ? "Account" : std::string(core::policy::find_resource_type(type)->title);
    if (ImGui::RadioButton((title + "##matrix-type").c_str(), matrix_type_ == type)) {
      matrix_type_ = type;
      selected_cell_.reset();
    }
    ImGui::SameLine();
  }
  ImGui::NewLine();
  draw_matrix(matrix_type_);

  if (selected_cell_) {
    ui::text(cell_title_);
    for (const auto& reason : cell_reasons_) ui::text_wrapped("- " + reason);
  }
}

// A grid of groups × actions. The account tab holds account-level resources (members, roles, tokens, the
// account itself), whose rows have different actions: shorter rows end in blank cells.
void ConsoleApp::draw_matrix(const std::string& type) {
  const bool account_tab = type == "account";
  std::vector<std::size_t> rows;
  std::size_t widest = 0;
  for (std::size_t g = 0; g < preview_->groups().size(); ++g) {
    const auto& group = preview_->groups()[g];
    if (account_tab ? group.project < 0 : group.type == type) {
      rows.push_back(g);
      widest = std::max(widest, group.cells.size());
    }
  }
  if (rows.empty() || widest == 0) return;
  const int columns = static_cast<int>(widest);
  const std::string key = type + "/" + std::to_string(rows.size());
  std::vector<CellShade> cells(rows.size() * widest, CellShade::None);
  std::vector<std::string> row_labels;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& group = preview_->groups()[rows[r]];
    if (group.project < 0) {
      row_labels.push_back(std::string(core::policy::find_resource_type(group.type)->title) +
                           (group.resources > 1 ? " (" + std::to_string(group.resources) + ")" : ""));
    } else {
      const auto& project = account_->projects[group.project];
      row_labels.push_back(project.key + (group.environment >= 0 ? " / " + project.environments[group.environment].key : ""));
    }
    for (std::size_t a = 0; a < group.cells.size(); ++a) cells[r * widest + a] = shade_of(group, a);
  }
  auto action_at = [&](int row, int column) -> std::string {
    const auto row_actions = core::preview::Preview::actions_of(preview_->groups()[rows[row]].type);
    return column < static_cast<int>(row_actions.size()) ? std::string(row_actions[column]) : "";
  };
  if (uploaded_matrix_key_ != key) {
    matrix_.upload(columns, static_cast<int>(rows.size()), cells);
    uploaded_matrix_key_ = key;
  }

  // Each row's count of allowed cells, right of the matrix: "allowed/actions × resources".
  std::vector<std::string> row_counts;
  float count_width = 0;
  for (std::size_t g : rows) {
    const auto& group = preview_->groups()[g];
    std::uint64_t allowed = 0;
    for (const auto& cell : group.cells) allowed += cell.allowed;
    row_counts.push_back(std::to_string(allowed) + "/" + std::to_string(group.cells.size() * group.resources));
    count_width = std::max(count_width, ImGui::CalcTextSize(row_counts.back().c_str()).x);
  }
  count_width += ImGui::GetStyle().ItemSpacing.x * 2;
  float label_width = 0;
  for (const auto& label : row_labels) label_width = std::max(label_width, ImGui::CalcTextSize(label.c_str()).x);
  label_width += ImGui::GetStyle().ItemSpacing.x;
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float available = ImGui::GetContentRegionAvail().x - label_width - count_width;
  const float cell_width = std::clamp(available / static_cast<float>(columns), 4.0f, line);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = cell_width * static_cast<float>(columns);
  const float height = line * static_cast<float>(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + line * static_cast<float>(r)));
    ui::text(row_labels[r]);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + label_width + width + ImGui::GetStyle().ItemSpacing.x * 2,
                                     origin.y + line * static_cast<float>(r)));
    ui::text_colored(theme::kMuted, row_counts[r]);
  }
  const ImVec2 matrix_origin(origin.x + label_width, origin.y);
  ImGui::SetCursorScreenPos(matrix_origin);
  ImGui::InvisibleButton("##matrix", ImVec2(width, height));
  int hover_column = -1, hover_row = -1;
  if (ImGui::IsItemHovered()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    hover_column = std::clamp(static_cast<int>((mouse.x - matrix_origin.x) / cell_width), 0, columns - 1);
    hover_row = std::clamp(static_cast<int>((mouse.y - matrix_origin.y) / line), 0, static_cast<int>(rows.size()) - 1);
    const CellShade shade = cells[static_cast<std::size_t>(hover_row * columns + hover_column)];
    if (shade != CellShade::None) {
      ImGui::SetTooltip("%s on %s: %s (click for why)", action_at(hover_row, hover_column).c_str(),
                        row_labels[hover_row].c_str(), shade_name(shade));
      if (ImGui::IsItemClicked()) explain_cell(rows[hover_row], static_cast<std::size_t>(hover_column));
    }
  }
  matrix_.draw(ImGui::GetWindowDrawList(), matrix_origin.x, matrix_origin.y, width, height, hover_column, hover_row);

  std::vector<std::string> column_labels;  // the widest row's actions
  for (int c = 0; c < columns; ++c) {
    std::string label;
    for (std::size_t r = 0; r < rows.size() && label.empty(); ++r) label = action_at(static_cast<int>(r), c);
    column_labels.push_back(label);
  }
  std::vector<int> states;
  for (auto shade : cells) states.push_back(static_cast<int>(shade));
  test_hook::record_matrix(type, matrix_origin.x, matrix_origin.y, cell_width, line, row_labels, column_labels, states);
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height + ImGui::GetStyle().ItemSpacing.y));
  ImGui::Dummy(ImVec2(0, 0));
}

}  // namespace wasm
