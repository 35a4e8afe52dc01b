#include "console_app.hpp"

#include <imgui.h>

#include "test_hook.hpp"
#include "timer.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {

void ConsoleApp::start() { load_demo_members(); }

void ConsoleApp::load_demo_members() {
  phase_ = Phase::LoadingDemoMembers;
  test_hook::set_state("loading");
  api_.send(core::api::get_demo_members(), current_session([this](ApiResult result) {
    if (!result.ok()) return fail(result.error);
    auto members = core::api::parse_demo_members(result.body);
    if (!members) return fail({result.status, "invalid_response", members.error().describe()});
    if (members->empty()) return fail({result.status, "no_demo_members", "the mock API has no demo members"});
    demo_members_ = std::move(members).value();
    act_as(0);
  }));
}

void ConsoleApp::act_as(std::size_t demo_index) {
  ++session_;
  acting_as_ = demo_index;
  api_.set_token(demo_members_[demo_index].token);
  selected_token_ = -1;
  tokens_.clear();
  token_order_dirty_ = true;
  show_all_ = false;
  load_member();
}

void ConsoleApp::load_member() {
  phase_ = Phase::LoadingMember;
  test_hook::set_state("loading");
  api_.send(core::api::get_member_me(), current_session([this](ApiResult result) {
    if (!result.ok()) return fail(result.error);
    auto member = core::api::parse_member(result.body);
    if (!member) return fail({result.status, "invalid_response", member.error().describe()});
    member_ = std::move(member).value();
    phase_ = Phase::Ready;
    test_hook::set_state("ready");
    preview_dirty_ = true;
    load_account();
    load_tokens();
  }));
}

// The account's custom roles and projects: what the draft's scope is made of and what the preview covers.
void ConsoleApp::load_account() {
  account_state_ = Loadable::busy();
  api_.send(core::api::list_roles(), current_session([this](ApiResult roles_result) {
    if (!roles_result.ok()) {
      account_state_ = Loadable::failed(roles_result.error);
      return;
    }
    auto roles = core::api::parse_roles(roles_result.body);
    if (!roles) {
      account_state_ = Loadable::failed(core::api::ApiError{roles_result.status, "invalid_response", roles.error().describe()});
      return;
    }
    roles_ = std::move(roles).value();
    api_.send(core::api::list_projects(), current_session([this](ApiResult projects_result) {
      if (!projects_result.ok()) {
        account_state_ = Loadable::failed(projects_result.error);
        return;
      }
      auto account = core::api::parse_projects_account(projects_result.body, member_ ? member_->id : "");
      if (!account) {
        account_state_ = Loadable::failed(core::api::ApiError{projects_result.status, "invalid_response", account.error().describe()});
        return;
      }
      account_ = std::move(account).value();
      builder_choices_.reset();
      for (const auto& role : roles_) account_->role_keys.push_back(role.key);
      account_state_ = {};
      preview_dirty_ = true;
    }));
  }));
}

void ConsoleApp::fail(core::api::ApiError error) {
  failed_step_ = phase_ == Phase::LoadingDemoMembers ? "Loading the demo members" : "Loading who you are";
  error_ = std::move(error);
  phase_ = Phase::Failed;
  test_hook::set_state("error");
}

bool ConsoleApp::member_is_admin() const { return member_ && (member_->role == "admin" || member_->role == "owner"); }

Loadable Loadable::failed(core::api::ApiError error) {
  Loadable state{false, std::move(error)};
  if (state.error->retry_after_seconds > 0) state.retry_at_ms = now_ms() + state.error->retry_after_seconds * 1000.0;
  return state;
}

Loadable Loadable::done(const ApiResult& result) { return result.ok() ? Loadable{} : failed(result.error); }

bool Loadable::waiting_to_retry() const { return error && retry_at_ms > now_ms(); }

void ConsoleApp::show_error(const Loadable& state, const char* retry_id, void (ConsoleApp::*retry)()) {
  if (!state.error) return;
  ui::text_colored(theme::kError, state.error->describe());
  if (state.waiting_to_retry()) {
    const int seconds = static_cast<int>((state.retry_at_ms - now_ms()) / 1000.0) + 1;
    ui::text_colored(theme::kWarning, "The API asked to wait: try again in " + std::to_string(seconds) + " s.");
  }
  if (retry == nullptr) return;
  ImGui::SameLine();
  ImGui::BeginDisabled(state.waiting_to_retry());
  if (ImGui::SmallButton(retry_id)) (this->*retry)();
  ImGui::EndDisabled();
}

void ConsoleApp::draw() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("TokenScope", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ui::text("TokenScope");
  ImGui::SameLine();
  ui::text_colored(theme::kMuted, "API access tokens, scoped and previewed");
  ImGui::Separator();

  switch (phase_) {
    case Phase::LoadingDemoMembers: ui::text("Connecting to the mock API..."); break;
    case Phase::LoadingMember: ui::text("Asking the API who you are..."); break;
    case Phase::Failed: draw_error(); break;
    case Phase::Ready: {
      draw_header();
      ImGui::Separator();
      const float left_width = ImGui::GetContentRegionAvail().x * 0.42f;
      ImGui::BeginChild("tokens-column", ImVec2(left_width, 0), ImGuiChildFlags_Border);
      draw_tokens_panel();
      ImGui::EndChild();
      ImGui::SameLine();
      ImGui::BeginChild("draft-column", ImVec2(0, 0), ImGuiChildFlags_Border);
      draw_draft_panel();
      ImGui::EndChild();
      break;
    }
  }
  draw_secret_dialog();
  ImGui::End();
}

void ConsoleApp::draw_header() {
  const auto& member = *member_;
  ui::text("Acting as");
  ImGui::SameLine();
  ui::text(member.display_name());
  ImGui::SameLine();
  ui::text(member.email);
  ImGui::SameLine();
  ui::text_colored(theme::kMuted, "role: " + member.role + "  |  personal token");

  if (demo_members_.size() > 1) {
    ui::text("Act as another demo member:");
    const ImGuiStyle& style = ImGui::GetStyle();
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (std::size_t i = 0; i < demo_members_.size(); ++i) {
      const auto& demo = demo_members_[i];
      const std::string text = demo.name + " (" + demo.role + ")";
      const std::string label = text + "##act-as-" + std::to_string(i);
      const float width = ImGui::CalcTextSize(text.c_str()).x + style.FramePadding.x * 2;
      // Buttons flow onto the next line rather than off the right edge.
      if (i > 0) {
        ImGui::SameLine();
        if (ImGui::GetCursorScreenPos().x + width > right_edge) ImGui::NewLine();
      }
      ImGui::BeginDisabled(i == acting_as_);
      if (ImGui::Button(label.c_str())) act_as(i);
      ImGui::EndDisabled();
    }
  }
}

void ConsoleApp::draw_error() {
  ui::text_colored(theme::kError, failed_step_ + " failed");
  ui::text_wrapped(error_.describe());
  if (ImGui::Button("Retry")) {
    if (demo_members_.empty()) load_demo_members();
    else load_member();
  }
}

}  // namespace wasm
