#pragma once
// A read-only view of the last frame for browser tests: each visible text and widget with its
// rectangle in CSS pixels. Tests find widgets here, then act through real mouse and keyboard events.
#include <string>

namespace wasm::test_hook {

void begin_frame(float pixel_ratio);
void record_text(const std::string& text);  // the last item's rectangle, labelled with text
void end_frame();
void set_state(const std::string& state);  // "loading", "ready", "error"

}  // namespace wasm::test_hook

extern "C" const char* tokenscope_test_snapshot();
