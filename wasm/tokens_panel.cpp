// The tokens table (sortable, filterable, paged through the API) and the selected token's management.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <ctime>
#include <map>

#include "console_app.hpp"
#include "core/api/token_preview.hpp"
#include "core/policy/subject_json.hpp"
#include "test_hook.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {
namespace {

// "2026-12-06 15:04 your time (06:04 UTC)": the browser's time zone, which Emscripten's localtime follows.
std::string local_and_utc(long long millis) {
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  char local[40], utc[40];
  std::strftime(local, sizeof(local), "%Y-%m-%d %H:%M", std::localtime(&seconds));
  std::strftime(utc, sizeof(utc), "%Y-%m-%d %H:%M", std::gmtime(&seconds));
  return std::string(local) + " your time (" + utc + " UTC)";
}

// For the table, in the browser's time zone: "Dec 6 15:04" this year, "2025-12-06" before (the tooltip and the
// selected token say the rest).
std::string short_date_of(long long millis) {
  if (millis <= 0) return "never";
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000), now = std::time(nullptr);
  std::tm when = *std::localtime(&seconds);
  const int this_year = std::localtime(&now)->tm_year;
  char text[32];
  if (when.tm_year != this_year) {
    std::strftime(text, sizeof(text), "%Y-%m-%d", &when);
    return text;
  }
  std::strftime(text, sizeof(text), "%b ", &when);
  std::string shown = text + std::to_string(when.tm_mday);
  std::strftime(text, sizeof(text), " %H:%M", &when);
  return shown + text;
}

std::string date_of(long long millis) { return millis <= 0 ? "never" : local_and_utc(millis); }

// A table cell's text, whole in a tooltip when the column is too narrow for it.
void cell_text(const std::string& text) {
  const float width = ImGui::GetContentRegionAvail().x;
  ui::text(text);
  if (ImGui::GetItemRectSize().x > width && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenOverlappedByItem))
    ImGui::SetTooltip("%s", text.c_str());
}

// A date cell: short, with the date in full (local and UTC) on hover.
void date_cell(long long millis) {
  ui::text(short_date_of(millis));
  if (millis > 0 && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenOverlappedByItem))
    ImGui::SetTooltip("%s", local_and_utc(millis).c_str());
}

bool contains_folded(const std::string& haystack, const std::string& needle) {
  if (needle.empty()) return true;
  auto lower = [](std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
  };
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

}  // namespace

// The list read before stays shown until the new one is whole; the selection follows its token.
void ConsoleApp::load_tokens() {
  session_->load_tokens([this](const std::vector<core::api::Token>& before) {
    const int selected = view_.selected_token;
    const std::string selected_id = selected >= 0 && selected < static_cast<int>(before.size()) ? before[selected].id : "";
    view_.selected_token = -1;
    for (std::size_t i = 0; i < session_->tokens.size() && !selected_id.empty(); ++i)
      if (session_->tokens[i].id == selected_id) view_.selected_token = static_cast<int>(i);
    view_.token_order_dirty = true;
    if (view_.preview_shows_token) mark_preview_dirty();  // the selected token may have changed, or gone
  });
}

// The rows shown: the filter's matches in the chosen order. Worked out when the list, the filter or the
// sort changes, never per frame (10,000 tokens sorted every frame would cost the frame rate).
void ConsoleApp::order_tokens() {
  view_.token_order_dirty = false;
  view_.token_order.clear();
  for (int i = 0; i < static_cast<int>(session_->tokens.size()); ++i) {
    const auto& token = session_->tokens[i];
    if (contains_folded(token.name + " " + token.owner_email + " " + token.scope_summary(), token_filter_)) view_.token_order.push_back(i);
  }
  const ImGuiTableColumnSortSpecs spec = token_sort_;
  auto text_key = [&](const core::api::Token& t) -> std::string {
    switch (spec.ColumnIndex) {
      case 1: return t.service ? "service" : "personal";
      case 2: return t.owner_email;
      case 3: return t.scope_summary();
      default: return t.name;
    }
  };
  auto number_key = [&](const core::api::Token& t) { return spec.ColumnIndex == 4 ? t.creation_date : t.last_used; };
  const bool by_number = spec.ColumnIndex == 4 || spec.ColumnIndex == 5;
  std::vector<std::string> texts(by_number ? 0 : session_->tokens.size());
  if (!by_number)
    for (int i : view_.token_order) texts[i] = text_key(session_->tokens[i]);
  const bool descending = spec.SortDirection == ImGuiSortDirection_Descending;
  std::stable_sort(view_.token_order.begin(), view_.token_order.end(), [&](int a, int b) {
    if (descending) std::swap(a, b);
    return by_number ? number_key(session_->tokens[a]) < number_key(session_->tokens[b]) : texts[a] < texts[b];
  });
}

