#pragma once
// Text output that the test hook can see.
#include <string>

struct ImVec4;

namespace wasm::ui {

void text(const std::string& text);
void text_colored(const ImVec4& color, const std::string& text);
void text_wrapped(const std::string& text);

}  // namespace wasm::ui
