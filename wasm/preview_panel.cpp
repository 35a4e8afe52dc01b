// The live preview: for the draft's scope capped by the member, every action on every resource type of
// every project and environment, drawn by the console's WebGL2 shader; a cell's reasons on click.
#include <imgui.h>

#include <algorithm>

#include "console_app.hpp"
#include "core/api/json_fields.hpp"
#include "core/api/token_preview.hpp"
#include "core/policy/lint.hpp"
#include "core/policy/subject_json.hpp"
#include "test_hook.hpp"
#include "timer.hpp"
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

void ConsoleApp::mark_preview_dirty() {
  preview_dirty_ = true;
  preview_changed_at_ms_ = now_ms();
}

// A preview that computes in a blink follows every keystroke; one that takes longer (a large account)
// waits until typing pauses, so that typing does not stutter.
bool ConsoleApp::preview_due() const {
  constexpr double kInstantMs = 30, kTypingPauseMs = 250;
  return preview_dirty_ && (last_recompute_ms_ < kInstantMs || now_ms() - preview_changed_at_ms_ > kTypingPauseMs);
}

void ConsoleApp::show_draft_preview() {
  view_.preview_shows_token = false;
  mark_preview_dirty();
}

void ConsoleApp::recompute_preview() {
  const double started = now_ms();
  struct Timed {
    double started;
    double* out;
    ~Timed() { *out = now_ms() - started; }
  } timed{started, &last_recompute_ms_};
  preview_dirty_ = false;
  view_.token_preview_problem.clear();
  view_.preview.reset();
  view_.evaluator.reset();
  view_.selected_cell.reset();
  view_.matrix_view.reset();
  if (!session_->member || !session_->account) return;
  if (view_.preview_shows_token) preview_selected_token();
  else preview_draft();
}

// The draft's problems stay what they were while the preview shows a token: editing the draft shows it again.
void ConsoleApp::preview_draft() {
  draft_.problem.clear();
  draft_.diagnostics.clear();
  if (draft_.draft.scope == core::api::ScopeKind::InlinePolicy) {
    auto policy = core::api::parse_json(draft_.draft.inline_policy_text);
    if (!policy) {
      draft_.problem = "Inline policy: " + policy.error().describe();
      return;
    }
    draft_.diagnostics = core::policy::validate_policy(policy.value());
  }
  auto subject = core::api::draft_subject(draft_.draft, *session_->member, session_->roles);
  if (!subject) {
    draft_.problem = subject.error().describe();
    return;
  }
  auto evaluator = core::policy::parse_subject(subject.value(), "", core::policy::default_semantics());
  if (!evaluator) {
    draft_.problem = evaluator.error().describe();
    return;
  }
  view_.evaluator = std::move(evaluator).value();
  view_.preview = core::preview::compute_preview(*session_->account, *view_.evaluator);
  summarize_preview(draft_.draft.service ? "your permissions (creator)" : "your member's permissions",
                    draft_.draft.service ? "This service token asks for more than you have: those cells will not work."
                                   : "This token asks for more than its member can do: those cells are capped.");
}

void ConsoleApp::preview_selected_token() {
  if (view_.selected_token < 0 || view_.selected_token >= static_cast<int>(session_->tokens.size())) return;
  const core::api::Token& token = session_->tokens[view_.selected_token];
  auto members = session_->members_to_judge(token, view_.token_preview_problem, [this] { load_members(); });
  if (!members) return;
  auto preview = core::api::preview_token(token, *members, session_->roles, *session_->account);
  if (!preview) {
    view_.token_preview_problem = "No preview of \"" + token.name + "\": " + preview.error().describe();
    return;
  }
  core::api::TokenPreview judged = std::move(preview).value();
  view_.evaluator = std::move(judged.evaluator);
  view_.preview = std::move(judged.preview);
  summarize_preview(judged.capped_by, token.service ? "Its scope asks for more than its creator can do now: those cells are capped."
                                                      : "Its scope asks for more than its member can do now: those cells are capped.");
  if (judged.approximate)
    view_.preview_summary->approximate =
        "Approximate: a service token is capped by its creator as they were when it was made, which the API does not "
        "say; this judges it with its creator as they are now.";
}

