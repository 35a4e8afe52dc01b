// What-if for demos: give a member a lower role and see, before anything changes, how much each of their
// personal tokens loses (a personal token never does more than its member); then make it real, and undo.
#include <imgui.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "console_app.hpp"
#include "core/policy/subject_json.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {
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

}  // namespace

void ConsoleApp::load_members() {
  session_->load_members([this] {
    compute_what_if();
    if (view_.preview_shows_token) mark_preview_dirty();
    const bool compare_waited = !view_.rescope_problem.empty();
    if (compare_waited && view_.selected_token >= 0 && view_.selected_token < static_cast<int>(session_->tokens.size()))
      compare_rescope(session_->tokens[view_.selected_token]);
  });
}

// Each personal token of the member, now and with the other role: allowed actions over the whole account.
void ConsoleApp::compute_what_if() {
  if (!view_.what_if || !session_->account) return;
  view_.what_if->rows.clear();
  const auto member = std::find_if(session_->members.begin(), session_->members.end(), [&](const auto& m) { return m.id == view_.what_if->member_id; });
  if (member == session_->members.end()) return;
  core::api::Member downgraded = *member;
  downgraded.role = view_.what_if->role;
  // "member/<self>:token/*" must mean this member's own tokens: a copy of the account only when it is not us.
  std::optional<core::preview::Account> other_self;
  if (session_->account->self_member_id != member->id) {
    other_self = *session_->account;
    other_self->self_member_id = member->id;
  }
  const core::preview::Account& account = other_self ? *other_self : *session_->account;
  auto allowed = [&](const core::api::Token& token, const core::api::Member& as) -> std::uint64_t {
    auto subject = core::api::draft_subject(core::api::draft_of(token), as, session_->roles);
    if (!subject) return 0;
    auto evaluator = core::policy::parse_subject(subject.value(), "", core::policy::default_semantics());
    if (!evaluator) return 0;
    return core::preview::compute_preview(account, evaluator.value()).totals().allowed;
  };
  for (const auto& token : session_->tokens)
    if (!token.service && token.member_id == member->id)
      view_.what_if->rows.push_back({token.name, allowed(token, *member), allowed(token, downgraded)});
}

// Makes a role change real, or undoes it. Its answer is never dropped: after a switch of member it is told
// under the header; either way the act-as buttons and Undo follow the role the member has now.
void ConsoleApp::apply_member_role(RoleChange change, bool undo) {
  view_.what_if_state = Loadable::busy();
  view_.what_if_message.clear();
  const std::string role = undo ? change.role_before : change.role_after;
  const std::string whose = session_->member_name() + ": ";
  const std::string done = undo ? "The role change was undone." : change.name + " is now " + role + "; their personal tokens follow.";
  const std::string not_done = change.name + " stays " + (undo ? change.role_after : change.role_before);
  session_->api.send(core::api::update_member_role(change.member_id, role),
                     write_answer([this, change, undo, role, done, not_done, whose](ApiResult result, bool same_session) {
                       const Loadable outcome = Loadable::done(result);
                       if (result.ok()) {
                         for (auto& demo : demo_members_)
                           if (demo.email == change.email) demo.role = role;
                         if (undo) undo_role_.reset();
                         else undo_role_ = change;
                       }
                       if (!same_session) return tell_elsewhere(outcome, whose + done, whose + not_done);
                       view_.what_if_state = outcome;
                       if (!result.ok()) return;
                       view_.what_if_message = done;
                       load_members();
                       load_tokens();
                     }));
}

void ConsoleApp::draw_what_if_panel() {
  ImGui::SetNextItemOpen(what_if_open_, ImGuiCond_Always);
  what_if_open_ = ImGui::TreeNode("What if a member had a lower role?");
  if (!what_if_open_) return;
  if (session_->members.empty() && !session_->members_state.loading && !session_->members_state.error) load_members();
  show_error(session_->members_state, "Retry##members", &ConsoleApp::load_members);
  if (!view_.what_if) view_.what_if = WhatIf{};

  const auto member = std::find_if(session_->members.begin(), session_->members.end(), [&](const auto& m) { return m.id == view_.what_if->member_id; });
  const std::string chosen = member == session_->members.end() ? "choose a member" : member->display_name() + " (" + member->role + ")";
  bool changed = false;
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("m").x * 18);
  if (ui::begin_combo("Member##what-if", chosen.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const auto& candidate : session_->members) {
      if (candidate.role == "owner") continue;  // the owner cannot be downgraded
      const std::string label = candidate.display_name() + " (" + candidate.role + "), " + candidate.email + "##what-if-" + candidate.id;
      if (ImGui::Selectable(label.c_str(), candidate.id == view_.what_if->member_id)) {
        view_.what_if->member_id = candidate.id;
        const auto lower = roles_below(candidate.role);
        if (std::find(lower.begin(), lower.end(), view_.what_if->role) == lower.end())
          view_.what_if->role = lower.empty() ? "" : lower.front();
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  const bool chosen_member = member != session_->members.end();
  const auto lower = chosen_member ? roles_below(member->role) : std::vector<std::string>(std::begin(kRoles), std::end(kRoles));
  if (lower.empty()) {
    ui::text_colored(theme::kMuted, member->display_name() + " has no access already: there is no lower role.");
  } else {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("m").x * 9);
    if (ui::begin_combo("as##what-if-role", view_.what_if->role.c_str())) {
      for (const auto& role : lower)
        if (ImGui::Selectable((role + "##what-if-role").c_str(), view_.what_if->role == role)) {
          view_.what_if->role = role;
          changed = true;
        }
      ImGui::EndCombo();
    }
  }
  if (changed) compute_what_if();

  if (chosen_member && !lower.empty()) {
    if (view_.what_if->rows.empty()) {
      ui::text_colored(theme::kMuted, session_->member_is_admin() && !session_->all_members_tokens && member->id != session_->member->id
                                          ? "Tick \"Show all members' tokens\" to see this member's tokens."
                                          : "No personal tokens of this member are listed.");
    }
    for (const auto& row : view_.what_if->rows) {
      const std::string change = row.after < row.before ? "loses " + std::to_string(row.before - row.after) : "loses nothing";
      ui::text(row.token_name + ": " + std::to_string(row.before) + " -> " + std::to_string(row.after) +
               " actions allowed (" + change + ")");
    }
    if (session_->member_is_admin() && member->role != view_.what_if->role) {
      const std::string name = member->display_name();
      ImGui::BeginDisabled(view_.what_if_state.loading);
      if (ImGui::Button(("Make it real: " + name + " becomes " + view_.what_if->role).c_str()))
        apply_member_role({member->id, member->email, name, member->role, view_.what_if->role}, false);
      ImGui::EndDisabled();
    }
  }
  if (undo_role_ && session_->member_is_admin()) {
    ImGui::BeginDisabled(view_.what_if_state.loading);
    if (ImGui::Button("Undo the role change")) apply_member_role(*undo_role_, true);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ui::text_colored(theme::kMuted, "(" + undo_role_->name + " back to " + undo_role_->role_before + ")");
  }
  show_error(view_.what_if_state);
  if (!view_.what_if_message.empty()) ui::text_colored(theme::kGood, view_.what_if_message);
  ImGui::TreePop();
}

}  // namespace wasm
