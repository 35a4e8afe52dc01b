#pragma once

namespace wasm {
// Answers ImGui's per-frame reads of scissor, viewport and blend state from a copy kept in JavaScript.
// Reading them from WebGL waits for the GPU process: with SwiftShader that cost 30 ms a frame.
// Call once, right after the WebGL context is made current.
void cache_gl_state_reads();
}  // namespace wasm