// The sentence and totals above the matrix, worked out once per preview: a large account has 150,000 groups.
void ConsoleApp::summarize_preview(const std::string& capped_by, std::string capped_warning) {
  std::size_t critical = 0, critical_toggle = 0;
  const auto flag_actions = core::preview::Preview::actions_of("flag");
  const auto update_on = std::find(flag_actions.begin(), flag_actions.end(), "updateOn") - flag_actions.begin();
  const auto project_actions = core::preview::Preview::actions_of("proj");
  const auto view_project = std::find(project_actions.begin(), project_actions.end(), "viewProject") - project_actions.begin();
  PreviewSummary summary;
  for (const auto& group : view_.preview->groups()) {
    if (group.type == "proj" && group.cells[view_project].allowed > 0) summary.any_project_viewable = true;
    if (group.type != "flag" || !session_->account->projects[group.project].environments[group.environment].props.critical) continue;
    ++critical;
    critical_toggle += group.cells[update_on].allowed == group.resources;
  }
  const auto totals = view_.preview->totals();
  summary.sentence = "Can turn flags on and off in " + std::to_string(critical_toggle) + " of " + std::to_string(critical) +
                     " critical environments.";
  summary.totals = std::to_string(session_->account->resource_count()) + " resources: " + std::to_string(totals.allowed) + " of " +
                   std::to_string(view_.preview->cell_count()) + " actions allowed, " + std::to_string(totals.capped) + " capped by " +
                   capped_by;
  if (totals.capped > 0) summary.capped_warning = std::move(capped_warning);
  view_.preview_summary = std::move(summary);
}

void ConsoleApp::explain_cell(std::size_t group_index, std::size_t action) {
  const auto& group = view_.preview->groups()[group_index];
  const auto resource = view_.preview->resource(*session_->account, group_index, 0);
  const auto actions = core::preview::Preview::actions_of(group.type);
  core::policy::EnvironmentLookup lookup = [this](std::string_view key) {
    return session_->environment_segments(std::string(key));
  };
  const auto decision = view_.evaluator->explain(resource, actions[action], core::policy::Level::Effective, &lookup);
  view_.selected_cell = {group_index, action};
  view_.cell_title = std::string(actions[action]) + " on " + resource.text() + ": " +
                (decision.allowed ? "allowed" : decision.capped ? "capped" : "denied");
  view_.cell_reasons.clear();
  for (const auto& reason : decision.reasons) view_.cell_reasons.push_back(reason.describe());
}

// What the preview shows: the draft, or the token selected in the table as it works now.
void ConsoleApp::draw_preview_choice() {
  const bool token_selected = view_.selected_token >= 0 && view_.selected_token < static_cast<int>(session_->tokens.size());
  if (!token_selected) view_.preview_shows_token = false;
  ui::text("Preview:");
  ImGui::SameLine();
  if (ImGui::RadioButton("what the draft could do", !view_.preview_shows_token) && view_.preview_shows_token) show_draft_preview();
  ImGui::SameLine();
  if (!token_selected) {
    ImGui::BeginDisabled();
    ImGui::RadioButton("a token (select one in the table)", false);
    ImGui::EndDisabled();
    return;
  }
  const core::api::Token& token = session_->tokens[view_.selected_token];
  const std::string label = "what \"" + token.name + "\" can do now##preview-token";
  if (ImGui::RadioButton(label.c_str(), view_.preview_shows_token) && !view_.preview_shows_token) {
    view_.preview_shows_token = true;
    mark_preview_dirty();
  }
  if (view_.preview_shows_token)
    ui::text_wrapped_colored(theme::kMuted, "Read-only: " + token.owner_email + "'s " + (token.service ? "service" : "personal") +
                                        " token, " + token.scope_summary() + ", judged with " +
                                        (token.service ? "its creator" : "its member") + " as they are now.");
}

