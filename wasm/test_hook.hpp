#pragma once
// A read-only view of the last frame for browser tests (frame_items: each visible text and widget with its
// rectangle in CSS pixels, the matrix), with the console's state and frame times. Tests find widgets here,
// then act through real mouse and keyboard events.
#include <string>

namespace wasm::test_hook {

void frame_drawn(double cpu_ms);  // cpu_ms: the frame's time on the main thread, for the frame-time benchmark
void set_state(const std::string& state);  // "loading", "ready", "error"

}  // namespace wasm::test_hook

extern "C" const char* tokenscope_test_snapshot();
