#include "ui_text.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "redraw.hpp"
#include "test_hook.hpp"
#include "timer.hpp"
#include "ui_theme.hpp"

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

void text_wrapped_colored(const ImVec4& color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  text_wrapped(text);
  ImGui::PopStyleColor();
}

bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags) {
  return begin_combo_named(label, label, preview, flags);
}

void label_before(const std::string& name) {
  ImGui::AlignTextToFramePadding();
  text(name);
  ImGui::SameLine();
}

bool begin_combo_named(const std::string& name, const std::string& id, const char* preview, ImGuiComboFlags flags) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float height = ImGui::GetFrameHeight();
  const float width = (flags & ImGuiComboFlags_NoPreview) != 0 ? height : ImGui::CalcItemWidth();
  test_hook::record_widget(name, at.x, at.y, at.x + width, at.y + height);
  return ImGui::BeginCombo(id.c_str(), preview, flags);
}

bool input_text_named(const std::string& name, const std::string& id, std::string* value, float width) {
  ImGui::SetNextItemWidth(width);
  const bool changed = ImGui::InputText(id.c_str(), value);
  test_hook::record_widget(name, ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                           ImGui::GetItemRectMax().y);
  return changed;
}

void show_error(const Loadable& state, const char* retry_id, const std::function<void()>& retry) {
  if (!state.error) return;
  text_colored(theme::kError, state.error->describe());
  if (state.waiting_to_retry()) {
    const int seconds = static_cast<int>((state.retry_at_ms - now_ms()) / 1000.0) + 1;
    redraw::animate();  // the countdown
    text_colored(theme::kWarning, "The API asked to wait: try again in " + std::to_string(seconds) + " s.");
  }
  if (!retry) return;
  ImGui::SameLine();
  ImGui::BeginDisabled(state.waiting_to_retry());
  if (ImGui::SmallButton(retry_id)) retry();
  ImGui::EndDisabled();
}

void table_headers_row() {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int column = 0; column < ImGui::TableGetColumnCount(); ++column) {
    if (!ImGui::TableSetColumnIndex(column)) continue;
    const char* name = ImGui::TableGetColumnName(column);
    ImGui::PushID(column);
    ImGui::TableHeader(name);
    ImGui::PopID();
    test_hook::record_widget(name, ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                             ImGui::GetItemRectMax().y);
  }
}

}  // namespace wasm::ui
