#pragma once
// The browser's clipboard: Copy buttons, and Ctrl+C / Ctrl+V in ImGui's text fields.
#include <string>

namespace wasm {
// Writes text to the browser's clipboard (navigator.clipboard). The browser answers later, or refuses (no
// permission, no focus, not a secure context): copy_outcome() says which, for the person to be told.
void copy_to_clipboard(const std::string& text);
enum class CopyOutcome { NotAsked, Waiting, Copied, Refused };
CopyOutcome copy_outcome();
void forget_copy_outcome();  // a new thing to copy: the last one's outcome is not its
// ImGui's text fields copy to and paste from the browser's clipboard (call after the platform backend's init).
void connect_clipboard();
}  // namespace wasm
