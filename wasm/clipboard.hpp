#pragma once
#include <string>

namespace wasm {
// Writes text to the browser's clipboard (navigator.clipboard); false when the browser refuses.
void copy_to_clipboard(const std::string& text);
}  // namespace wasm
