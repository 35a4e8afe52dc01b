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
  matrix_view_.reset();
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
  show_error(account_state_, "Retry##account", &ConsoleApp::load_account);
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

  const auto project_actions = core::preview::Preview::actions_of("proj");
  const auto view_project = std::find(project_actions.begin(), project_actions.end(), "viewProject") - project_actions.begin();
  const bool any_project_viewable = std::any_of(preview_->groups().begin(), preview_->groups().end(), [&](const auto& group) {
    return group.type == "proj" && group.cells[view_project].allowed > 0;
  });
  if (!any_project_viewable && !account_->projects.empty())
    ui::text_colored(theme::kWarning, "No project is viewable, so nothing inside a project is either: allow viewProject on Projects.");

  for (const char* type : {"flag", "segment", "env", "proj", "account"}) {
    const std::string title = type == std::string("account") ? "Account" : std::string(core::policy::find_resource_type(type)->title);
    if (ImGui::RadioButton((title + "##matrix-type").c_str(), matrix_type_ == type)) {
      matrix_type_ = type;
      selected_cell_.reset();
    }
    ImGui::SameLine();
  }
  ImGui::NewLine();
  draw_matrix();

  if (selected_cell_) {
    ui::text(cell_title_);
    for (const auto& reason : cell_reasons_) ui::text_wrapped("- " + reason);
  }
}

// A grid of groups × actions. The account tab holds account-level resources (members, roles, tokens, the
// account itself), whose rows have different actions: shorter rows end in blank cells. Built once per
// preview and tab: an account with 1,000 projects × 50 environments has 50,000 rows.
void ConsoleApp::build_matrix_view(const std::string& type) {
  MatrixView view;
  view.type = type;
  const bool account_tab = type == "account";
  for (std::size_t g = 0; g < preview_->groups().size(); ++g) {
    const auto& group = preview_->groups()[g];
    if (account_tab ? group.project < 0 : group.type == type) {
      view.groups.push_back(g);
      view.columns = std::max(view.columns, static_cast<int>(group.cells.size()));
    }
  }
  const auto widest = static_cast<std::size_t>(view.columns);
  view.cells.assign(view.groups.size() * widest, CellShade::None);
  for (std::size_t r = 0; r < view.groups.size(); ++r) {
    const auto& group = preview_->groups()[view.groups[r]];
    if (group.project < 0) {
      view.labels.push_back(std::string(core::policy::find_resource_type(group.type)->title) +
                            (group.resources > 1 ? " (" + std::to_string(group.resources) + ")" : ""));
    } else {
      const auto& project = account_->projects[group.project];
      view.labels.push_back(project.key + (group.environment >= 0 ? " / " + project.environments[group.environment].key : ""));
    }
    std::uint64_t allowed = 0;
    for (std::size_t a = 0; a < group.cells.size(); ++a) {
      view.cells[r * widest + a] = shade_of(group, a);
      allowed += group.cells[a].allowed;
    }
    view.counts.push_back(std::to_string(allowed) + "/" + std::to_string(group.cells.size() * group.resources));
  }
  for (int c = 0; c < view.columns; ++c) {  // the widest row's actions
    std::string label;
    for (std::size_t r = 0; r < view.groups.size() && label.empty(); ++r) label = matrix_action(view, r, c);
    view.column_labels.push_back(label);
  }
  matrix_view_ = std::move(view);
  uploaded_rows_ = {-1, -1};
}

std::string ConsoleApp::matrix_action(const MatrixView& view, std::size_t row, int column) const {
  const auto actions = core::preview::Preview::actions_of(preview_->groups()[view.groups[row]].type);
  return column < static_cast<int>(actions.size()) ? std::string(actions[column]) : "";
}

