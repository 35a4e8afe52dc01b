#include "wasm/panels/draft_panel.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>

#include "wasm/ui_text.hpp"
#include "wasm/ui_theme.hpp"

namespace wasm::panels {

DraftPanel::State& DraftPanel::state_of(const Session& session) {
  State& state = state_.of(session);
  if (state.creatable_of_version != session.version && session.member) {
    state.creatable_of_version = session.version;
    state.creatable = core::api::creatable_kinds(*session.member, session.roles);
  }
  return state;
}

void DraftPanel::draw(Context& context) {
  const Session& session = *context.session;
  if (!session.member) return;  // a connection begun this frame: its member is not known yet
  State& state = state_of(session);
  core::api::TokenDraft& draft = context.draft.draft;
  ui::heading("New token");
  bool changed = false;
  ui::input_text("Token name##draft", &draft.name);
  ui::input_text("Token description##draft", &draft.description);
  const bool was_service = draft.service;
  // A kind this member cannot create is not offered, with the reason, before the form is filled.
  const auto& creatable = *state.creatable;
  if (draft.service ? !creatable.service.allowed && creatable.personal.allowed : !creatable.personal.allowed && creatable.service.allowed)
    draft.service = !draft.service;
  ImGui::BeginDisabled(!creatable.personal.allowed);
  if (ui::radio_button("Personal", !draft.service)) draft.service = false;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!creatable.service.allowed);
  if (ui::radio_button("Service", draft.service)) draft.service = true;
  ImGui::EndDisabled();
  changed |= draft.service != was_service;
  if (draft.service != was_service && !state.create_state.loading) state.create_state = {};  // its error was the other kind's

  int scope = static_cast<int>(draft.scope);
  ImGui::SameLine(0, 30);
  changed |= ui::radio_button("Base role", &scope, 0);
  ImGui::SameLine();
  changed |= ui::radio_button("Custom roles", &scope, 1);
  ImGui::SameLine();
  changed |= ui::radio_button("Inline policy", &scope, 2);
  draft.scope = static_cast<core::api::ScopeKind>(scope);

  if (draft.scope == core::api::ScopeKind::BaseRole) {
    for (const char* role : {"reader", "writer", "admin"}) {
      if (ui::radio_button(role, draft.role == role)) {
        draft.role = role;
        changed = true;
      }
      ImGui::SameLine();
    }
    ImGui::NewLine();
  } else if (draft.scope == core::api::ScopeKind::CustomRoles) {
    if (session.roles.empty()) ui::text_colored(theme::kMuted, "The account has no custom roles.");
    for (const auto& role : session.roles) {
      bool chosen = std::find(draft.custom_role_ids.begin(), draft.custom_role_ids.end(), role.id) != draft.custom_role_ids.end();
      if (ImGui::Checkbox((role.name + "##role-" + role.id).c_str(), &chosen)) {
        if (chosen) draft.custom_role_ids.push_back(role.id);
        else std::erase(draft.custom_role_ids, role.id);
        changed = true;
      }
      if (!role.description.empty()) {
        ImGui::SameLine();
        ui::text_colored(theme::kMuted, role.description);
      }
    }
  }
  if (changed) context.draft.edited();
}

void DraftPanel::draw_create(Context& context) {
  const Session& session = *context.session;
  if (!session.member) return;
  State& state = state_of(session);
  const DraftModel& draft = context.draft;
  const auto& creatable = *state.creatable;
  if (!draft.problem.empty()) ui::text_colored(theme::kError, draft.problem);
  for (const auto* kind : {&creatable.personal, &creatable.service})
    if (!kind->allowed) ui::text_wrapped_colored(theme::kMuted, kind->reason);
  const bool kind_creatable = draft.draft.service ? creatable.service.allowed : creatable.personal.allowed;
  ImGui::BeginDisabled(!kind_creatable || state.create_state.loading || draft.has_errors() || state.create_state.waiting_to_retry());
  if (ImGui::Button("Create token")) create(context);
  ImGui::EndDisabled();
  if (state.create_state.loading) {
    ImGui::SameLine();
    ui::text_colored(theme::kMuted, "creating...");
  } else if (!state.created.empty()) {
    ui::outcome(true, state.created);
  }
  ui::show_error(state.create_state);
}

// The server may create the token whatever the person clicks meanwhile: its secret is shown even after acting
// as someone else, with whose token it is.
void DraftPanel::create(Context& context) {
  State& state = state_of(*context.session);
  auto request = core::api::create_token(context.draft.draft);
  if (!request) {
    state.create_state = Loadable::failed(core::api::ApiError{0, "invalid_draft", request.error().describe()});
    return;
  }
  state.create_state = Loadable::busy();
  state.created.clear();
  const std::string owner = context.session->member_name();
  const std::string& name = context.draft.draft.name;
  const std::string token = name.empty() ? owner + "'s unnamed token" : owner + "'s token \"" + name + "\"";
  context.session->api.send(
      request.value(), Writes::answer(context.session, [this, owner, token, sender = std::weak_ptr<Session>(context.session),
                                                        &writes = context.writes, load_tokens = context.load_tokens](
                                                           ApiResult result, bool same_session) {
        Loadable outcome = Loadable::done(result);
        if (result.ok()) {
          if (auto created = core::api::parse_token(result.body))  // the full secret, this once
            writes.show_secret_once(core::api::Secret::take(created.value().ending), owner);
          else outcome = Loadable::failed({result.status, "invalid_response", created.error().describe()});
        }
        const auto session = sender.lock();
        if (!same_session || !session) return writes.tell_elsewhere(outcome, token + " was created.", token + " was not created");
        State& answered = state_.of(*session);
        answered.create_state = outcome;
        answered.created = outcome.error ? "" : token + " was created.";
        if (result.ok()) load_tokens();
      }));
}

}  // namespace wasm::panels
