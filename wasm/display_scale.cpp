#include "display_scale.hpp"

#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>

namespace wasm {

bool DisplayScale::sync() {
  double css_width = 0, css_height = 0;
  emscripten_get_element_css_size("#canvas", &css_width, &css_height);
  const auto ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
  const int width_px = std::max(1, static_cast<int>(std::lround(css_width * ratio)));
  const int height_px = std::max(1, static_cast<int>(std::lround(css_height * ratio)));
  // Compared with GLFW's own idea of the size every frame: the emulation also resizes on its own events.
  int window_width = 0, window_height = 0;
  glfwGetWindowSize(window_, &window_width, &window_height);
  if (width_px != window_width || height_px != window_height) {
    // Not glfwSetWindowSize: the emulation takes a size equal to the screen's for a fullscreen request.
    // Browser.setCanvasSize sets the backing store (not the CSS size) and tells GLFW through its listeners.
    EM_ASM({ Module['setCanvasSize']($0, $1); }, width_px, height_px);
  }
  const bool changed = ratio != ratio_;
  ratio_ = ratio;
  return changed;
}

}  // namespace wasm
