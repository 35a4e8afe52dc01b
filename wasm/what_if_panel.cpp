// What-if for demos: give a member a lower role and see, before anything changes, how much each of their
// personal tokens loses (a personal token never does more than its member); then make it real, and undo.
#include <imgui.h>

#include "console_app.hpp"
#include "core/policy/subject_json.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {
namespace {

constexpr const char* kRoles[] = {"admin", "writer", "reader", "no_access"};

}  // namespace

void ConsoleApp::load_members() {
  members_state_ = Loadable::busy();
  api_.send(core::api::list_members(), current_session([this](ApiResult result) {
    if (!result.ok()) {
      members_state_ = Loadable::failed(result.error);
      return;
    }
    auto members = core::api::parse_members(result.body);
    if (!members) {
      members_state_ = Loadable::failed({result.status, "invalid_response", members.error().describe()});
      return;
    }
    members_ = std::move(members).value();
    members_state_ = {};
    compute_what_if();
  }));
}

// Each personal token of the member, now and with the other role: allowed actions over the whole account.
void ConsoleApp::compute_what_if() {
  if (!what_if_ || !account_) return;
  what_if_->rows.clear();
  const auto member = std::find_if(members_.begin(), members_.end(), [&](const auto& m) { return m.id == what_if_->member_id; });
  if (member == members_.end()) return;
  core::api::Member downgraded = *member;
  downgraded.role = what_if_->role;
  // "member/<self>:token/*" must mean this member's own tokens: a copy of the account only when it is not us.
  std::optional<core::preview::Account> other_self;
  if (account_->self_member_id != member->id) {
    other_self = *account_;
    other_self->self_member_id = member->id;
  }
  const core::preview::Account& account = other_self ? *other_self : *account_;
  auto allowed = [&](const core::api::Token& token, const core::api::Member& as) -> std::uint64_t {
    auto subject = core::api::draft_subject(core::api::draft_of(token), as, roles_);
    if (!subject) return 0;
    auto evaluator = core::policy::parse_subject(subject.value(), "", core::policy::default_semantics());
    if (!evaluator) return 0;
    return core::preview::compute_preview(account, evaluator.value()).totals().allowed;
  };
  for (const auto& token : tokens_)
    if (!token.service && token.member_id == member->id)
      what_if_->rows.push_back({token.name, allowed(token, *member), allowed(token, downgraded)});
}

void ConsoleApp::apply_member_role(const std::string& member_id, const std::string& role, std::string done_message) {
  what_if_state_ = Loadable::busy();
  what_if_message_.clear();
  api_.send(core::api::update_member_role(member_id, role),
            current_session([this, done_message = std::move(done_message)](ApiResult result) {
              what_if_state_ = Loadable::done(result);
              if (!result.ok()) return;
              what_if_message_ = done_message;
              load_members();
              load_tokens();
            }));
}

void ConsoleApp::draw_what_if_panel() {
  ImGui::SetNextItemOpen(what_if_open_, ImGuiCond_Always);
  what_if_open_ = ImGui::TreeNode("What if a member had a lower role?");
  if (!what_if_open_) return;
  if (members_.empty() && !members_state_.loading && !members_state_.error) load_members();
  show_error(members_state_, "Retry##members", &ConsoleApp::load_members);
  if (!what_if_) what_if_ = WhatIf{};

  const auto member = std::find_if(members_.begin(), members_.end(), [&](const auto& m) { return m.id == what_if_->member_id; });
  const std::string chosen = member == members_.end() ? "choose a member" : member->display_name() + " (" + member->role + ")";
  bool changed = false;
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("m").x * 18);
  if (ui::begin_combo("Member##what-if", chosen.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const auto& candidate : members_) {
      if (candidate.role == "owner") continue;  // the owner cannot be downgraded
      const std::string label = candidate.display_name() + " (" + candidate.role + "), " + candidate.email + "##what-if-" + candidate.id;
      if (ImGui::Selectable(label.c_str(), candidate.id == what_if_->member_id)) {
        what_if_->member_id = candidate.id;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("m").x * 9);
  if (ui::begin_combo("as##what-if-role", what_if_->role.c_str())) {
    for (const char* role : kRoles)
      if (ImGui::Selectable((std::string(role) + "##what-if-role").c_str(), what_if_->role == role)) {
        what_if_->role = role;
        changed = true;
      }
    ImGui::EndCombo();
  }
  if (changed) compute_what_if();

  if (member != members_.end()) {
    if (what_if_->rows.empty()) {
      ui::text_colored(theme::kMuted, member_is_admin() && !show_all_ && member->id != member_->id
                                          ? "Tick \"Show all members' tokens\" to see this member's tokens."
                                          : "No personal tokens of this member are listed.");
    }
    for (const auto& row : what_if_->rows) {
      const std::string change = row.after < row.before ? "loses " + std::to_string(row.before - row.after) : "loses nothing";
      ui::text(row.token_name + ": " + std::to_string(row.before) + " -> " + std::to_string(row.after) +
               " actions allowed (" + change + ")");
    }
    if (member_is_admin() && member->role != what_if_->role) {
      const std::string name = member->display_name();
      if (ImGui::Button(("Make it real: " + name + " becomes " + what_if_->role).c_str())) {
        undo_role_ = std::pair{member->id, member->role};
        apply_member_role(member->id, what_if_->role, name + " is now " + what_if_->role + "; their personal tokens follow.");
      }
    }
  }
  if (undo_role_ && member_is_admin()) {
    ImGui::SameLine();
    if (ImGui::Button("Undo the role change")) {
      const auto [member_id, role] = *undo_role_;
      undo_role_.reset();
      apply_member_role(member_id, role, "The role change was undone.");
    }
  }
  show_error(what_if_state_);
  if (!what_if_message_.empty()) ui::text_colored(theme::kGood, what_if_message_);
  ImGui::TreePop();
}

}  // namespace wasm
