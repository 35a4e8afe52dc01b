#include "wasm/panels/preview_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>

#include "core/json_fields.hpp"
#include "core/api/token_preview.hpp"
#include "core/policy/lint.hpp"
#include "core/policy/subject_json.hpp"
#include "core/preview/summary.hpp"
#include "wasm/redraw.hpp"
#include "wasm/frame_items.hpp"
#include "wasm/timer.hpp"
#include "wasm/ui_text.hpp"
#include "wasm/ui_theme.hpp"

namespace wasm::panels {
namespace {

using core::policy::CellState;

using core::preview::with_thousands;

// Groups whose resources the preview tells apart, one row each when opened.
bool opens(const core::preview::Group& group) {
  return group.type == "flag" || group.type == "segment" || group.type == "role" || group.type == "team";
}

CellShade shade_of(const core::preview::Group& group, std::size_t action) {
  const auto& counts = group.cells[action];
  if (counts.allowed == group.resources) return CellShade::Allowed;
  if (counts.capped == group.resources) return CellShade::Capped;
  if (counts.allowed == 0 && counts.capped == 0) return CellShade::Denied;
  return CellShade::Partial;
}

// "all allowed", or "12 allowed", "3 capped", "21 denied": how a group's resources decide one action.
std::vector<std::string> counts_in_words(const core::preview::Counts& counts, std::uint64_t resources) {
  const std::uint64_t denied = resources - counts.allowed - counts.capped;
  std::vector<std::string> parts;
  for (auto [count, word] : {std::pair{counts.allowed, "allowed"}, std::pair{counts.capped, "capped"}, std::pair{denied, "denied"}})
    if (count > 0) parts.push_back((count == resources ? std::string("all ") : with_thousands(count) + " ") + word);
  return parts;
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

// The preview follows the Session, its data, the draft's edits and the selection. Picking a token in the
// table shows it; editing the draft shows the draft again.
void PreviewPanel::follow_inputs(Context& context, State& state) {
  const Session& session = *context.session;
  const Selection& selection = context.selection;
  if (previewed_ && previewed_->session == session.serial) {
    if (previewed_->draft_edits != context.draft.edits) state.shows_token = false;
    if (previewed_->picks != selection.picks) state.shows_token = selection.index >= 0;
  }
  if (selection.token(session) == nullptr) state.shows_token = false;
  const Inputs inputs{session.serial, session.account_version, state.shows_token ? session.version : 0, context.draft.edits,
                      selection.picks, state.shows_token};
  if (previewed_ == inputs) return;
  Inputs same_but_account = inputs;
  if (previewed_) same_but_account.account_version = previewed_->account_version;
  if (previewed_ != same_but_account) restart_ = true;
  previewed_ = inputs;
  dirty_ = true;
}

// Starts working out the preview of what is shown now (the draft, or the selected token); a problem that
// leaves nothing to preview clears the preview shown.
void PreviewPanel::start(Context& context, State& state) {
  dirty_ = false;
  restart_ = false;
  state.token_problem.clear();
  state.working.reset();
  auto clear = [&state] {
    state.preview.reset();
    state.evaluator.reset();
    state.account.reset();
    state.selected_cell.reset();
    state.matrix_view.reset();
  };
  if (!context.session->member || !context.session->account) return clear();
  if (state.shows_token) preview_token(context, state);
  else preview_draft(context, state);
  if (!state.working) clear();
}

// The draft's problems stay what they were while the preview shows a token: editing the draft shows it again.
void PreviewPanel::preview_draft(Context& context, State& state) {
  const Session& session = *context.session;
  DraftModel& draft = context.draft;
  draft.problem.clear();
  draft.diagnostics.clear();
  if (draft.draft.scope == core::api::ScopeKind::InlinePolicy) {
    auto policy = core::parse_json(draft.draft.inline_policy_text);
    if (!policy) {
      draft.problem = "Inline policy: " + policy.error().describe();
      return;
    }
    draft.diagnostics = core::policy::validate_policy(policy.value());
  }
  auto subject = core::api::draft_subject(draft.draft, *session.member, session.roles);
  if (!subject) {
    draft.problem = subject.error().describe();
    return;
  }
  auto evaluator = core::policy::parse_subject(subject.value(), "", core::policy::default_semantics());
  if (!evaluator) {
    draft.problem = evaluator.error().describe();
    return;
  }
  SubjectWords words{.capped_by = draft.draft.service ? "your permissions (creator)" : "your member's permissions",
                  .capped_warning = draft.draft.service
                                        ? "This service token asks for more than you have: those cells will not work."
                                        : "This token asks for more than its member can do: those cells are capped."};
  begin_working(session, state, std::move(evaluator).value(), session.account->self_member_id, std::move(words));
}

void PreviewPanel::preview_token(Context& context, State& state) {
  const Session& session = *context.session;
  const core::api::Token* token = context.selection.token(session);
  if (token == nullptr) return;
  auto members = session.members_to_judge(*token, state.token_problem, context.load_members);
  if (!members) return;
  auto judged = core::api::judge_token(*token, *members, session.roles);
  if (!judged) {
    state.token_problem = "No preview of \"" + token->name + "\": " + judged.error().describe();
    return;
  }
  core::api::TokenJudgement judgement = std::move(judged).value();
  SubjectWords words{.capped_by = std::move(judgement.capped_by),
                  .capped_warning = token->service ? "Its scope asks for more than its creator can do now: those cells are capped."
                                                   : "Its scope asks for more than its member can do now: those cells are capped."};
  if (judgement.approximate)
    words.approximate =
        "Approximate: a service token is capped by its creator as they were when it was made, which the API does not "
        "say; this judges it with its creator as they are now.";
  begin_working(session, state, std::move(judgement.evaluator), judgement.self_member_id, std::move(words));
}

void PreviewPanel::begin_working(const Session& session, State& state, core::policy::Evaluator evaluator,
                                 const std::string& self_member_id, SubjectWords words) {
  auto shared_evaluator = std::make_shared<const core::policy::Evaluator>(std::move(evaluator));
  state.working.emplace(Working{core::preview::PreviewComputation(session.account, shared_evaluator, self_member_id),
                                shared_evaluator, session.account, std::move(words)});
}

// Works on the preview for at most kFrameBudgetMs (at least one part), and shows it once it is complete.
void PreviewPanel::advance(State& state) {
  if (!state.working) return;
  Working& working = *state.working;
  const double started = now_ms();
  do working.computation.step();
  while (!working.computation.done() && now_ms() - started < kFrameBudgetMs);
  if (!working.computation.done()) return redraw::animate();
  state.preview = working.computation.take();
  state.evaluator = std::move(working.evaluator);
  state.account = std::move(working.account);
  state.selected_cell.reset();
  state.matrix_view.reset();
  auto summary = core::preview::summarize_preview(*state.account, *state.preview, working.words.capped_by);
  state.summary = Summary{std::move(summary.sentence), std::move(summary.totals),
                          summary.capped ? std::move(working.words.capped_warning) : "", std::move(working.words.approximate),
                          summary.any_project_viewable,
                          core::preview::describe_allowances(*state.account, *state.preview, state.evaluator->reads_account())};
  state.working.reset();
}

// Why a cell shows what it shows: for one resource, its decision's reasons; for a group of several, how many
// of its resources are allowed, and the reasons of one resource per state (allowed, capped, denied).
void PreviewPanel::explain_cell(Session& session, State& state, const MatrixRow& row, std::size_t action) {
  const auto& group = state.preview->groups()[row.group];
  const auto actions = core::preview::Preview::actions_of(group.type);
  core::policy::EnvironmentLookup lookup = [&session](std::string_view key) {
    return session.environment_segments(std::string(key));
  };
  auto explain = [&](std::size_t resource) {
    return state.evaluator->explain(state.preview->resource(*state.account, row.group, resource), actions[action],
                                    core::policy::Level::Effective, &lookup);
  };
  auto reasons_of = [](const core::policy::Decision& decision) {
    std::vector<std::string> reasons;
    for (const auto& reason : decision.reasons) reasons.push_back(reason.describe());
    return reasons;
  };
  state.selected_cell = {row, action};
  state.cell_examples.clear();
  if (row.resource || group.resources == 1) {
    const std::size_t resource = row.resource.value_or(0);
    const auto decision = explain(resource);
    state.cell_title = std::string(actions[action]) + " on " +
                       state.preview->resource(*state.account, row.group, resource).text() + ": " +
                       (decision.allowed ? "allowed" : decision.capped ? "capped" : "denied");
    state.cell_examples.push_back({"", reasons_of(decision)});
    return;
  }
  const std::string noun = core::policy::find_resource_type(group.type)->title.data();
  std::string lower_noun = noun;
  std::transform(lower_noun.begin(), lower_noun.end(), lower_noun.begin(), [](unsigned char c) { return std::tolower(c); });
  state.cell_title = std::string(actions[action]) + " on the " + with_thousands(group.resources) + " " + lower_noun + " of " +
                     group_name(state, row.group) + ": ";
  const std::vector<std::string> parts = counts_in_words(group.cells[action], group.resources);
  for (std::size_t i = 0; i < parts.size(); ++i) state.cell_title += (i > 0 ? ", " : "") + parts[i];
  if (parts.size() > 1) state.cell_title += " (open the row for each)";
  for (CellState wanted : {CellState::Allowed, CellState::Capped, CellState::Denied}) {
    for (std::size_t r = 0; r < group.resources; ++r) {
      if (state.preview->state(row.group, r, action) != wanted) continue;
      const auto decision = explain(r);
      const char* word = wanted == CellState::Allowed ? "allowed" : wanted == CellState::Capped ? "capped" : "denied";
      state.cell_examples.push_back(
          {parts.size() > 1 ? std::string("For example ") + resource_key(state, {row.group, r}) + ", " + word + ":"
                            : std::string("For example ") + resource_key(state, {row.group, r}) + ":",
           reasons_of(decision)});
      break;
    }
  }
}

// A kind's cell: how much of each of its actions is allowed on the row; each action's reasons are a click away
// once the kind is opened.
void PreviewPanel::explain_kind_cell(State& state, const MatrixRow& row, const MatrixColumn& column) {
  const auto& group = state.preview->groups()[row.group];
  const auto actions = core::preview::Preview::actions_of(group.type);
  state.selected_cell = {row, column.actions.front()};
  state.cell_examples.clear();
  std::vector<std::string> lines;
  std::size_t allowed_actions = 0;
  for (std::size_t action : column.actions) {
    std::string state_words;
    if (row.resource || group.resources == 1) {
      const CellState cell = state.preview->state(row.group, row.resource.value_or(0), action);
      state_words = cell == CellState::Allowed ? "allowed" : cell == CellState::Capped ? "capped" : "denied";
      allowed_actions += cell == CellState::Allowed;
    } else {
      const std::vector<std::string> parts = counts_in_words(group.cells[action], group.resources);
      for (std::size_t i = 0; i < parts.size(); ++i) state_words += (i > 0 ? ", " : "") + parts[i];
      allowed_actions += group.cells[action].allowed == group.resources;
    }
    lines.push_back(std::string(actions[action]) + ": " + state_words);
  }
  const std::string where = group_name(state, row.group) + (row.resource ? " / " + resource_key(state, row) : "");
  state.cell_title = std::string(core::policy::kind_heading(column.kind)) + " on " + where + ": " +
                     std::to_string(allowed_actions) + " of " + std::to_string(column.actions.size()) +
                     " actions allowed" + (row.resource || group.resources == 1 ? "" : " on all") +
                     " (click the column's name to open it, then a cell for why)";
  state.cell_examples.push_back({"", std::move(lines)});
}

// What the preview shows: the draft, or the token selected in the table as it works now.
void PreviewPanel::draw_choice(Context& context, State& state) {
  const core::api::Token* selected = context.selection.token(*context.session);
  ui::heading("Preview:");
  ImGui::SameLine();
  if (ui::radio_button("what the draft could do", !state.shows_token)) state.shows_token = false;
  ImGui::SameLine();
  if (selected == nullptr) {
    ImGui::BeginDisabled();
    ui::radio_button("a token (select one in the table)", false);
    ImGui::EndDisabled();
    return;
  }
  const core::api::Token& token = *selected;
  const std::string label = "what \"" + token.name + "\" can do now##preview-token";
  if (ui::radio_button(label, state.shows_token)) state.shows_token = true;
  if (state.shows_token)
    ui::text_wrapped_colored(theme::kMuted, "Read-only: " + token.owner_email + "'s " + (token.service ? "service" : "personal") +
                                        " token, " + token.scope_summary() + ", judged with " +
                                        (token.service ? "its creator" : "its member") + " as they are now.");
}

// "Loading flags and segments: 1,240 of 5,000" while they come; afterwards, which could not be read: those the
// token may not read (403) quietly, other failures as a warning with Retry.
void PreviewPanel::draw_listings_progress(Session& session) {
  if (!session.listings) return;
  const ListingLoader& listings = *session.listings;
  if (!listings.done() || session.applying_listings) {
    ui::text_colored(theme::kMuted, "Loading flags and segments: " + with_thousands(listings.items_read()) + " of " +
                                        (listings.items_known() > 0 ? with_thousands(listings.items_known()) : "...") +
                                        " (the preview shows any flag and any segment until then)");
    return;
  }
  std::size_t forbidden = 0;
  const ListingLoader::Listing* failed = nullptr;
  std::size_t failures = 0;
  for (const auto& listing : listings.listings()) {
    if (!listing.error) continue;
    if (listing.error->status == 403) {
      ++forbidden;
    } else {
      ++failures;
      if (failed == nullptr) failed = &listing;
    }
  }
  if (forbidden > 0)
    ui::text_wrapped_colored(theme::kMuted, "This token may not read the flags or segments of " + std::to_string(forbidden) +
                                                (forbidden == 1 ? " place" : " places") +
                                                " (403): the preview shows any flag or any segment there.");
  if (failed == nullptr) return;
  ui::text_wrapped_colored(theme::kWarning, std::to_string(failures) + (failures == 1 ? " listing" : " listings") +
                                                " could not be read (" + failed->what + ": " + failed->error->describe() +
                                                "); the preview shows any flag or any segment there.");
  if (ImGui::SmallButton("Retry##listings")) session.load_listings();
}

void PreviewPanel::draw(Context& context) {
  Session& session = *context.session;
  State& state = state_.of(session);
  follow_inputs(context, state);
  if (dirty_ && (restart_ || !state.working)) start(context, state);
  advance(state);
  if (state.working)
    ui::text_colored(theme::kMuted, "Working out the preview: " + with_thousands(state.working->computation.parts_done()) + " of " +
                                        with_thousands(state.working->computation.parts()) + " parts (a project is one)");
  draw_choice(context, state);
  if (session.account_state.loading) ui::text_colored(theme::kMuted, "Loading the account's projects and roles...");
  ui::show_error(session.account_state, "Retry##account", context.load_account);
  draw_listings_progress(session);
  if (session.teams_state.error)
    ui::text_colored(theme::kMuted, "Reading " + session.member_name() + "'s teams (the values of their roles' attributes):");
  ui::show_error(session.teams_state, "Retry##teams", [&session] { session.load_teams(); });
  if (state.shows_token && !state.token_problem.empty())
    ui::text_wrapped_colored(session.members_state.error ? theme::kWarning : theme::kMuted, state.token_problem);
  const core::api::Token* shown = state.shows_token ? context.selection.token(session) : nullptr;
  if (shown != nullptr && session.member && shown->member_id != session.member->id && session.members_teams_state.error) {
    ui::text_wrapped_colored(theme::kWarning, "Some teams of the account's members could not be read (" +
                                                  session.members_teams_state.error->describe() +
                                                  "): the values their roles' attributes take are left out, so this may "
                                                  "show less than the token can do.");
    if (ImGui::SmallButton("Retry##members-teams")) session.load_members_teams();
  }
  if (!state.preview) return;

  const Summary& summary = *state.summary;
  ui::text_wrapped(summary.sentence);
  ui::text_colored(theme::kMuted, summary.totals);
  if (!summary.capped_warning.empty()) ui::text_colored(theme::kWarning, summary.capped_warning);
  if (!summary.approximate.empty()) ui::text_wrapped_colored(theme::kMuted, summary.approximate);
  if (!summary.any_project_viewable && !state.account->projects.empty())
    ui::text_colored(theme::kWarning, "No project is viewable, so nothing inside a project is either: allow viewProject on Projects.");
  // The words beside the matrix when the part is wide enough for both, else above it.
  const float words_width = ImGui::GetFontSize() * 26;
  const float matrix_width = matrix_width_wanted(state);
  const bool words_beside = ImGui::GetContentRegionAvail().x >= matrix_width + words_width;
  if (!words_beside) draw_allowances(summary.allowances, false);

  for (const char* type : {"flag", "segment", "env", "proj", "account"}) {
    const std::string title = type == std::string("account") ? "Account" : std::string(core::policy::find_resource_type(type)->title);
    if (ui::radio_button(title + "##matrix-type", matrix_type_ == type)) {
      matrix_type_ = type;
      state.selected_cell.reset();
    }
    ImGui::SameLine();
  }
  if (matrix_type_ != "account" && ImGui::Checkbox("every action", &every_action_)) {
    opened_kinds_.clear();
    state.selected_cell.reset();
    ++columns_version_;
  }
  if (ImGui::IsItemHovered()) ui::tooltip("A column per action; else a column per kind of action (click a kind to open it)");
  if (words_beside) {
    const ImVec2 top = ImGui::GetCursorScreenPos();
    draw_matrix(session, state, matrix_width);
    const float bottom = ImGui::GetCursorScreenPos().y;
    ImGui::SetCursorScreenPos(ImVec2(top.x + matrix_width + ImGui::GetStyle().ItemSpacing.x, top.y));
    ImGui::BeginGroup();
    draw_allowances(summary.allowances, true);
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(ImVec2(top.x, std::max(bottom, ImGui::GetItemRectMax().y + ImGui::GetStyle().ItemSpacing.y)));
  } else {
    draw_matrix(session, state, ImGui::GetContentRegionAvail().x);
  }

  if (state.selected_cell) {
    ui::text_wrapped_said(state.cell_title);
    for (const auto& example : state.cell_examples) {
      if (!example.heading.empty()) ui::text_colored(theme::kMuted, example.heading);
      for (const auto& reason : example.reasons) ui::text_wrapped("- " + reason);
    }
  }
}

// What it allows per resource type in words, the first few lines and the rest on request: the matrix keeps its
// room. Above the matrix in a short preview part (a long draft above it), the words fold to their first line.
void PreviewPanel::draw_allowances(const core::preview::Allowances& allowances, bool beside_matrix) {
  const float line = ImGui::GetTextLineHeightWithSpacing();
  std::size_t lines_folded = beside_matrix || ImGui::GetContentRegionAvail().y >= line * kRoomForEveryPart ? 4 : 1;
  if (allowances.lines.size() == lines_folded + 1) ++lines_folded;  // the line takes the room its toggle would
  ui::text_wrapped(allowances.reads);
  if (allowances.lines.empty()) ui::text_wrapped("Changes nothing: no action is allowed.");
  const std::size_t shown = all_allowances_shown_ ? allowances.lines.size() : std::min(lines_folded, allowances.lines.size());
  for (std::size_t i = 0; i < shown; ++i) ui::text_wrapped(allowances.lines[i].text);
  if (allowances.lines.size() <= lines_folded) return;
  const std::string toggle = all_allowances_shown_ ? "Show fewer##allowances"
                                                   : "and " + std::to_string(allowances.lines.size() - lines_folded) +
                                                         " more types: show them##allowances";
  if (ImGui::SmallButton(toggle.c_str())) all_allowances_shown_ = !all_allowances_shown_;
}

// A grid of groups × actions. The account tab holds account-level resources (members, roles, tokens, the
// account itself), whose rows have different actions: shorter rows end in blank cells. A group of flags,
// segments, roles or teams opens into a row per resource. Only the row order is kept per preview and
// tab; labels, counts and cells are made for the rows in sight, frame by frame, so a tab of 50,000 rows
// (1,000 projects × 50 environments, or one project's 5,000 flags opened) costs what a tab of 20 does.
void PreviewPanel::build_matrix_view(State& state) {
  const std::string& type = matrix_type_;
  MatrixView view;
  view.type = type;
  view.columns_version = columns_version_;
  const bool account_tab = type == "account";
  for (std::size_t g = 0; g < state.preview->groups().size(); ++g) {
    const auto& group = state.preview->groups()[g];
    if (account_tab ? group.project >= 0 : group.type != type) continue;
    view.rows.push_back({g, std::nullopt});
    view.columns = std::max(view.columns, static_cast<int>(group.cells.size()));
    if (opens(group) && state.opened_groups.contains(group_key(state, g)))
      for (std::size_t r = 0; r < group.resources; ++r) view.rows.push_back({g, r});
  }
  if (!account_tab && !view.rows.empty()) {  // one type: its columns by kind
    view.kind_columns = matrix_columns(core::preview::Preview::actions_of(type), every_action_, opened_kinds_);
    view.columns = static_cast<int>(view.kind_columns.size());
    for (const auto& column : view.kind_columns) view.column_labels.push_back(column.label);
    state.matrix_view = std::move(view);
    return;
  }
  state.matrix_view = std::move(view);
  MatrixView& built = *state.matrix_view;
  for (int c = 0; c < built.columns; ++c) {  // the widest row's actions
    std::string label;
    for (std::size_t r = 0; r < built.rows.size() && label.empty(); ++r) label = action_of(state, r, c);
    built.column_labels.push_back(label);
  }
}

void PreviewPanel::show_columns(bool every_action, const std::vector<core::policy::ActionKind>& opened_kinds) {
  every_action_ = every_action;
  opened_kinds_ = {opened_kinds.begin(), opened_kinds.end()};
  ++columns_version_;
}

// A kind opened shows a column per action; closed, one column sums them up.
void PreviewPanel::toggle_kind(State& state, core::policy::ActionKind kind) {
  if (every_action_) {  // every kind is open: this one closes, the others stay open
    every_action_ = false;
    for (core::policy::ActionKind other : core::policy::every_kind()) opened_kinds_.insert(other);
  }
  if (!opened_kinds_.erase(kind)) opened_kinds_.insert(kind);
  state.selected_cell.reset();
  ++columns_version_;  // the rows are built again on the next frame
}

std::string PreviewPanel::group_name(const State& state, std::size_t group_index) {
  return core::preview::place_of(*state.account, state.preview->groups()[group_index]);
}

std::string PreviewPanel::group_key(const State& state, std::size_t group) {
  return state.preview->groups()[group].type + " " + group_name(state, group);
}

// The resource's own key; "*" is the stand-in for flags or segments not read (yet).
std::string PreviewPanel::resource_key(const State& state, const MatrixRow& row) {
  std::string key = state.preview->resource(*state.account, row.group, *row.resource).segments().back().key;
  if (key != "*") return key;
  const std::string& type = state.preview->groups()[row.group].type;
  return "* (any " + std::string(type == "segment" ? "segment" : type == "flag" ? "flag" : type) + ": not read)";
}

std::string PreviewPanel::row_label(const State& state, std::size_t row_index) {
  const MatrixRow& row = state.matrix_view->rows[row_index];
  if (row.resource) return resource_key(state, row);
  const auto& group = state.preview->groups()[row.group];
  return group_name(state, row.group) +
         (group.project < 0 && group.resources > 1 ? " (" + std::to_string(group.resources) + ")" : "");
}

std::string PreviewPanel::row_path(const State& state, std::size_t row_index) {
  const MatrixRow& row = state.matrix_view->rows[row_index];
  if (!row.resource) return row_label(state, row_index);
  return group_name(state, row.group) + " / " + resource_key(state, row);
}

// "allowed/actions × resources"
std::string PreviewPanel::row_allowed(const State& state, std::size_t row_index) const {
  const MatrixRow& row = state.matrix_view->rows[row_index];
  const auto& group = state.preview->groups()[row.group];
  std::uint64_t allowed = 0;
  if (row.resource) {
    for (std::size_t a = 0; a < group.cells.size(); ++a) allowed += state.preview->state(row.group, *row.resource, a) == CellState::Allowed;
    return std::to_string(allowed) + "/" + std::to_string(group.cells.size());
  }
  for (const auto& cell : group.cells) allowed += cell.allowed;
  return std::to_string(allowed) + "/" + std::to_string(group.cells.size() * group.resources);
}

// A cell of one action, or of a kind's actions together: the same state when they all have it, else partly allowed.
CellShade PreviewPanel::row_shade(const State& state, std::size_t row_index, std::size_t column) const {
  const MatrixView& view = *state.matrix_view;
  const MatrixRow& row = view.rows[row_index];
  const auto& group = state.preview->groups()[row.group];
  auto shade = [&](std::size_t action) {
    if (action >= group.cells.size()) return CellShade::None;
    if (!row.resource) return shade_of(group, action);
    return static_cast<CellShade>(state.preview->state(row.group, *row.resource, action));
  };
  if (view.kind_columns.empty()) return shade(column);
  const auto& actions = view.kind_columns[column].actions;
  const CellShade first = shade(actions.front());
  for (std::size_t a = 1; a < actions.size(); ++a)
    if (shade(actions[a]) != first) return CellShade::Partial;
  return first;
}

std::string PreviewPanel::action_of(const State& state, std::size_t row, int column) const {
  const MatrixView& view = *state.matrix_view;
  if (!view.kind_columns.empty()) return view.kind_columns[static_cast<std::size_t>(column)].label;
  const auto actions = core::preview::Preview::actions_of(state.preview->groups()[view.rows[row].group].type);
  return column < static_cast<int>(actions.size()) ? std::string(actions[column]) : "";
}

// A group row that opens is a selectable with an arrow (click or Enter opens and closes it); a resource's row is
// its key, indented under its group.
void PreviewPanel::draw_row_label(State& state, std::size_t row_index, float x, float y, float width) {
  const MatrixRow& row = state.matrix_view->rows[row_index];
  const auto& group = state.preview->groups()[row.group];
  const float arrow = ImGui::GetFontSize();
  const std::string label = row_label(state, row_index);
  ImGui::PushClipRect(ImVec2(x, y), ImVec2(x + width, y + ImGui::GetTextLineHeightWithSpacing()), true);
  if (row.resource) {
    ImGui::SetCursorScreenPos(ImVec2(x + arrow * 1.5f, y));
    ui::text(label);
  } else if (!opens(group)) {
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ui::text(label);
  } else {
    const std::string key = group_key(state, row.group);
    const bool open = state.opened_groups.contains(key);
    const float size = ImGui::GetFontSize() * 0.5f;
    const ImVec2 centre(x + arrow * 0.5f, y + ImGui::GetTextLineHeight() * 0.5f);
    const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text);
    if (open)
      ImGui::GetWindowDrawList()->AddTriangleFilled(ImVec2(centre.x - size * 0.5f, centre.y - size * 0.3f),
                                                    ImVec2(centre.x + size * 0.5f, centre.y - size * 0.3f),
                                                    ImVec2(centre.x, centre.y + size * 0.5f), colour);
    else
      ImGui::GetWindowDrawList()->AddTriangleFilled(ImVec2(centre.x - size * 0.3f, centre.y - size * 0.5f),
                                                    ImVec2(centre.x + size * 0.5f, centre.y),
                                                    ImVec2(centre.x - size * 0.3f, centre.y + size * 0.5f), colour);
    ImGui::SetCursorScreenPos(ImVec2(x + arrow, y));
    if (ImGui::Selectable((label + "##open-row").c_str(), false, ImGuiSelectableFlags_None, ImVec2(width - arrow, 0))) {
      if (open) state.opened_groups.erase(key);
      else state.opened_groups.insert(key);
      state.matrix_view->type.clear();  // built again, with or without the group's resources, on the next frame
    }
  }
  ImGui::PopClipRect();
}

// The tab's rows, built once per preview and tab, and their labels' widths, measured once per font size.
PreviewPanel::MatrixView& PreviewPanel::prepared_matrix_view(State& state) {
  if (!state.matrix_view || state.matrix_view->type != matrix_type_ || state.matrix_view->columns_version != columns_version_)
    build_matrix_view(state);
  MatrixView& view = *state.matrix_view;
  const int row_count = static_cast<int>(view.rows.size());
  const ImGuiStyle& style = ImGui::GetStyle();
  if (view.label_width_font != ImGui::GetFontSize()) {  // measured again when the pixel ratio changes
    float label_width = 0, count_width = 0;
    for (int r = 0; r < row_count && r < 2000; ++r) {  // long tails share the first rows' width
      const float indent = view.rows[static_cast<std::size_t>(r)].resource ? 1.5f : 1.0f;
      label_width = std::max(label_width, ImGui::GetFontSize() * indent + ImGui::CalcTextSize(row_label(state, r).c_str()).x);
      count_width = std::max(count_width, ImGui::CalcTextSize(row_allowed(state, r).c_str()).x);
    }
    view.label_width = label_width + style.ItemSpacing.x;
    view.count_width = count_width + style.ItemSpacing.x * 2;
    view.label_width_font = ImGui::GetFontSize();
  }
  return view;
}

// How wide the matrix is with cells of full size.
float PreviewPanel::matrix_width_wanted(State& state) {
  const MatrixView& view = prepared_matrix_view(state);
  return view.label_width + ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(view.columns) + view.count_width +
         ImGui::GetStyle().ScrollbarSize + ImGui::GetStyle().ItemSpacing.x * 2;
}

void PreviewPanel::draw_matrix(Session& session, State& state, float width_limit) {
  MatrixView& view = prepared_matrix_view(state);
  const int row_count = static_cast<int>(view.rows.size());
  if (row_count == 0 || view.columns == 0) return;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  // A long flag key is cut rather than squeezing the matrix: labels take what full-size cells leave, or 35%.
  const float cells_whole = matrix_width_wanted(state) - view.label_width;
  const float label_width = std::min(view.label_width, std::max(width_limit * 0.35f, width_limit - cells_whole));
  const float available = width_limit - label_width - view.count_width - style.ScrollbarSize;
  const float cell_width = std::clamp(available / static_cast<float>(view.columns), 4.0f, line);
  const float width = cell_width * static_cast<float>(view.columns);
  if (view.kind_columns.empty()) {
    ui::text_colored(theme::kMuted, "Each row has its own actions: hover a cell for its name.");
  } else if (auto kind = draw_matrix_header(view.kind_columns, core::preview::Preview::actions_of(view.type),
                                            ImGui::GetCursorScreenPos().x + label_width, cell_width)) {
    toggle_kind(state, *kind);  // its columns change from the next frame
  }
  // Tall enough for the demo account whole; larger accounts scroll inside it. Room is left below for a
  // clicked cell's reasons.
  const float reserve = state.selected_cell ? line * 6 : line;
  const float visible_height =
      std::clamp(std::min(line * static_cast<float>(row_count), ImGui::GetContentRegionAvail().y - reserve), line * 4,
                 line * static_cast<float>(row_count) + 1);
  ImGui::BeginChild("##matrix-rows", ImVec2(width_limit, visible_height), ImGuiChildFlags_None);
  const float scroll = ImGui::GetScrollY();
  const int first = std::clamp(static_cast<int>(scroll / line), 0, row_count - 1);
  const int last = std::min(row_count, first + static_cast<int>(visible_height / line) + 2);
  const ImVec2 top = ImGui::GetCursorScreenPos();  // row 0, scrolled
  std::vector<std::string> paths;  // "checkout / qa / kill-payments": the test hook's and the tooltip's row names
  std::vector<CellShade> cells(static_cast<std::size_t>((last - first) * view.columns), CellShade::None);
  for (int r = first; r < last; ++r) {
    const float y = top.y + line * static_cast<float>(r);
    paths.push_back(row_path(state, static_cast<std::size_t>(r)));
    draw_row_label(state, static_cast<std::size_t>(r), top.x, y, label_width - style.ItemSpacing.x);
    ImGui::SetCursorScreenPos(ImVec2(top.x + label_width + width + style.ItemSpacing.x * 2, y));
    ui::text_colored(theme::kMuted, row_allowed(state, static_cast<std::size_t>(r)));
    for (int a = 0; a < view.columns; ++a)
      cells[static_cast<std::size_t>((r - first) * view.columns + a)] = row_shade(state, static_cast<std::size_t>(r), static_cast<std::size_t>(a));
  }
  if (uploaded_cells_ != cells || matrix_.columns() != view.columns) {
    matrix_.upload(view.columns, last - first, cells);
    uploaded_cells_ = cells;
  }
  const ImVec2 matrix_origin(top.x + label_width, top.y + line * static_cast<float>(first));
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
      ui::tooltip(action_of(state, row, hover_column) + " on " + paths[static_cast<std::size_t>(hover_row)] + ": " +
                  shade_name(shade) + " (click for why)");
      if (ImGui::IsItemClicked()) {
        if (view.kind_columns.empty()) explain_cell(session, state, view.rows[row], static_cast<std::size_t>(hover_column));
        else if (const auto& column = view.kind_columns[static_cast<std::size_t>(hover_column)]; column.actions.size() == 1)
          explain_cell(session, state, view.rows[row], column.actions.front());
        else explain_kind_cell(state, view.rows[row], column);
      }
    }
  }
  matrix_.draw(ImGui::GetWindowDrawList(), matrix_origin.x, matrix_origin.y, width, height, hover_column, hover_row);
  draw_kind_gaps(view.kind_columns, matrix_origin.x, matrix_origin.y, cell_width, height);

  std::vector<int> states;
  for (CellShade shade : cells) states.push_back(static_cast<int>(shade));
  std::vector<std::string> state_names;
  for (auto shade : {CellShade::Denied, CellShade::Allowed, CellShade::Capped, CellShade::Partial, CellShade::None})
    state_names.emplace_back(shade_name(shade));
  frame_items::record_matrix({view.type, matrix_origin.x, matrix_origin.y, cell_width, line, std::move(paths),
                              view.column_labels, std::move(states), first, row_count, std::move(state_names)});
  ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + line * static_cast<float>(row_count)));
  ImGui::Dummy(ImVec2(0, 0));
  ImGui::EndChild();
}

}  // namespace wasm::panels
