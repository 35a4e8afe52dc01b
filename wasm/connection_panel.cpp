// Who the console acts as, and where its calls go: the mock API's demo members (one click each), or a
// LaunchDarkly instance through serve.py's proxy with a pasted token held in memory only.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "console_app.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {

void ConsoleApp::draw_header() {
  const auto& member = *session_->member;
  ui::text("Acting as");
  ImGui::SameLine();
  ui::text(member.display_name());
  ImGui::SameLine();
  ui::text(member.email);
  ImGui::SameLine();
  const std::string kind = session_->identity ? session_->identity->token_kind : "personal";
  ui::text_colored(theme::kMuted, "role: " + member.role + "  |  " + kind + " token  |  " +
                                      (session_->instance.empty() ? (config_.mock ? "mock API" : config_.upstream)
                                                                   : session_->instance));

  if (session_->instance.empty() && demo_members_.size() > 1) {
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
      ImGui::BeginDisabled(session_->demo_member == i);
      if (ImGui::Button(label.c_str())) act_as(i);
      ImGui::EndDisabled();
    }
  }
  if (next_session_) ui::text_colored(theme::kMuted, "Switching to " + switching_to_ + "...");
  if (!switch_problem_.empty()) ui::text_wrapped_colored(theme::kError, switch_problem_);
  if (!session_->instance.empty() && config_.mock) {
    if (ImGui::Button("Back to the mock API")) use_mock_api();
    ImGui::SameLine();
    ui::text_colored(theme::kMuted, "(forgets the pasted token)");
  }
  draw_connect_panel(false);
  writes_.draw_outcomes_elsewhere();
}

// open: shown expanded (no mock to fall back on, or a connection that failed).
void ConsoleApp::draw_connect_panel(bool open) {
  if (!open) {
    ImGui::SetNextItemOpen(connect_open_, ImGuiCond_Always);
    connect_open_ = ImGui::TreeNode("Connect to a LaunchDarkly instance");
    if (!connect_open_) return;
  }
  if (config_.mock) {
    for (std::size_t i = 0; i <= config_.instances.size(); ++i) {
      const std::string name = i < config_.instances.size() ? config_.instances[i].name : "Another URL";
      if (i > 0) ImGui::SameLine();
      ImGui::RadioButton((name + "##instance").c_str(), &instance_choice_, static_cast<int>(i));
    }
    if (instance_choice_ >= static_cast<int>(config_.instances.size())) {
      ImGui::SetNextItemWidth(ImGui::CalcTextSize("m").x * 24);
      ImGui::InputTextWithHint("Instance URL", "https://app.launchdarkly.com", &other_instance_url_);
    } else {
      ui::text_colored(theme::kMuted, config_.instances[instance_choice_].url);
    }
  } else {
    ui::text("serve.py relays the API to " + config_.upstream);
  }
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("m").x * 24);
  // Masked, kept in this page's memory only: never written to storage, cookies or the URL.
  const bool entered = ImGui::InputTextWithHint("Access token", "api-...", &pasted_token_,
                                                ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (ImGui::Button("Connect") || entered) connect_to_instance();
  ui::text_colored(theme::kMuted, "The token stays in this tab's memory; reloading the page forgets it.");
  if (!connect_problem_.empty()) ui::text_colored(theme::kError, connect_problem_);
  if (!open) ImGui::TreePop();
}

}  // namespace wasm
