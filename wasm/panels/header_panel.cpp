#include "wasm/panels/header_panel.hpp"

#include <imgui.h>

#include "wasm/ui_text.hpp"
#include "wasm/ui_theme.hpp"

namespace wasm::panels {

void HeaderPanel::draw(Context& context, const Served& served, const Switching& switching) {
  const Session& session = *context.session;
  const auto& member = *session.member;
  ui::text("Acting as");
  ImGui::SameLine();
  ui::text(member.display_name());
  ImGui::SameLine();
  ui::text(member.email);
  ImGui::SameLine();
  const std::string kind = session.identity ? session.identity->token_kind : "personal";
  ui::text_colored(theme::kMuted, "role: " + member.role + "  |  " + kind + " token  |  " +
                                      (session.instance.empty() ? (served.config.mock ? "mock API" : served.config.upstream)
                                                                   : session.instance));

  if (session.instance.empty() && served.demo_members.size() > 1) {
    ui::text("Act as another demo member:");
    const ImGuiStyle& style = ImGui::GetStyle();
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (std::size_t i = 0; i < served.demo_members.size(); ++i) {
      const auto& demo = served.demo_members[i];
      const std::string text = demo.name + " (" + demo.role + ")";
      const std::string label = text + "##act-as-" + std::to_string(i);
      const float width = ImGui::CalcTextSize(text.c_str()).x + style.FramePadding.x * 2;
      // Buttons flow onto the next line rather than off the right edge.
      if (i > 0) {
        ImGui::SameLine();
        if (ImGui::GetCursorScreenPos().x + width > right_edge) ImGui::NewLine();
      }
      ImGui::BeginDisabled(session.demo_member == i);
      if (ImGui::Button(label.c_str())) context.act_as(i);
      ImGui::EndDisabled();
    }
  }
  if (switching.next) ui::text_colored(theme::kMuted, "Switching to " + switching.to + "...");
  if (!switching.problem.empty()) ui::text_wrapped_colored(theme::kError, switching.problem);
  if (!session.instance.empty() && served.config.mock) {
    if (ImGui::Button("Back to the mock API")) context.use_mock_api();
    ImGui::SameLine();
    ui::text_colored(theme::kMuted, "(forgets the pasted token)");
  }
}

}  // namespace wasm::panels
