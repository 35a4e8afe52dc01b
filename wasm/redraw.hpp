#pragma once
// The console draws only while what it shows may change: a person's input, an answer or a timer it waits for,
// something in motion (a preview being worked out, a countdown), and for kSettleMs after the last of these, so
// that hover, popups and layout settle. Then it stops the browser's main loop, drawing nothing, until something
// wakes it.
namespace wasm::redraw {

constexpr double kSettleMs = 1000;

void wake();             // something happened: draw now, and for kSettleMs after
void animate();          // what this frame shows moves on by itself: draw the next frame too
void request_started();  // an answer is awaited: keep drawing until it comes (its coming wakes)
void request_finished();
// At the end of each frame: stops the main loop if nothing has happened for kSettleMs. input_queued: input
// the UI has not handled yet (ImGui hands typed keys to the UI a few per frame), which keeps it drawing.
void frame_drawn(bool input_queued);
// Input anywhere on the page (pointer, wheel, keys, focus, resize, paste) wakes the console.
void listen_for_input();

}  // namespace wasm::redraw
