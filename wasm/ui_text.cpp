#include "ui_text.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include "redraw.hpp"
#include "frame_items.hpp"
#include "timer.hpp"
#include "ui_theme.hpp"

namespace wasm::ui {
namespace {

using frame_items::Tone;

bool same(const ImVec4& a, const ImVec4& b) { return a.x == b.x && a.y == b.y && a.z == b.z && a.w == b.w; }

// The theme's colours say what a text is: an error, a warning, a result.
Tone tone_of(const ImVec4& color) {
  if (same(color, theme::kError)) return Tone::Error;
  if (same(color, theme::kWarning)) return Tone::Warning;
  if (same(color, theme::kGood)) return Tone::Good;
  if (same(color, theme::kMuted)) return Tone::Muted;
  return Tone::Plain;
}

frame_items::Rect last_item_rect() {
  return {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y};
}

void wrapped(const std::string& text, Tone tone, bool announced = false) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopTextWrapPos();
  frame_items::record_text(text, tone, frame_items::Role::Text, announced);
}

}  // namespace

void text(std::string_view text) {
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  frame_items::record_text(std::string(text));
}

void heading(const std::string& text) {
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  frame_items::record_text(text, Tone::Plain, frame_items::Role::Heading);
}

void text_colored(const ImVec4& color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopStyleColor();
  frame_items::record_text(text, tone_of(color));
}

void text_wrapped(const std::string& text) { wrapped(text, Tone::Plain); }

void text_wrapped_said(const std::string& text) { wrapped(text, Tone::Plain, true); }

void text_wrapped_colored(const ImVec4& color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  wrapped(text, tone_of(color));
  ImGui::PopStyleColor();
}

bool radio_button(const std::string& label, bool active) {
  const bool pressed = ImGui::RadioButton(label.c_str(), active);
  frame_items::describe_last(ImGui::GetItemID(), frame_items::Role::Radio, active);
  return pressed;
}

bool radio_button(const std::string& label, int* chosen, int value) {
  const bool pressed = radio_button(label, *chosen == value);
  if (pressed) *chosen = value;
  return pressed;
}

void tooltip(const std::string& text) {
  ImGui::BeginTooltip();
  ui::text(text);
  ImGui::EndTooltip();
}

void outcome(bool ok, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ok ? theme::kGood : theme::kError);
  wrapped(text, ok ? Tone::Good : Tone::Error, true);
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
  const ImGuiID combo = ImGui::GetID(id.c_str());
  const bool open = ImGui::IsPopupOpen(ImHashStr("##ComboPopup", 0, combo), ImGuiPopupFlags_None);  // BeginCombo's popup
  frame_items::record_widget(name, {at.x, at.y, at.x + width, at.y + height}, frame_items::Role::Combobox, combo, open);
  return ImGui::BeginCombo(id.c_str(), preview, flags);
}

bool input_text(const std::string& label, std::string* value, ImGuiInputTextFlags flags, const char* hint) {
  IM_ASSERT((flags & ImGuiInputTextFlags_Password) == 0 && "a secret is edited in a SecretField, which wipes it");
  const bool changed = hint == nullptr ? ImGui::InputText(label.c_str(), value, flags)
                                       : ImGui::InputTextWithHint(label.c_str(), hint, value, flags);
  frame_items::describe_value(ImGui::GetItemID(), *value);
  return changed;
}

bool input_text_multiline(const std::string& label, std::string* value, float height, ImGuiInputTextFlags flags) {
  const bool changed = ImGui::InputTextMultiline(label.c_str(), value, ImVec2(-1, height), flags);
  frame_items::describe_value(ImGui::GetItemID(), *value);
  return changed;
}

void name_last_field(const std::string& name) {
  frame_items::record_widget(name, last_item_rect(), frame_items::Role::TextField, ImGui::GetItemID());
}

bool input_text_named(const std::string& name, const std::string& id, std::string* value, float width) {
  ImGui::SetNextItemWidth(width);
  const bool changed = input_text(id, value);
  frame_items::record_widget(name, last_item_rect(), frame_items::Role::TextField, ImGui::GetItemID());
  return changed;
}

void show_error(const Loadable& state, const char* retry_id, const std::function<void()>& retry) {
  if (!state.error) return;
  outcome(false, state.error->describe());
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
    frame_items::record_widget(name, last_item_rect(), frame_items::Role::ColumnHeader, ImGui::GetItemID());
    ImGui::PopID();
  }
}

}  // namespace wasm::ui