void ConsoleApp::draw_preview() {
  if (draft_.edits != draft_edits_previewed_) {
    draft_edits_previewed_ = draft_.edits;
    show_draft_preview();
  }
  if (preview_due()) recompute_preview();
  if (preview_dirty_) ui::text_colored(theme::kMuted, "(the preview follows when typing pauses)");
  draw_preview_choice();
  if (session_->account_state.loading) ui::text_colored(theme::kMuted, "Loading the account's projects and roles...");
  show_error(session_->account_state, "Retry##account", &ConsoleApp::load_account);
  if (view_.preview_shows_token && !view_.token_preview_problem.empty())
    ui::text_wrapped_colored(session_->members_state.error ? theme::kWarning : theme::kMuted, view_.token_preview_problem);
  if (!view_.preview || !session_->account) return;

  const PreviewSummary& summary = *view_.preview_summary;
  ui::text(summary.sentence);
  ui::text_colored(theme::kMuted, summary.totals);
  if (!summary.capped_warning.empty()) ui::text_colored(theme::kWarning, summary.capped_warning);
  if (!summary.approximate.empty()) ui::text_wrapped_colored(theme::kMuted, summary.approximate);
  if (!summary.any_project_viewable && !session_->account->projects.empty())
    ui::text_colored(theme::kWarning, "No project is viewable, so nothing inside a project is either: allow viewProject on Projects.");

  for (const char* type : {"flag", "segment", "env", "proj", "account"}) {
    const std::string title = type == std::string("account") ? "Account" : std::string(core::policy::find_resource_type(type)->title);
    if (ImGui::RadioButton((title + "##matrix-type").c_str(), matrix_type_ == type)) {
      matrix_type_ = type;
      view_.selected_cell.reset();
    }
    ImGui::SameLine();
  }
  ImGui::NewLine();
  draw_matrix();

  if (view_.selected_cell) {
    ui::text(view_.cell_title);
    for (const auto& reason : view_.cell_reasons) ui::text_wrapped("- " + reason);
  }
}

// A grid of groups × actions. The account tab holds account-level resources (members, roles, tokens, the
// account itself), whose rows have different actions: shorter rows end in blank cells. Only the row order is
// kept per preview and tab; labels, counts and cells are made for the rows in sight, frame by frame, so a
// tab of 50,000 rows (1,000 projects × 50 environments) costs what a tab of 20 does.
void ConsoleApp::build_matrix_view(const std::string& type) {
  MatrixView view;
  view.type = type;
  const bool account_tab = type == "account";
  for (std::size_t g = 0; g < view_.preview->groups().size(); ++g) {
    const auto& group = view_.preview->groups()[g];
    if (account_tab ? group.project < 0 : group.type == type) {
      view.groups.push_back(g);
      view.columns = std::max(view.columns, static_cast<int>(group.cells.size()));
    }
  }
  for (int c = 0; c < view.columns; ++c) {  // the widest row's actions
    std::string label;
    for (std::size_t r = 0; r < view.groups.size() && label.empty(); ++r) label = matrix_action(view, r, c);
    view.column_labels.push_back(label);
  }
  view_.matrix_view = std::move(view);
  uploaded_rows_ = {-1, -1};
}

std::string ConsoleApp::matrix_row_label(const MatrixView& view, std::size_t row) const {
  const auto& group = view_.preview->groups()[view.groups[row]];
  if (group.project < 0)
    return std::string(core::policy::find_resource_type(group.type)->title) +
           (group.resources > 1 ? " (" + std::to_string(group.resources) + ")" : "");
  const auto& project = session_->account->projects[group.project];
  return project.key + (group.environment >= 0 ? " / " + project.environments[group.environment].key : "");
}

