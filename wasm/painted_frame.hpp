#pragma once
// Paints a frame on the canvas only when it would look different from the one the canvas shows. The console
// draws for a second after each input so that hover, popups and layout settle, and while an answer is awaited;
// most of those frames repeat the last one exactly, and painting one costs far more than laying it out (all of
// it, under a software GL such as SwiftShader). A WebGL canvas that is not drawn into keeps showing what it
// showed (the WebGL specification presents the drawing buffer only after it was drawn into).
struct ImDrawData;

namespace wasm::painted_frame {

// Something a frame paints outside ImGui's draw lists changed (a texture's texels, a draw callback's parameters):
// the next frame is painted, whatever its draw lists hold.
void content_changed();

// Whether this frame's draw data, at this framebuffer size, differs from the last frame painted; remembers it.
bool differs_from_last_painted(const ImDrawData& draw_data, int framebuffer_width, int framebuffer_height);

// How many frames were painted so far (the test hook's `painted`: a frame laid out is not always painted).
long painted();

}  // namespace wasm::painted_frame
