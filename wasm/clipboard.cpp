#include "clipboard.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include "redraw.hpp"

namespace {

// What Ctrl+V pastes into a text field: the browser's clipboard as its last paste event carried it. The
// browser fires that event right after the Ctrl+V keydown, before the frame in which ImGui handles the key.
std::string pasted_text;
wasm::CopyOutcome last_copy = wasm::CopyOutcome::NotAsked;

}  // namespace

// clang-format off
EM_JS(void, tokenscope_copy_text, (const char* text), {
  const value = UTF8ToString(text);
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

extern "C" EMSCRIPTEN_KEEPALIVE void tokenscope_clipboard_pasted(const char* text) { pasted_text = text; }
extern "C" EMSCRIPTEN_KEEPALIVE void tokenscope_clipboard_copied(int copied) {
  last_copy = copied ? wasm::CopyOutcome::Copied : wasm::CopyOutcome::Refused;
  wasm::redraw::wake();  // "Copied" shows
}

namespace wasm {

void copy_to_clipboard(const std::string& text) {
  last_copy = CopyOutcome::Waiting;
  tokenscope_copy_text(text.c_str());
}

CopyOutcome copy_outcome() { return last_copy; }
void forget_copy_outcome() { last_copy = CopyOutcome::NotAsked; }

void connect_clipboard() {
  ImGuiIO& io = ImGui::GetIO();
  io.SetClipboardTextFn = [](void*, const char* text) {
    last_copy = CopyOutcome::Waiting;
    tokenscope_copy_text(text);
  };
  io.GetClipboardTextFn = [](void*) { return pasted_text.c_str(); };
  tokenscope_listen_for_paste();
}

}  // namespace wasm
