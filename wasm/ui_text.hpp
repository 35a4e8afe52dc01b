#pragma once
// Text and widgets that the test hook can see.
#include <string>

struct ImVec4;
using ImGuiComboFlags = int;

namespace wasm::ui {

void text(const std::string& text);
void text_colored(const ImVec4& color, const std::string& text);
void text_wrapped(const std::string& text);
void text_wrapped_colored(const ImVec4& color, const std::string& text);
// ImGui::BeginCombo, with the combo's box visible to the test hook (ImGui reports no label for combos).
bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags = 0);
// A field or combo with its name written before it (ImGui writes labels after): the name is the
// widget's name for the test hook too. id is the ImGui id ("##...").
void label_before(const std::string& name);
bool begin_combo_named(const std::string& name, const std::string& id, const char* preview, ImGuiComboFlags flags = 0);
bool input_text_named(const std::string& name, const std::string& id, std::string* value, float width);
// ImGui::TableHeadersRow, with each header cell visible to the test hook (ImGui reports no label for them).
void table_headers_row();

}  // namespace wasm::ui
