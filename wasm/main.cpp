// The console's entry point: a WebGL2 context through GLFW, Dear ImGui, and the browser's main loop.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdio>

#include "clipboard.hpp"
#include "console_app.hpp"
#include "display_scale.hpp"
#include "frame_items.hpp"
#include "gl_state_cache.hpp"
#include "painted_frame.hpp"
#include "redraw.hpp"
#include "screen_reader.hpp"
#include "test_hook.hpp"

// DejaVu Sans cut down to the glyph ranges the atlas rasterizes (cmake/subset_font.py).
extern const unsigned char kConsoleFontTtf[];
extern const std::size_t kConsoleFontTtf_size;
extern const ImWchar kConsoleFontGlyphRanges[];

namespace {

constexpr float kFontSizeCss = 16.0f;

struct Console {
  GLFWwindow* window = nullptr;
  wasm::DisplayScale* scale = nullptr;
  wasm::ConsoleApp app;
  ImGuiStyle base_style;
};

Console console;

// The UI works in device pixels: fonts are rasterized and sizes scaled at the pixel ratio, so text is sharp.
void apply_pixel_ratio(float ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;
  config.OversampleH = 1;  // glyphs are rasterized at device pixels: no sub-pixel copies needed
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(kConsoleFontTtf), static_cast<int>(kConsoleFontTtf_size),
                                 kFontSizeCss * ratio, &config, kConsoleFontGlyphRanges);
  io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  wasm::painted_frame::content_changed();
  ImGui::GetStyle() = console.base_style;
  ImGui::GetStyle().ScaleAllSizes(ratio);
}

void frame() {
  const double started = emscripten_get_now();
  if (console.scale->sync()) apply_pixel_ratio(console.scale->ratio());
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  wasm::screen_reader::before_frame();
  ImGui::NewFrame();
  wasm::frame_items::begin_frame(console.scale->ratio());
  console.app.draw();
  ImGui::Render();
  wasm::wipe_taken_paste();

  int width = 0, height = 0;
  glfwGetFramebufferSize(console.window, &width, &height);
  if (wasm::painted_frame::differs_from_last_painted(*ImGui::GetDrawData(), width, height)) {
    glViewport(0, 0, width, height);
    glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  }
  wasm::frame_items::end_frame();
  wasm::screen_reader::after_frame();
  wasm::test_hook::frame_drawn(emscripten_get_now() - started);
  wasm::redraw::frame_drawn(!ImGui::GetCurrentContext()->InputEventsQueue.empty());
}

// clang-format off
// A page put in the back-forward cache comes back without its secrets: it starts again, as a reload does.
EM_JS(void, tokenscope_listen_for_page_hide, (), {
  window.addEventListener('pagehide', function () { _tokenscope_page_hidden(); });
  window.addEventListener('pageshow', function (event) { if (event.persisted) location.reload(); });
});
// clang-format on

}  // namespace

// The page may be frozen right after this handler: two frames drawn now replace what the last ones showed of a
// secret (the test hook's and the screen-reader mirror's copies of the visible text).
extern "C" EMSCRIPTEN_KEEPALIVE void tokenscope_page_hidden() {
  console.app.forget_secrets();
  frame();
  frame();
}

int main() {
  if (!glfwInit()) {
    std::fprintf(stderr, "TokenScope: GLFW could not start\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // The attributes web/loader.js created the canvas's context with (it is made there, while the bundle
  // downloads): ImGui needs no alpha, depth, stencil or multisampling.
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  glfwWindowHint(GLFW_SAMPLES, 0);
  // The size web/loader.js gave the canvas: creating the window at another size would resize it, and each
  // resize of a WebGL canvas reallocates its buffers.
  int canvas_width = 0, canvas_height = 0;
  emscripten_get_canvas_element_size("#canvas", &canvas_width, &canvas_height);
  console.window = glfwCreateWindow(std::max(canvas_width, 1), std::max(canvas_height, 1), "TokenScope", nullptr, nullptr);
  if (console.window == nullptr) {
    std::fprintf(stderr, "TokenScope: WebGL2 is not available\n");
    return 1;
  }
  glfwMakeContextCurrent(console.window);
  wasm::cache_gl_state_reads();

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing is written to browser storage
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would keep an idle console drawing
  ImGui::StyleColorsDark();
  console.base_style = ImGui::GetStyle();
  ImGui_ImplGlfw_InitForOpenGL(console.window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  wasm::connect_clipboard();
  tokenscope_listen_for_page_hide();

  static wasm::DisplayScale scale(console.window);
  console.scale = &scale;
  wasm::redraw::listen_for_input();
  wasm::redraw::wake();
  console.app.start();
  frame();  // at once: the browser's next animation frame may be tens of milliseconds away
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
