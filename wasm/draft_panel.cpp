// The token draft: name, kind and scope (a base role, custom roles, or an inline policy), validated by the
// core as it is typed, then submitted; the secret is shown once.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "console_app.hpp"
#include "core/api/json_fields.hpp"
#include "core/api/token_creation.hpp"
#include "core/policy/lint.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {

void ConsoleApp::draw_draft_panel(panels::Context& context) {
  if (!session_->member) return;  // a connection begun this frame: its member is not known yet
  ui::text("New token");
  bool changed = false;
  ImGui::InputText("Token name##draft", &draft_.draft.name);
  ImGui::InputText("Token description##draft", &draft_.draft.description);
  const bool was_service = draft_.draft.service;
  // A kind this member cannot create is not offered, with the reason, before the form is filled.
  if (!view_.creatable) view_.creatable = core::api::creatable_kinds(*session_->member, session_->roles);
  const auto& creatable = *view_.creatable;
  if (draft_.draft.service ? !creatable.service.allowed && creatable.personal.allowed
                     : !creatable.personal.allowed && creatable.service.allowed)
    draft_.draft.service = !draft_.draft.service;
  ImGui::BeginDisabled(!creatable.personal.allowed);
  if (ImGui::RadioButton("Personal", !draft_.draft.service)) draft_.draft.service = false;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!creatable.service.allowed);
  if (ImGui::RadioButton("Service", draft_.draft.service)) draft_.draft.service = true;
  ImGui::EndDisabled();
  changed |= draft_.draft.service != was_service;
  if (draft_.draft.service != was_service && !view_.create_state.loading) view_.create_state = {};  // its error was the other kind's
  const bool kind_creatable = draft_.draft.service ? creatable.service.allowed : creatable.personal.allowed;

  int scope = static_cast<int>(draft_.draft.scope);
  ImGui::SameLine(0, 30);
  changed |= ImGui::RadioButton("Base role", &scope, 0);
  ImGui::SameLine();
  changed |= ImGui::RadioButton("Custom roles", &scope, 1);
  ImGui::SameLine();
  changed |= ImGui::RadioButton("Inline policy", &scope, 2);
  draft_.draft.scope = static_cast<core::api::ScopeKind>(scope);

  if (draft_.draft.scope == core::api::ScopeKind::BaseRole) {
    for (const char* role : {"reader", "writer", "admin"}) {
      if (ImGui::RadioButton(role, draft_.draft.role == role)) {
        draft_.draft.role = role;
        changed = true;
      }
      ImGui::SameLine();
    }
    ImGui::NewLine();
  } else if (draft_.draft.scope == core::api::ScopeKind::CustomRoles) {
    if (session_->roles.empty()) ui::text_colored(theme::kMuted, "The account has no custom roles.");
    for (const auto& role : session_->roles) {
      bool chosen = std::find(draft_.draft.custom_role_ids.begin(), draft_.draft.custom_role_ids.end(), role.id) != draft_.draft.custom_role_ids.end();
      if (ImGui::Checkbox((role.name + "##role-" + role.id).c_str(), &chosen)) {
        if (chosen) draft_.draft.custom_role_ids.push_back(role.id);
        else std::erase(draft_.draft.custom_role_ids, role.id);
        changed = true;
      }
      if (!role.description.empty()) {
        ImGui::SameLine();
        ui::text_colored(theme::kMuted, role.description);
      }
    }
  } else {
    statement_builder_.draw(context);
  }
  if (changed) draft_.edited();

  if (!draft_.problem.empty()) ui::text_colored(theme::kError, draft_.problem);
  const bool has_errors = draft_.has_errors();
  for (const auto* kind : {&creatable.personal, &creatable.service})
    if (!kind->allowed) ui::text_wrapped_colored(theme::kMuted, kind->reason);
  ImGui::BeginDisabled(!kind_creatable || view_.create_state.loading || has_errors || view_.create_state.waiting_to_retry());
  if (ImGui::Button("Create token")) submit_draft();
  ImGui::EndDisabled();
  if (view_.create_state.loading) {
    ImGui::SameLine();
    ui::text_colored(theme::kMuted, "creating...");
  }
  show_error(view_.create_state);
  ImGui::Separator();
  draw_preview();
}

void ConsoleApp::submit_draft() {
  auto request = core::api::create_token(draft_.draft);
  if (!request) {
    view_.create_state = Loadable::failed(core::api::ApiError{0, "invalid_draft", request.error().describe()});
    return;
  }
  view_.create_state = Loadable::busy();
  // The server may create the token whatever the person clicks meanwhile: its secret is shown even after
  // acting as someone else, with whose token it is.
  const std::string owner = session_->member_name();
  const std::string token = owner + "'s token \"" + draft_.draft.name + "\"";
  session_->api.send(request.value(), write_answer([this, owner, token](ApiResult result, bool same_session) {
    Loadable outcome = Loadable::done(result);
    if (result.ok()) {
      if (auto created = core::api::parse_token(result.body)) show_secret_once(created->ending, owner);  // the full secret, this once
      else outcome = Loadable::failed({result.status, "invalid_response", created.error().describe()});
    }
    if (!same_session) return tell_elsewhere(outcome, token + " was created.", token + " was not created");
    view_.create_state = outcome;
    if (result.ok()) load_tokens();
  }));
}

}  // namespace wasm
