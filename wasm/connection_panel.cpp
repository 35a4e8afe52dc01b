// Who the console acts as: the member, their role and the token's kind, and the mock API's demo members
// (one click each); the connection fold under it (panels/connect_panel.hpp).
#include <imgui.h>

#include "console_app.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {

void ConsoleApp::draw_header(panels::Context& context) {
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
  connect_.draw(context, config_, false);
  writes_.draw_outcomes_elsewhere();
}

}  // namespace wasm
