#pragma once
// Text and widgets that the test hook can see.
#include <functional>
#include <string>

#include "loadable.hpp"

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
// A failed read or write where it happened: its message, a countdown while a rate limit lasts, and a Retry
// button (ImGui id `retry_id`) when `retry` is given.
void show_error(const Loadable& state, const char* retry_id = nullptr, const std::function<void()>& retry = {});
// ImGui::TableHeadersRow, with each header cell visible to the test hook (ImGui reports no label for them).
void table_headers_row();

}  // namespace wasm::ui
