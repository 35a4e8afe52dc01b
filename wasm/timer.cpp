#include "timer.hpp"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <memory>

#include "redraw.hpp"

namespace wasm {

void call_after_ms(int milliseconds, std::function<void()> callback) {
  auto* owned = new std::function<void()>(std::move(callback));
  emscripten_async_call(
      [](void* argument) {
        std::unique_ptr<std::function<void()>> call(static_cast<std::function<void()>*>(argument));
        redraw::wake();  // what the timer does shows in the frames after it
        (*call)();
      },
      owned, milliseconds);
}

double now_ms() { return emscripten_get_now(); }

long long epoch_ms() { return static_cast<long long>(emscripten_date_now()); }

}  // namespace wasm
