#include "wasm/panels/what_if_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <iterator>

#include "core/api/member.hpp"
#include "wasm/ui_text.hpp"
#include "wasm/ui_theme.hpp"

namespace wasm::panels {
namespace {

// The base roles a member can be given, highest first. Only roles below the member's own are offered: what-if
// is about taking permissions away (the owner cannot be downgraded, so is not offered at all).
constexpr const char* kRoles[] = {"admin", "writer", "reader", "no_access"};

std::vector<std::string> roles_below(const std::string& role) {
  const auto* own = std::find(std::begin(kRoles), std::end(kRoles), role);
  std::vector<std::string> lower;
  for (const auto* it = own == std::end(kRoles) ? std::begin(kRoles) : own + 1; it != std::end(kRoles); ++it) lower.push_back(*it);
  return lower;
}

const core::api::Member* find_member(const Session& session, const std::string& id) {
  const auto found = std::find_if(session.members.begin(), session.members.end(), [&](const auto& m) { return m.id == id; });
  return found == session.members.end() ? nullptr : &*found;
}

}  // namespace

// Each personal token of the member, now and with the other role: allowed actions over the whole account,
// worked out again when the choice or the Session's data changes.
void WhatIfPanel::update_rows(const Session& session, State& state) {
  if (state.rows_of_version == session.version) return;
  state.rows_of_version = session.version;
  state.rows.clear();
  const core::api::Member* member = find_member(session, state.member_id);
  if (member == nullptr || !session.account || state.role.empty()) return;
  state.rows = core::api::what_if_role(*session.account, session.tokens, *member, session.roles, state.role);
}

// Makes a role change real, or undoes it. Its answer is never dropped: after a switch of member it is told
// under the header; either way the act-as buttons and Undo follow the role the member has now.
void WhatIfPanel::apply(Context& context, RoleChange change, bool undo) {
  State& state = state_.of(*context.session);
  state.write_state = Loadable::busy();
  state.message.clear();
  const std::string role = undo ? change.role_before : change.role_after;
  const std::string whose = context.session->member_name() + ": ";
  const std::string done = undo ? "The role change was undone." : change.name + " is now " + role + "; their personal tokens follow.";
  const std::string not_done = change.name + " stays " + (undo ? change.role_after : change.role_before);
  context.session->api.send(
      core::api::update_member_role(change.member_id, role),
      Writes::answer(context.session, [this, change, undo, role, done, not_done, whose, sender = std::weak_ptr<Session>(context.session),
                                       &writes = context.writes, load_members = context.load_members,
                                       load_tokens = context.load_tokens,
                                       role_changed = context.member_role_changed](ApiResult result, bool same_session) {
        const Loadable outcome = Loadable::done(result);
        if (result.ok()) {
          role_changed(change.email, role);
          if (undo) undo_.reset();
          else undo_ = change;
        }
        const auto session = sender.lock();
        if (!same_session || !session) return writes.tell_elsewhere(outcome, whose + done, whose + not_done);
        State& answered = state_.of(*session);
        answered.write_state = outcome;
        if (!result.ok()) return;
        answered.message = done;
        load_members();
        load_tokens();
      }));
}

void WhatIfPanel::draw(Context& context) {
  Session& session = *context.session;
  ImGui::SetNextItemOpen(open_, ImGuiCond_Always);
  open_ = ImGui::TreeNode("What if a member had a lower role?");
  if (!open_) return;
  State& state = state_.of(session);
  if (session.members.empty() && !session.members_state.loading && !session.members_state.error) context.load_members();
  ui::show_error(session.members_state, "Retry##members", context.load_members);

  const core::api::Member* member = find_member(session, state.member_id);
  const std::string chosen = member == nullptr ? "choose a member" : member->display_name() + " (" + member->role + ")";
  bool changed = false;
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("m").x * 18);
  if (ui::begin_combo("Member##what-if", chosen.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const auto& candidate : session.members) {
      if (candidate.role == "owner") continue;  // the owner cannot be downgraded
      const std::string label = candidate.display_name() + " (" + candidate.role + "), " + candidate.email + "##what-if-" + candidate.id;
      if (ImGui::Selectable(label.c_str(), candidate.id == state.member_id)) {
        state.member_id = candidate.id;
        const auto lower = roles_below(candidate.role);
        if (std::find(lower.begin(), lower.end(), state.role) == lower.end()) state.role = lower.empty() ? "" : lower.front();
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  member = find_member(session, state.member_id);
  const auto lower = member != nullptr ? roles_below(member->role) : std::vector<std::string>(std::begin(kRoles), std::end(kRoles));
  if (lower.empty()) {
    ui::text_colored(theme::kMuted, member->display_name() + " has no access already: there is no lower role.");
  } else {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("m").x * 9);
    if (ui::begin_combo("as##what-if-role", state.role.c_str())) {
      for (const auto& role : lower)
        if (ImGui::Selectable((role + "##what-if-role").c_str(), state.role == role)) {
          state.role = role;
          changed = true;
        }
      ImGui::EndCombo();
    }
  }
  if (changed) state.rows_of_version.reset();
  update_rows(session, state);

  if (member != nullptr && !lower.empty()) {
    if (state.rows.empty()) {
      ui::text_colored(theme::kMuted, session.member_is_admin() && !session.all_members_tokens && member->id != session.member->id
                                          ? "Tick \"Show all members' tokens\" to see this member's tokens."
                                          : "No personal tokens of this member are listed.");
    }
    for (const auto& row : state.rows) {
      if (!row.problem.empty()) {
        ui::text_wrapped_colored(theme::kWarning, row.token_name + ": " + row.problem);
        continue;
      }
      const std::string change = row.after < row.before ? "loses " + std::to_string(row.before - row.after) : "loses nothing";
      ui::text(row.token_name + ": " + std::to_string(row.before) + " -> " + std::to_string(row.after) +
               " actions allowed (" + change + ")");
    }
    if (session.member_is_admin() && member->role != state.role) {
      const std::string name = member->display_name();
      ImGui::BeginDisabled(state.write_state.loading);
      if (ImGui::Button(("Make it real: " + name + " becomes " + state.role).c_str()))
        apply(context, {member->id, member->email, name, member->role, state.role}, false);
      ImGui::EndDisabled();
    }
  }
  if (undo_ && session.member_is_admin()) {
    ImGui::BeginDisabled(state.write_state.loading);
    if (ImGui::Button("Undo the role change")) apply(context, *undo_, true);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ui::text_colored(theme::kMuted, "(" + undo_->name + " back to " + undo_->role_before + ")");
  }
  ui::show_error(state.write_state);
  if (!state.message.empty()) ui::outcome(true, state.message);
  ImGui::TreePop();
}

}  // namespace wasm::panels
