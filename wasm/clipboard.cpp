#include "clipboard.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "core/api/secret.hpp"
#include "redraw.hpp"

namespace {

// What Ctrl+V pastes into a text field: the browser's clipboard as its last paste event carried it. The
// browser fires that event right after the Ctrl+V keydown, before the frame in which ImGui handles the key.
// It may be a secret (a token pasted to connect): it is wiped at the end of the frame that took it, or of the
// first frame that handled every key pressed before it (ImGui trickles queued input over frames) if no field did.
std::string pasted_text;
bool paste_taken = false;
wasm::CopyOutcome last_copy = wasm::CopyOutcome::NotAsked;

}  // namespace

// clang-format off
EM_JS(void, tokenscope_copy_text, (const char* text, size_t length), {
  const value = UTF8ToString(text, length);
  if (!navigator.clipboard || !navigator.clipboard.writeText) return _tokenscope_clipboard_copied(0);
  navigator.clipboard.writeText(value).then(function () { _tokenscope_clipboard_copied(1); },
                                            function () { _tokenscope_clipboard_copied(0); });
});

EM_JS(void, tokenscope_listen_for_paste, (), {
  document.addEventListener('paste', function (event) {
    const text = event.clipboardData ? event.clipboardData.getData('text/plain') : "";
    const size = lengthBytesUTF8(text) + 1;
    const pointer = _malloc(size);
    stringToUTF8(text, pointer, size);
    _tokenscope_clipboard_pasted(pointer);
    _free(pointer);
    event.preventDefault();
  });
});
// clang-format on

extern "C" EMSCRIPTEN_KEEPALIVE void tokenscope_clipboard_pasted(const char* text) {
  core::api::wipe(pasted_text);
  pasted_text = text;
  paste_taken = false;
  wasm::redraw::wake();  // the frame that handles the Ctrl+V comes, and with it the wipe
}
extern "C" EMSCRIPTEN_KEEPALIVE void tokenscope_clipboard_copied(int copied) {
  last_copy = copied ? wasm::CopyOutcome::Copied : wasm::CopyOutcome::Refused;
  wasm::redraw::wake();  // "Copied" shows
}

namespace wasm {

void copy_to_clipboard(std::string_view text) {
  last_copy = CopyOutcome::Waiting;
  tokenscope_copy_text(text.data(), text.size());
}

CopyOutcome copy_outcome() { return last_copy; }
void forget_copy_outcome() { last_copy = CopyOutcome::NotAsked; }

void wipe_taken_paste() {
  if (pasted_text.empty()) return;
  if (paste_taken || ImGui::GetCurrentContext()->InputEventsQueue.empty()) core::api::wipe(pasted_text);
}

void connect_clipboard() {
  ImGuiIO& io = ImGui::GetIO();
  io.SetClipboardTextFn = [](void*, const char* text) {
    copy_to_clipboard(text);
  };
  io.GetClipboardTextFn = [](void*) {
    paste_taken = true;
    return pasted_text.c_str();
  };
  tokenscope_listen_for_paste();
}

}  // namespace wasm
