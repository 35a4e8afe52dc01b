#include "test_hook.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/api/secret.hpp"
#include "frame_items.hpp"
#include "painted_frame.hpp"

namespace wasm::test_hook {
namespace {

std::string last_snapshot = "{}";
std::vector<double> frame_cpu_ms;  // the most recent frames' CPU time, oldest first
constexpr std::size_t kFrameTimesKept = 600;
std::string state = "loading";
long frame_number = 0;
double first_frame_ms = 0;  // since navigation start (performance.now())
double member_shown_ms = 0;  // the first frame drawn in state "ready": the member is on screen

// CSS pixels: the canvas fills the page, so these are page coordinates.
nlohmann::json rect_json(const frame_items::Rect& rect, float ratio) {
  return {{"x", rect.min_x / ratio}, {"y", rect.min_y / ratio},
          {"w", (rect.max_x - rect.min_x) / ratio}, {"h", (rect.max_y - rect.min_y) / ratio}};
}

bool is_text(frame_items::Role role) { return role == frame_items::Role::Text || role == frame_items::Role::Heading; }

nlohmann::json matrix_json(const std::optional<frame_items::Matrix>& matrix, float ratio) {
  if (!matrix) return nullptr;
  return {{"type", matrix->type}, {"x", matrix->x / ratio}, {"y", matrix->y / ratio},
          {"cellWidth", matrix->cell_width / ratio}, {"cellHeight", matrix->cell_height / ratio},
          {"rows", matrix->rows}, {"columns", matrix->columns}, {"states", matrix->states},
          {"firstRow", matrix->first_row}, {"rowCount", matrix->row_count}};
}

}  // namespace

void frame_drawn(double cpu_ms) {
  if (++frame_number == 1) first_frame_ms = emscripten_get_now();
  if (member_shown_ms == 0 && state == "ready") member_shown_ms = emscripten_get_now();
  if (frame_cpu_ms.size() == kFrameTimesKept) frame_cpu_ms.erase(frame_cpu_ms.begin());
  frame_cpu_ms.push_back(cpu_ms);
}

namespace {
// Serialized only when a test asks: the console pays nothing per frame for JSON.
const std::string& serialize_last_frame() {
  const frame_items::Frame& frame = frame_items::last_frame();
  const float ratio = frame_items::pixel_ratio();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : frame.items) {
    auto entry = rect_json(item.rect, ratio);
    entry["label"] = item.label;
    entry["kind"] = is_text(item.role) ? "text" : "widget";
    entry["textW"] = item.text_width / ratio;
    entry["visibleW"] = item.visible_width / ratio;
    items.push_back(std::move(entry));
  }
  const ImGuiIO& io = ImGui::GetIO();
  last_snapshot = nlohmann::json{{"frame", frame_number}, {"painted", painted_frame::painted()}, {"state", state},
                                 {"pixelRatio", ratio},
                                 {"firstFrameMs", first_frame_ms}, {"memberShownMs", member_shown_ms},
                                 {"display", {io.DisplaySize.x, io.DisplaySize.y}},
                                 {"framebufferScale", {io.DisplayFramebufferScale.x, io.DisplayFramebufferScale.y}},
                                 {"frameCpuMs", frame_cpu_ms}, {"focused", frame.focused},
                                 // input ImGui has yet to hand the UI (a few typed keys a frame): what is shown may be stale
                                 {"inputQueued", !ImGui::GetCurrentContext()->InputEventsQueue.empty()},
                                 {"items", std::move(items)}, {"matrix", matrix_json(frame.matrix, ratio)}}
                      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return last_snapshot;
}
}  // namespace

void set_state(const std::string& new_state) { state = new_state; }

}  // namespace wasm::test_hook

extern "C" EMSCRIPTEN_KEEPALIVE const char* tokenscope_test_snapshot() {
  return wasm::test_hook::serialize_last_frame().c_str();
}

// The snapshot, once read, is wiped: it holds whatever the frame showed, a one-time secret included.
extern "C" EMSCRIPTEN_KEEPALIVE void tokenscope_test_snapshot_read() { core::api::wipe(wasm::test_hook::last_snapshot); }
