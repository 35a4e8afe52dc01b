#pragma once
// The browser's clipboard: Copy buttons, and Ctrl+C / Ctrl+V in ImGui's text fields.
#include <string>

namespace wasm {
// Writes text to the browser's clipboard (navigator.clipboard); silently nothing when the browser refuses.
void copy_to_clipboard(const std::string& text);
// ImGui's text fields copy to and paste from the browser's clipboard (call after the platform backend's init).
void connect_clipboard();
}  // namespace wasm
