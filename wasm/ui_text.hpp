#pragma once
// Text and widgets that the test hook can see.
#include <functional>
#include <string>
#include <string_view>

#include "loadable.hpp"

struct ImVec4;
using ImGuiComboFlags = int;
using ImGuiInputTextFlags = int;

namespace wasm::ui {

void text(std::string_view text);
void heading(const std::string& text);  // a section's title, drawn as text
void text_colored(const ImVec4& color, const std::string& text);
void text_wrapped(const std::string& text);
// Wrapped text that answers what the person asked for (a cell's explanation): said by a screen reader when it
// first appears.
void text_wrapped_said(const std::string& text);
void text_wrapped_colored(const ImVec4& color, const std::string& text);
// ImGui::RadioButton, with whether it is the one chosen visible to a screen reader.
bool radio_button(const std::string& label, bool active);
bool radio_button(const std::string& label, int* chosen, int value);
// The outcome of something the person did (a write, a failed read): coloured as a success or a failure,
// wrapped, and said by a screen reader when it first appears.
void outcome(bool ok, const std::string& text);
// A tooltip over the last item, its text recorded as any text the console shows.
void tooltip(const std::string& text);
// ImGui::BeginCombo, with the combo's box visible to the test hook (ImGui reports no label for combos).
bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags = 0);
// A field or combo with its name written before it (ImGui writes labels after): the name is the
// widget's name for the test hook too. id is the ImGui id ("##...").
void label_before(const std::string& name);
bool begin_combo_named(const std::string& name, const std::string& id, const char* preview, ImGuiComboFlags flags = 0);
// Names the field just drawn when its label does not show (a hint instead, "##filter"): its name to the test
// hook and to a screen reader.
void name_last_field(const std::string& name);
// ImGui::InputText (with a hint, if given), with its content visible to a screen reader (a password's masked).
bool input_text(const std::string& label, std::string* value, ImGuiInputTextFlags flags = 0, const char* hint = nullptr);
bool input_text_multiline(const std::string& label, std::string* value, float height, ImGuiInputTextFlags flags = 0);
bool input_text_named(const std::string& name, const std::string& id, std::string* value, float width);
// A failed read or write where it happened: its message, a countdown while a rate limit lasts, and a Retry
// button (ImGui id `retry_id`) when `retry` is given.
void show_error(const Loadable& state, const char* retry_id = nullptr, const std::function<void()>& retry = {});
// ImGui::TableHeadersRow, with each header cell visible to the test hook (ImGui reports no label for them).
void table_headers_row();

}  // namespace wasm::ui
