#include "redraw.hpp"

#include <emscripten/emscripten.h>

// The clock is emscripten_get_now(), as timer.hpp's now_ms(): timer.cpp wakes the redraw, not the other way.
namespace wasm::redraw {
namespace {

double last_wake_ms = 0;
bool animating = false;
int requests_in_flight = 0;
bool paused = false;

}  // namespace

void wake() {
  last_wake_ms = emscripten_get_now();
  if (!paused) return;
  paused = false;
  emscripten_resume_main_loop();
}

void animate() { animating = true; }

void request_started() { ++requests_in_flight; }

void request_finished() {
  if (requests_in_flight > 0) --requests_in_flight;
  wake();
}

void frame_drawn(bool input_queued) {
  if (input_queued) last_wake_ms = emscripten_get_now();  // what the input does settles a second after it is handled
  const bool busy = animating || requests_in_flight > 0 || emscripten_get_now() - last_wake_ms < kSettleMs;
  animating = false;
  if (busy || paused) return;
  paused = true;
  emscripten_pause_main_loop();
}

EM_JS(void, tokenscope_listen_for_input, (), {
  const wakeUp = function () { _tokenscope_wake(); };
  for (const type of ['pointerdown', 'pointermove', 'pointerup', 'wheel', 'keydown', 'keyup', 'focus', 'blur',
                      'resize', 'paste', 'touchstart', 'touchmove', 'touchend', 'visibilitychange'])
    window.addEventListener(type, wakeUp, {capture: true, passive: true});
});

void listen_for_input() { tokenscope_listen_for_input(); }

}  // namespace wasm::redraw

extern "C" EMSCRIPTEN_KEEPALIVE void tokenscope_wake() { wasm::redraw::wake(); }
