#pragma once
// A read-only view of the last frame for browser tests: each visible text and widget with its
// rectangle in CSS pixels. Tests find widgets here, then act through real mouse and keyboard events.
#include <string>
#include <vector>

namespace wasm::test_hook {

void begin_frame(float pixel_ratio);
void record_text(const std::string& text);  // the last item's rectangle, labelled with text
// ImGui's "##" id suffix dropped; a label that is only an id ("##filter") is recorded as "#filter".
void record_widget(const std::string& label, float min_x, float min_y, float max_x, float max_y);
void end_frame(double cpu_ms);  // cpu_ms: the frame's time on the main thread, for the frame-time benchmark
void set_state(const std::string& state);  // "loading", "ready", "error"
// The preview matrix drawn by the shader: where each cell is (framebuffer pixels) and what it shows
// (0 denied, 1 allowed, 2 capped, 3 partly allowed), row-major; only the rows in sight, the first of them
// being row first_row of row_count.
void record_matrix(const std::string& type, float x, float y, float cell_width, float cell_height,
                   const std::vector<std::string>& rows, const std::vector<std::string>& columns,
                   const std::vector<int>& states, int first_row, int row_count);

}  // namespace wasm::test_hook

extern "C" const char* tokenscope_test_snapshot();