// Only the rows in sight are labelled and uploaded to the shader's texture: frame time does not grow with
// the account.
void ConsoleApp::draw_matrix() {
  if (!matrix_view_ || matrix_view_->type != matrix_type_) build_matrix_view(matrix_type_);
  const MatrixView& view = *matrix_view_;
  const int row_count = static_cast<int>(view.groups.size());
  if (row_count == 0 || view.columns == 0) return;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  if (view.label_width_font != ImGui::GetFontSize()) {  // measured again when the pixel ratio changes
    float label_width = 0, count_width = 0;
    for (std::size_t r = 0; r < view.labels.size() && r < 5000; ++r) {  // long tails share the first rows' width
      label_width = std::max(label_width, ImGui::CalcTextSize(view.labels[r].c_str()).x);
      count_width = std::max(count_width, ImGui::CalcTextSize(view.counts[r].c_str()).x);
    }
    matrix_view_->label_width = label_width + style.ItemSpacing.x;
    matrix_view_->count_width = count_width + style.ItemSpacing.x * 2;
    matrix_view_->label_width_font = ImGui::GetFontSize();
  }
  const float available = ImGui::GetContentRegionAvail().x - view.label_width - view.count_width - style.ScrollbarSize;
  const float cell_width = std::clamp(available / static_cast<float>(view.columns), 4.0f, line);
  const float width = cell_width * static_cast<float>(view.columns);
  // Tall enough for the demo account whole; larger accounts scroll inside it.
  const float reserve = line * 6;
  const float visible_height =
      std::clamp(std::min(line * static_cast<float>(row_count), ImGui::GetContentRegionAvail().y - reserve), line * 4,
                 line * static_cast<float>(row_count) + 1);
  ImGui::BeginChild("##matrix-rows", ImVec2(0, visible_height), ImGuiChildFlags_None);
  const float scroll = ImGui::GetScrollY();
  const int first = std::clamp(static_cast<int>(scroll / line), 0, row_count - 1);
  const int last = std::min(row_count, first + static_cast<int>(visible_height / line) + 2);
  const ImVec2 top = ImGui::GetCursorScreenPos();  // row 0, scrolled
  for (int r = first; r < last; ++r) {
    const float y = top.y + line * static_cast<float>(r);
    ImGui::SetCursorScreenPos(ImVec2(top.x, y));
    ui::text(view.labels[r]);
    ImGui::SetCursorScreenPos(ImVec2(top.x + view.label_width + width + style.ItemSpacing.x * 2, y));
    ui::text_colored(theme::kMuted, view.counts[r]);
  }
  if (uploaded_rows_ != std::pair{first, last}) {
    const auto begin = view.cells.begin() + static_cast<std::ptrdiff_t>(first) * view.columns;
    matrix_.upload(view.columns, last - first, std::vector<CellShade>(begin, begin + static_cast<std::ptrdiff_t>(last - first) * view.columns));
    uploaded_rows_ = {first, last};
  }
  const ImVec2 matrix_origin(top.x + view.label_width, top.y + line * static_cast<float>(first));
  const float height = line * static_cast<float>(last - first);
  ImGui::SetCursorScreenPos(matrix_origin);
  ImGui::InvisibleButton("##matrix", ImVec2(width, height));
  int hover_column = -1, hover_row = -1;
  if (ImGui::IsItemHovered()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    hover_column = std::clamp(static_cast<int>((mouse.x - matrix_origin.x) / cell_width), 0, view.columns - 1);
    hover_row = std::clamp(static_cast<int>((mouse.y - matrix_origin.y) / line), 0, last - first - 1);
    const std::size_t row = static_cast<std::size_t>(first + hover_row);
    const CellShade shade = view.cells[row * static_cast<std::size_t>(view.columns) + static_cast<std::size_t>(hover_column)];
    if (shade != CellShade::None) {
      ImGui::SetTooltip("%s on %s: %s (click for why)", matrix_action(view, row, hover_column).c_str(),
                        view.labels[row].c_str(), shade_name(shade));
      if (ImGui::IsItemClicked()) explain_cell(view.groups[row], static_cast<std::size_t>(hover_column));
    }
  }
  matrix_.draw(ImGui::GetWindowDrawList(), matrix_origin.x, matrix_origin.y, width, height, hover_column, hover_row);

  std::vector<int> states;
  const auto begin = view.cells.begin() + static_cast<std::ptrdiff_t>(first) * view.columns;
  for (auto it = begin; it != begin + static_cast<std::ptrdiff_t>(last - first) * view.columns; ++it) states.push_back(static_cast<int>(*it));
  test_hook::record_matrix(view.type, matrix_origin.x, matrix_origin.y, cell_width, line,
                           std::vector<std::string>(view.labels.begin() + first, view.labels.begin() + last), view.column_labels,
                           states, first, row_count);
  ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + line * static_cast<float>(row_count)));
  ImGui::Dummy(ImVec2(0, 0));
  ImGui::EndChild();
}

}  // namespace wasm