void ConsoleApp::select_token(int index) {
  view_.selected_token = index;
  view_.rescope_diff.reset();
  view_.rescope_problem.clear();
  view_.manage_message.clear();
  view_.manage_state = {};
  view_.preview_shows_token = index >= 0;  // its own preview, read-only
  mark_preview_dirty();
  if (index >= 0) {
    rename_text_ = session_->tokens[index].name;
    describe_text_ = session_->tokens[index].description;
  }
}

void ConsoleApp::draw_tokens_panel() {
  ui::text("Tokens");
  ImGui::SameLine();
  if (view_.token_order_dirty) order_tokens();
  std::string status = std::to_string(session_->tokens.size()) + " listed";
  if (!token_filter_.empty()) status = std::to_string(view_.token_order.size()) + " of " + status + " match the filter";
  const std::string progress = std::to_string(session_->token_pages_received) + " of " + std::to_string(session_->token_pages_wanted) + " pages";
  if (session_->tokens_state.waiting_to_retry()) status += ", paused at " + progress + " by the rate limit";
  else if (session_->tokens_state.loading) status += ", loading " + progress + "...";
  ui::text_colored(theme::kMuted, status);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  if (ImGui::InputTextWithHint("##filter", "Filter by name, owner, scope", &token_filter_)) view_.token_order_dirty = true;
  if (session_->member_is_admin()) {
    ImGui::SameLine();
    if (ImGui::Checkbox("Show all members' tokens", &session_->all_members_tokens)) load_tokens();
  }
  show_error(session_->tokens_state, "Retry##tokens", &ConsoleApp::load_tokens);

  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
  const float table_height = ImGui::GetContentRegionAvail().y * 0.55f;
  if (ImGui::BeginTable("tokens", 7, flags, ImVec2(0, table_height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    // Short columns fit their header and content whole (fixed, not resizable: ImGui fits them to what they
    // hold); name, owner and scope share the rest, with the whole text on hover when it does not fit.
    constexpr ImGuiTableColumnFlags kFitted = ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoResize;
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("Kind", kFitted);
    ImGui::TableSetupColumn("Owner", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn("Scope", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Created", kFitted);
    ImGui::TableSetupColumn("Last used", kFitted);
    ImGui::TableSetupColumn("Ends in", ImGuiTableColumnFlags_NoSort | kFitted);
    ui::table_headers_row();
    if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort != nullptr && sort->SpecsDirty) {
      token_sort_ = sort->SpecsCount > 0 ? sort->Specs[0] : ImGuiTableColumnSortSpecs{};
      sort->SpecsDirty = false;
      view_.token_order_dirty = true;
    }
    if (view_.token_order_dirty) order_tokens();
    const std::vector<int>& order = view_.token_order;
    ImGuiListClipper clipper;  // smooth with thousands of rows: only visible rows are laid out
    clipper.Begin(static_cast<int>(order.size()));
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        const int i = order[row];
        const auto& token = session_->tokens[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string label = (token.name.empty() ? "(unnamed)" : token.name) + "##token-" + token.id;
        const float name_width = ImGui::GetContentRegionAvail().x;
        const float name_right = ImGui::GetCursorScreenPos().x + name_width;
        if (ImGui::Selectable(label.c_str(), view_.selected_token == i, ImGuiSelectableFlags_SpanAllColumns)) select_token(i);
        if (ImGui::IsItemHovered() && ImGui::GetMousePos().x < name_right && ImGui::CalcTextSize(token.name.c_str()).x > name_width)
          ImGui::SetTooltip("%s", token.name.c_str());
        ImGui::TableNextColumn();
        ui::text(token.service ? "service" : "personal");
        ImGui::TableNextColumn();
        cell_text(token.owner_email);
        ImGui::TableNextColumn();
        cell_text(token.scope_summary());
        ImGui::TableNextColumn();
        date_cell(token.creation_date);
        ImGui::TableNextColumn();
        date_cell(token.last_used);
        ImGui::TableNextColumn();
        ui::text("..." + token.ending);
      }
    }
    ImGui::EndTable();
  }
  if (ImGui::SmallButton("Refresh")) load_tokens();
  ImGui::Separator();
  draw_token_manager();
}

void ConsoleApp::draw_token_manager() {
  if (view_.selected_token < 0 || view_.selected_token >= static_cast<int>(session_->tokens.size())) {
    ui::text_colored(theme::kMuted, "Select a token to rename, reset or delete it.");
    return;
  }
  const core::api::Token token = session_->tokens[view_.selected_token];
  ui::text("Selected: " + token.name + " (" + token.scope_summary() + ", ends in ..." + token.ending + ")");
  ui::text_wrapped_colored(theme::kMuted, "created " + date_of(token.creation_date) + "; last used " + date_of(token.last_used));
  ImGui::InputText("New name##manage", &rename_text_);
  ImGui::InputText("New description##manage", &describe_text_);
  ImGui::BeginDisabled(view_.manage_state.loading || (rename_text_ == token.name && describe_text_ == token.description));
  if (ImGui::Button("Save name and description")) {
    send_token_write(core::api::update_token_text(token, rename_text_, describe_text_), "\"" + token.name + "\" was saved.",
                     "\"" + token.name + "\" was not saved", [this] { view_.manage_message = "Saved."; });
  }
  ImGui::EndDisabled();

  if (!token.service) {
    if (ImGui::Button("Compare with the draft's scope")) compare_rescope(token);
    if (!view_.rescope_problem.empty()) ui::text_wrapped_colored(theme::kWarning, view_.rescope_problem);
    if (view_.rescope_diff) {
      ImGui::SameLine();
      ui::text("the draft's scope gains " + std::to_string(view_.rescope_diff->first) + " actions, loses " +
               std::to_string(view_.rescope_diff->second));
      constexpr std::size_t kLinesShown = 12;
      for (std::size_t i = 0; i < view_.rescope_lines.size() && i < kLinesShown; ++i)
        ui::text_wrapped_colored(view_.rescope_lines[i][0] == '+' ? theme::kGood : theme::kError, view_.rescope_lines[i]);
      if (view_.rescope_lines.size() > kLinesShown)
        ui::text_colored(theme::kMuted, "and " + std::to_string(view_.rescope_lines.size() - kLinesShown) + " more changes");
      if (ImGui::Button("Apply the draft's scope")) {
        auto request = core::api::update_token_scope(token, draft_);
        if (!request) {
          view_.manage_state = Loadable::failed(core::api::ApiError{0, "invalid_draft", request.error().describe()});
        } else {
          send_token_write(request.value(), "\"" + token.name + "\" has the new scope.",
                           "\"" + token.name + "\" kept its scope", [this] {
                             view_.manage_message = "Scope changed.";
                             view_.rescope_diff.reset();
                           });
        }
      }
    }
  }

  ImGui::SetNextItemWidth(120);
  ImGui::InputInt("hours the old secret keeps working", &reset_grace_hours_);
  reset_grace_hours_ = std::clamp(reset_grace_hours_, 0, 24 * 30);
  if (ImGui::Button("Reset secret")) ImGui::OpenPopup("Reset this token's secret?");
  if (ImGui::BeginPopupModal("Reset this token's secret?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    const long long now = static_cast<long long>(std::time(nullptr)) * 1000;
    const long long expiry = reset_grace_hours_ > 0 ? now + reset_grace_hours_ * 3'600'000LL : 0;
    ui::text("\"" + token.name + "\" gets a new secret.");
    ui::text(expiry == 0 ? std::string("The old secret stops working at once: whatever uses it fails until given the new one.")
                         : "The old secret keeps working for " + std::to_string(reset_grace_hours_) + " hours, until " +
                               local_and_utc(expiry) + ".");
    ui::text(token.member_id == session_->member->id
                 ? std::string("The new secret is shown to you once.")
                 : "Only " + token.owner_email + " can see a new secret: you will not. They reset it themselves to get one.");
    if (ImGui::Button("Reset it")) {
      reset_secret(token, expiry);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel##reset") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Delete token")) ImGui::OpenPopup("Delete this token?");
  if (ImGui::BeginPopupModal("Delete this token?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ui::text("\"" + token.name + "\" stops working at once. This cannot be undone.");
    if (ImGui::Button("Delete")) {
      send_token_write(core::api::delete_token(token.id), "\"" + token.name + "\" was deleted.",
                       "\"" + token.name + "\" was not deleted", [this] {
                         view_.manage_message = "Deleted.";
                         view_.selected_token = -1;
                       });
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  show_error(view_.manage_state);
  if (!view_.manage_message.empty()) ui::text_colored(theme::kGood, view_.manage_message);
}

// Rotates the secret; the old one works until `expiry` (ms since the epoch; 0: stops at once).
void ConsoleApp::reset_secret(const core::api::Token& token, long long expiry) {
  view_.manage_state = Loadable::busy();
  // The old secret may be rotated whatever the person clicks meanwhile: the new one is shown even after
  // acting as someone else.
  session_->api.send(core::api::reset_token(token.id, expiry), write_answer([this, owner = session_->member_name(), name = token.name](
                                                          ApiResult result, bool same_session) {
    auto reset = result.ok() ? std::optional(core::api::parse_token(result.body)) : std::nullopt;
    // The API gives the new secret to the token's own member only; to anyone else it sends the last four.
    const bool got_secret = reset && *reset && (*reset)->ending.size() > 4;
    if (got_secret) show_secret_once((*reset)->ending, owner);
    if (!same_session)
      return tell_elsewhere(Loadable::done(result), owner + ": the secret of \"" + name + "\" was reset.",
                            owner + ": the secret of \"" + name + "\" was not reset");
    view_.manage_state = Loadable::done(result);
    if (!result.ok()) return;
    if (got_secret) {
      view_.manage_message = "Reset. The new secret was shown once.";
    } else {
      view_.manage_message = "Rotated. The old secret stops working as the grace period ends; only the token's own "
                        "member can get a new secret, by resetting it themselves.";
    }
    load_tokens();
  }));
}

// A write on the selected token. While this Session is current its outcome is shown under the token; after a
// switch it is told under the header, with whose token it was.
void ConsoleApp::send_token_write(const core::api::ApiRequest& request, std::string done, std::string not_done,
                                  std::function<void()> done_here) {
  view_.manage_state = Loadable::busy();
  view_.manage_message.clear();
  const std::string whose = session_->member_name() + ": ";
  session_->api.send(request, write_answer([this, done = whose + done, not_done = whose + not_done,
                                            done_here = std::move(done_here)](ApiResult result, bool same_session) {
    const Loadable outcome = Loadable::done(result);
    if (!same_session) return tell_elsewhere(outcome, done, not_done);
    view_.manage_state = outcome;
    if (!result.ok()) return;
    done_here();
    load_tokens();
  }));
}

// Before/after: the selected token's scope against the draft's, over the same account, both capped by the
// token's own member (a token is never more than its member, whoever compares it).
void ConsoleApp::compare_rescope(const core::api::Token& token) {
  view_.rescope_diff.reset();
  view_.rescope_problem.clear();
  if (!session_->member || !session_->account) return;
  auto members = members_to_judge(token, view_.rescope_problem);
  if (!members) return;
  auto before = core::api::existing_token_subject(token, *members, session_->roles);
  if (!before) {
    view_.rescope_problem = "Cannot compare: " + before.error().describe();
    return;
  }
  auto after = core::api::draft_subject(draft_, *before->owner, session_->roles);
  if (!after) {
    view_.rescope_problem = "Cannot compare: the draft: " + after.error().describe();
    return;
  }
  auto before_evaluator = core::policy::parse_subject(before->subject, "", core::policy::default_semantics());
  auto after_evaluator = core::policy::parse_subject(after.value(), "", core::policy::default_semantics());
  if (!before_evaluator || !after_evaluator) return;
  const auto after_preview = core::preview::compute_preview(*session_->account, after_evaluator.value(), token.member_id);
  const auto before_preview = core::preview::compute_preview(*session_->account, before_evaluator.value(), token.member_id);
  const auto diff = core::preview::diff_previews(*session_->account, before_preview, after_preview);
  view_.rescope_diff = std::pair{diff.gained, diff.lost};
  // Per resource type, which actions are gained and lost: "+ Flags: updateOn, updateTargets and 41 more".
  struct Change {
    std::vector<std::string> gained, lost;
  };
  std::map<std::string, Change> changes;  // by type
  for (const auto& entry : diff.entries) {
    const auto& group = after_preview.groups()[entry.group];
    const std::string action(core::preview::Preview::actions_of(group.type)[entry.action]);
    auto& change = changes[group.type];
    for (auto [count, list] : {std::pair{entry.gained, &change.gained}, std::pair{entry.lost, &change.lost}})
      if (count > 0 && std::find(list->begin(), list->end(), action) == list->end()) list->push_back(action);
  }
  view_.rescope_lines.clear();
  auto line = [](char sign, const std::string& title, const std::vector<std::string>& actions) {
    constexpr std::size_t kNamed = 3;
    std::string text = std::string(1, sign) + " " + title + ": ";
    for (std::size_t i = 0; i < actions.size() && i < kNamed; ++i) text += (i > 0 ? ", " : "") + actions[i];
    if (actions.size() > kNamed) text += " and " + std::to_string(actions.size() - kNamed) + " more";
    return text;
  };
  for (const auto& [type, change] : changes) {
    const auto* info = core::policy::find_resource_type(type);
    const std::string title = info ? std::string(info->title) : type;
    if (!change.gained.empty()) view_.rescope_lines.push_back(line('+', title, change.gained));
    if (!change.lost.empty()) view_.rescope_lines.push_back(line('-', title, change.lost));
  }
}

}  // namespace wasm