// "allowed/actions × resources"
std::string ConsoleApp::matrix_row_count(const MatrixView& view, std::size_t row) const {
  const auto& group = view_.preview->groups()[view.groups[row]];
  std::uint64_t allowed = 0;
  for (const auto& cell : group.cells) allowed += cell.allowed;
  return std::to_string(allowed) + "/" + std::to_string(group.cells.size() * group.resources);
}

std::string ConsoleApp::matrix_action(const MatrixView& view, std::size_t row, int column) const {
  const auto actions = core::preview::Preview::actions_of(view_.preview->groups()[view.groups[row]].type);
  return column < static_cast<int>(actions.size()) ? std::string(actions[column]) : "";
}

void ConsoleApp::draw_matrix() {
  if (!view_.matrix_view || view_.matrix_view->type != matrix_type_) build_matrix_view(matrix_type_);
  MatrixView& view = *view_.matrix_view;
  const int row_count = static_cast<int>(view.groups.size());
  if (row_count == 0 || view.columns == 0) return;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  if (view.label_width_font != ImGui::GetFontSize()) {  // measured again when the pixel ratio changes
    float label_width = 0, count_width = 0;
    for (int r = 0; r < row_count && r < 2000; ++r) {  // long tails share the first rows' width
      label_width = std::max(label_width, ImGui::CalcTextSize(matrix_row_label(view, r).c_str()).x);
      count_width = std::max(count_width, ImGui::CalcTextSize(matrix_row_count(view, r).c_str()).x);
    }
    view.label_width = label_width + style.ItemSpacing.x;
    view.count_width = count_width + style.ItemSpacing.x * 2;
    view.label_width_font = ImGui::GetFontSize();
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
  std::vector<std::string> labels;
  std::vector<CellShade> cells(static_cast<std::size_t>((last - first) * view.columns), CellShade::None);
  for (int r = first; r < last; ++r) {
    const float y = top.y + line * static_cast<float>(r);
    labels.push_back(matrix_row_label(view, r));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y));
    ui::text(labels.back());
    ImGui::SetCursorScreenPos(ImVec2(top.x + view.label_width + width + style.ItemSpacing.x * 2, y));
    ui::text_colored(theme::kMuted, matrix_row_count(view, r));
    const auto& group = view_.preview->groups()[view.groups[r]];
    for (std::size_t a = 0; a < group.cells.size(); ++a)
      cells[static_cast<std::size_t>((r - first) * view.columns) + a] = shade_of(group, a);
  }
  if (uploaded_rows_ != std::pair{first, last}) {
    matrix_.upload(view.columns, last - first, cells);
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
    const CellShade shade = cells[static_cast<std::size_t>(hover_row * view.columns + hover_column)];
    const std::size_t row = static_cast<std::size_t>(first + hover_row);
    if (shade != CellShade::None) {
      ImGui::SetTooltip("%s on %s: %s (click for why)", matrix_action(view, row, hover_column).c_str(),
                        labels[static_cast<std::size_t>(hover_row)].c_str(), shade_name(shade));
      if (ImGui::IsItemClicked()) explain_cell(view.groups[row], static_cast<std::size_t>(hover_column));
    }
  }
  matrix_.draw(ImGui::GetWindowDrawList(), matrix_origin.x, matrix_origin.y, width, height, hover_column, hover_row);

  std::vector<int> states;
  for (CellShade shade : cells) states.push_back(static_cast<int>(shade));
  test_hook::record_matrix(view.type, matrix_origin.x, matrix_origin.y, cell_width, line, labels, view.column_labels, states,
                           first, row_count);
  ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + line * static_cast<float>(row_count)));
  ImGui::Dummy(ImVec2(0, 0));
  ImGui::EndChild();
}

}  // namespace wasm
