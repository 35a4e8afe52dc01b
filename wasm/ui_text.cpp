#include "ui_text.hpp"

#include <imgui.h>

#include "test_hook.hpp"

namespace wasm::ui {

void text(const std::string& text) {
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  test_hook::record_text(text);
}

void text_colored(const ImVec4& color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopStyleColor();
  test_hook::record_text(text);
}

void text_wrapped(const std::string& text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopTextWrapPos();
  test_hook::record_text(text);
}

}  // namespace wasm::ui
