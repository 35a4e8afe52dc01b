// The selected token's management: rename, re-scope against the draft, reset, delete.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <ctime>
#include <map>

#include "console_app.hpp"
#include "dates.hpp"
#include "core/api/token_preview.hpp"
#include "core/policy/subject_json.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {

// The list read before stays shown until the new one is whole; the selection follows its token.
void ConsoleApp::load_tokens() {
  session_->load_tokens([this](const std::vector<core::api::Token>& before) {
    const int selected = view_.selected_token;
    const std::string selected_id = selected >= 0 && selected < static_cast<int>(before.size()) ? before[selected].id : "";
    view_.selected_token = -1;
    for (std::size_t i = 0; i < session_->tokens.size() && !selected_id.empty(); ++i)
      if (session_->tokens[i].id == selected_id) view_.selected_token = static_cast<int>(i);
    if (view_.preview_shows_token) mark_preview_dirty();  // the selected token may have changed, or gone
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
        auto request = core::api::update_token_scope(token, draft_.draft);
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
  auto after = core::api::draft_subject(draft_.draft, *before->owner, session_->roles);
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
