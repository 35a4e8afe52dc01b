#include "clipboard.hpp"

#include <emscripten/emscripten.h>

// clang-format off
EM_JS(void, tokenscope_copy_text, (const char* text), {
  const value = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(value).catch(function () {});
  }
});
// clang-format on

namespace wasm {
void copy_to_clipboard(const std::string& text) { tokenscope_copy_text(text.c_str()); }
}  // namespace wasm
