#pragma once
// The browser's clipboard: Copy buttons, and Ctrl+C / Ctrl+V in ImGui's text fields.
#include <string_view>

namespace wasm {
// Writes text to the browser's clipboard (navigator.clipboard). The browser answers later, or refuses (no
// permission, no focus, not a secure context): copy_outcome() says which, for the person to be told.
void copy_to_clipboard(std::string_view text);
enum class CopyOutcome { NotAsked, Waiting, Copied, Refused };
CopyOutcome copy_outcome();
void forget_copy_outcome();  // a new thing to copy: the last one's outcome is not its
// ImGui's text fields copy to and paste from the browser's clipboard (call after the platform backend's init).
void connect_clipboard();
// At the end of each frame: the text of the last paste is wiped once a field took it, or once every key
// pressed before it was handled and none did.
void wipe_taken_paste();
}  // namespace wasm
