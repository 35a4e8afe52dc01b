#pragma once
// The console as assistive technology reads it. After each frame drawn, what it showed (frame_items) goes to
// web/screen_reader.js as roles, names and states — only when it changed — and that keeps a visually hidden
// DOM mirror of it. The mirror asks back: activate a widget (a screen reader's click on its mirrored button)
// or follow the focus it was given. Only widgets the last frame showed, enabled and outside anything a modal
// dialog covers, can be acted on.
namespace wasm::screen_reader {

void before_frame();  // applies what the mirror asked for since the last frame (before ImGui::NewFrame)
// Hands the mirror the frame just drawn, if it differs from the last one handed over, and has its live region
// say the outcomes (ui::outcome) that just appeared.
void after_frame();

}  // namespace wasm::screen_reader

extern "C" void tokenscope_screen_reader_activate(unsigned id);
extern "C" void tokenscope_screen_reader_focus(unsigned id);
