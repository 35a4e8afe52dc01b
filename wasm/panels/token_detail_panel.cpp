#include "wasm/panels/token_detail_panel.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <ctime>
#include <map>

#include "core/api/token_creation.hpp"
#include "core/api/token_preview.hpp"
#include "core/policy/subject_json.hpp"
#include "core/preview/preview.hpp"
#include "wasm/dates.hpp"
#include "wasm/ui_text.hpp"
#include "wasm/ui_theme.hpp"

namespace wasm::panels {
namespace {

// Per resource type, which actions the draft's scope gains and loses: "+ Flags: updateOn, updateTargets and 41 more".
std::vector<std::string> change_lines(const core::preview::Preview& after, const core::preview::PreviewDiff& diff) {
  struct Change {
    std::vector<std::string> gained, lost;
  };
  std::map<std::string, Change> changes;  // by type
  for (const auto& entry : diff.entries) {
    const auto& group = after.groups()[entry.group];
    const std::string action(core::preview::Preview::actions_of(group.type)[entry.action]);
    auto& change = changes[group.type];
    for (auto [count, list] : {std::pair{entry.gained, &change.gained}, std::pair{entry.lost, &change.lost}})
      if (count > 0 && std::find(list->begin(), list->end(), action) == list->end()) list->push_back(action);
  }
  auto line = [](char sign, const std::string& title, const std::vector<std::string>& actions) {
    constexpr std::size_t kNamed = 3;
    std::string text = std::string(1, sign) + " " + title + ": ";
    for (std::size_t i = 0; i < actions.size() && i < kNamed; ++i) text += (i > 0 ? ", " : "") + actions[i];
    if (actions.size() > kNamed) text += " and " + std::to_string(actions.size() - kNamed) + " more";
    return text;
  };
  std::vector<std::string> lines;
  for (const auto& [type, change] : changes) {
    const auto* info = core::policy::find_resource_type(type);
    const std::string title = info ? std::string(info->title) : type;
    if (!change.gained.empty()) lines.push_back(line('+', title, change.gained));
    if (!change.lost.empty()) lines.push_back(line('-', title, change.lost));
  }
  return lines;
}

}  // namespace

// Selecting another token starts afresh, with its name and description to edit.
TokenDetailPanel::State& TokenDetailPanel::state_for(const Session& session, const core::api::Token& token) {
  State& state = state_.of(session);
  if (state.token_id != token.id) {
    state = State{};
    state.token_id = token.id;
    state.rename_text = token.name;
    state.describe_text = token.description;
  }
  return state;
}

void TokenDetailPanel::draw(Context& context) {
  const Session& session = *context.session;
  const core::api::Token* selected = context.selection.token(session);
  if (selected == nullptr) {
    ui::text_colored(theme::kMuted, "Select a token to rename, reset or delete it.");
    return;
  }
  const core::api::Token token = *selected;
  State& state = state_for(session, token);
  ui::text("Selected: " + token.name + " (" + token.scope_summary() + ", ends in ..." + token.ending + ")");
  ui::text_wrapped_colored(theme::kMuted, "created " + date_of(token.creation_date) + "; last used " + date_of(token.last_used));
  ui::input_text("New name##manage", &state.rename_text);
  ui::input_text("New description##manage", &state.describe_text);
  ImGui::BeginDisabled(state.write_state.loading || (state.rename_text == token.name && state.describe_text == token.description));
  if (ImGui::Button("Save name and description")) {
    send_write(context, token, core::api::update_token_text(token, state.rename_text, state.describe_text),
               "\"" + token.name + "\" was saved.", "\"" + token.name + "\" was not saved",
               [](State& saved, const ApiResult&) { saved.message = "Saved."; });
  }
  ImGui::EndDisabled();

  if (!token.service) draw_comparison(context, token, state);
  draw_reset(context, token);
  ImGui::SameLine();
  draw_delete(context, token);
  ui::show_error(state.write_state);
  if (!state.message.empty()) ui::outcome(true, state.message);
}

void TokenDetailPanel::draw_comparison(Context& context, const core::api::Token& token, State& state) {
  if (state.comparison_waits_since && *state.comparison_waits_since != context.session->version) compare(context, token, state);
  if (ImGui::Button("Compare with the draft's scope")) compare(context, token, state);
  if (!state.comparison_problem.empty()) ui::text_wrapped_colored(theme::kWarning, state.comparison_problem);
  if (!state.comparison) return;
  ImGui::SameLine();
  ui::text("the draft's scope gains " + std::to_string(state.comparison->gained) + " actions, loses " +
           std::to_string(state.comparison->lost));
  constexpr std::size_t kLinesShown = 12;
  const auto& lines = state.comparison->lines;
  for (std::size_t i = 0; i < lines.size() && i < kLinesShown; ++i)
    ui::text_wrapped_colored(lines[i][0] == '+' ? theme::kGood : theme::kError, lines[i]);
  if (lines.size() > kLinesShown) ui::text_colored(theme::kMuted, "and " + std::to_string(lines.size() - kLinesShown) + " more changes");
  if (!ImGui::Button("Apply the draft's scope")) return;
  auto request = core::api::update_token_scope(token, context.draft.draft);
  if (!request) {
    state.write_state = Loadable::failed(core::api::ApiError{0, "invalid_draft", request.error().describe()});
    return;
  }
  send_write(context, token, request.value(), "\"" + token.name + "\" has the new scope.", "\"" + token.name + "\" kept its scope",
             [](State& changed, const ApiResult&) {
               changed.message = "Scope changed.";
               changed.comparison.reset();
             });
}

// Before/after: the token's scope against the draft's, over the same account, both capped by the token's own
// member (a token is never more than its member, whoever compares it).
void TokenDetailPanel::compare(Context& context, const core::api::Token& token, State& state) {
  Session& session = *context.session;
  state.comparison.reset();
  state.comparison_problem.clear();
  state.comparison_waits_since.reset();
  if (!session.member || !session.account) return;
  auto members = session.members_to_judge(token, state.comparison_problem, context.load_members);
  if (!members) {
    if (!session.members_state.error) state.comparison_waits_since = session.version;
    return;
  }
  auto before = core::api::existing_token_subject(token, *members, session.roles);
  if (!before) {
    state.comparison_problem = "Cannot compare: " + before.error().describe();
    return;
  }
  auto after = core::api::draft_subject(context.draft.draft, *before->owner, session.roles);
  if (!after) {
    state.comparison_problem = "Cannot compare: the draft: " + after.error().describe();
    return;
  }
  auto before_evaluator = core::policy::parse_subject(before->subject, "", core::policy::default_semantics());
  auto after_evaluator = core::policy::parse_subject(after.value(), "", core::policy::default_semantics());
  if (!before_evaluator || !after_evaluator) return;
  const auto after_preview = core::preview::compute_preview(*session.account, after_evaluator.value(), token.member_id);
  const auto before_preview = core::preview::compute_preview(*session.account, before_evaluator.value(), token.member_id);
  const auto diff = core::preview::diff_previews(*session.account, before_preview, after_preview);
  state.comparison = Comparison{diff.gained, diff.lost, change_lines(after_preview, diff)};
}

void TokenDetailPanel::draw_reset(Context& context, const core::api::Token& token) {
  ImGui::SetNextItemWidth(120);
  ImGui::InputInt("hours the old secret keeps working", &reset_grace_hours_);
  reset_grace_hours_ = std::clamp(reset_grace_hours_, 0, 24 * 30);
  if (ImGui::Button("Reset secret")) ImGui::OpenPopup("Reset this token's secret?");
  if (!ImGui::BeginPopupModal("Reset this token's secret?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const long long now = static_cast<long long>(std::time(nullptr)) * 1000;
  const long long expiry = reset_grace_hours_ > 0 ? now + reset_grace_hours_ * 3'600'000LL : 0;
  ui::text("\"" + token.name + "\" gets a new secret.");
  ui::text(expiry == 0 ? std::string("The old secret stops working at once: whatever uses it fails until given the new one.")
                       : "The old secret keeps working for " + std::to_string(reset_grace_hours_) + " hours, until " +
                             local_and_utc(expiry) + ".");
  ui::text(token.member_id == context.session->member->id
               ? std::string("The new secret is shown to you once.")
               : "Only " + token.owner_email + " can see a new secret: you will not. They reset it themselves to get one.");
  if (ImGui::Button("Reset it")) {
    reset_secret(context, token, expiry);
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel##reset") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void TokenDetailPanel::draw_delete(Context& context, const core::api::Token& token) {
  if (ImGui::Button("Delete token")) ImGui::OpenPopup("Delete this token?");
  if (!ImGui::BeginPopupModal("Delete this token?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ui::text("\"" + token.name + "\" stops working at once. This cannot be undone.");
  if (ImGui::Button("Delete")) {
    send_write(context, token, core::api::delete_token(token.id), "\"" + token.name + "\" was deleted.",
               "\"" + token.name + "\" was not deleted", [&selection = context.selection](State&, const ApiResult&) { selection.pick(-1); });
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

// Rotates the secret; the old one works until `expiry` (ms since the epoch; 0: stops at once). The new secret
// is shown once whatever the person clicked meanwhile, even after acting as someone else.
void TokenDetailPanel::reset_secret(Context& context, const core::api::Token& token, long long expiry) {
  // The API gives the new secret to the token's own member only; to anyone else it sends the last four.
  auto new_secret = [](const ApiResult& result) -> std::optional<std::string> {
    auto reset = result.ok() ? std::optional(core::api::parse_token(result.body)) : std::nullopt;
    if (reset && *reset && (*reset)->ending.size() > 4) return (*reset)->ending;
    return std::nullopt;
  };
  send_write(
      context, token, core::api::reset_token(token.id, expiry), "the secret of \"" + token.name + "\" was reset.",
      "the secret of \"" + token.name + "\" was not reset",
      [new_secret](State& reset, const ApiResult& result) {
        reset.message = new_secret(result) ? "Reset. The new secret was shown once."
                                           : "Rotated. The old secret stops working as the grace period ends; only the "
                                             "token's own member can get a new secret, by resetting it themselves.";
      },
      [new_secret, &writes = context.writes, owner = context.session->member_name()](const ApiResult& result) {
        if (auto secret = new_secret(result)) writes.show_secret_once(core::api::Secret::take(*secret), owner);
      });
}

void TokenDetailPanel::send_write(Context& context, const core::api::Token& token, const core::api::ApiRequest& request,
                                  std::string done, std::string not_done, DoneHere done_here,
                                  std::function<void(const ApiResult&)> answered) {
  State& state = state_for(*context.session, token);
  state.write_state = Loadable::busy();
  state.message.clear();
  const std::string whose = context.session->member_name() + ": ";
  context.session->api.send(
      request, Writes::answer(context.session, [this, token_id = token.id, done = whose + done, not_done = whose + not_done,
                                                done_here = std::move(done_here), answered = std::move(answered), sender = std::weak_ptr<Session>(context.session),
                                                &writes = context.writes, load_tokens = context.load_tokens](ApiResult result,
                                                                                                             bool same_session) {
        if (answered) answered(result);
        const Loadable outcome = Loadable::done(result);
        const auto session = sender.lock();
        const bool current = same_session && session;
        State* shown = current ? &state_.of(*session) : nullptr;
        if (shown != nullptr && shown->token_id != token_id) shown = nullptr;
        if (shown != nullptr) shown->write_state = outcome;
        else writes.tell_elsewhere(outcome, done, not_done);
        if (!result.ok()) return;
        if (shown != nullptr) done_here(*shown, result);
        if (current) load_tokens();
      }));
}

}  // namespace wasm::panels
