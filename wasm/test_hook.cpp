#include "test_hook.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

namespace wasm::test_hook {
namespace {

struct Item {
  std::string label;
  std::string kind;  // "text" or "widget"
  ImRect rect;
  float text_width = 0;     // the label's own width: a widget whose rectangle is narrower shows it cut
  float visible_width = 0;  // how much of the rectangle its clip rectangle (a table column, say) leaves in sight
};

struct FrameRecord {
  std::vector<Item> items;
  nlohmann::json matrix;
  std::unordered_map<ImGuiID, ImRect> rects;  // item id -> rectangle, from ItemAdd
  std::string focused;  // the label of the widget keyboard navigation is on
};

FrameRecord building;
FrameRecord last_frame;  // serialized only when a test asks: the console pays nothing per frame for JSON
std::string last_snapshot = "{}";
std::vector<double> frame_cpu_ms;  // the most recent frames' CPU time, oldest first
constexpr std::size_t kFrameTimesKept = 600;
std::string state = "loading";
float ratio = 1.0f;
long frame_number = 0;
double first_frame_ms = 0;  // since navigation start (performance.now())
double member_shown_ms = 0;  // the first frame drawn in state "ready": the member is on screen

bool visible(const ImRect& rect) {
  ImGuiWindow* window = ImGui::GetCurrentWindowRead();
  return window == nullptr || window->ClipRect.Overlaps(rect);
}

Item item_of(std::string label, std::string kind, const ImRect& rect) {
  const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
  const float visible_width = window == nullptr ? rect.GetWidth()
                                                : std::min(rect.Max.x, window->ClipRect.Max.x) - std::max(rect.Min.x, window->ClipRect.Min.x);
  const float text_width = ImGui::CalcTextSize(label.c_str()).x;
  return {std::move(label), std::move(kind), rect, text_width, visible_width};
}

nlohmann::json rect_json(const ImRect& rect) {
  // CSS pixels: the canvas fills the page, so these are page coordinates.
  return {{"x", rect.Min.x / ratio}, {"y", rect.Min.y / ratio},
          {"w", (rect.Max.x - rect.Min.x) / ratio}, {"h", (rect.Max.y - rect.Min.y) / ratio}};
}

}  // namespace

void begin_frame(float pixel_ratio) {
  ratio = pixel_ratio > 0 ? pixel_ratio : 1.0f;
  ImGui::GetCurrentContext()->TestEngineHookItems = true;
}

void record_text(const std::string& text) {
  ImRect rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  if (visible(rect)) building.items.push_back(item_of(text, "text", rect));
}

// A widget with no visible label ("##filter") is named by its id instead ("#filter"), so tests can find it.
void record_widget(const std::string& label, float min_x, float min_y, float max_x, float max_y) {
  std::string text = label;
  if (text.rfind("##", 0) == 0) text.erase(0, 1);
  else if (auto hidden = text.find("##"); hidden != std::string::npos) text.resize(hidden);
  const ImRect rect(min_x, min_y, max_x, max_y);
  if (!text.empty() && text != "#" && visible(rect)) building.items.push_back(item_of(text, "widget", rect));
}

void end_frame(double cpu_ms) {
  if (++frame_number == 1) first_frame_ms = emscripten_get_now();
  if (member_shown_ms == 0 && state == "ready") member_shown_ms = emscripten_get_now();
  if (frame_cpu_ms.size() == kFrameTimesKept) frame_cpu_ms.erase(frame_cpu_ms.begin());
  frame_cpu_ms.push_back(cpu_ms);
  last_frame = std::move(building);
  building = FrameRecord{};
}

namespace {
const std::string& serialize_last_frame() {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : last_frame.items) {
    auto entry = rect_json(item.rect);
    entry["label"] = item.label;
    entry["kind"] = item.kind;
    entry["textW"] = item.text_width / ratio;
    entry["visibleW"] = item.visible_width / ratio;
    items.push_back(std::move(entry));
  }
  const ImGuiIO& io = ImGui::GetIO();
  last_snapshot = nlohmann::json{{"frame", frame_number}, {"state", state}, {"pixelRatio", ratio},
                                 {"firstFrameMs", first_frame_ms}, {"memberShownMs", member_shown_ms},
                                 {"display", {io.DisplaySize.x, io.DisplaySize.y}},
                                 {"framebufferScale", {io.DisplayFramebufferScale.x, io.DisplayFramebufferScale.y}},
                                 {"frameCpuMs", frame_cpu_ms}, {"focused", last_frame.focused},
                                 {"items", std::move(items)}, {"matrix", last_frame.matrix}}
                      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return last_snapshot;
}
}  // namespace

void set_state(const std::string& new_state) { state = new_state; }

void record_matrix(const std::string& type, float x, float y, float cell_width, float cell_height,
                   const std::vector<std::string>& rows, const std::vector<std::string>& columns,
                   const std::vector<int>& states, int first_row, int row_count) {
  building.matrix = {{"type", type}, {"x", x / ratio}, {"y", y / ratio}, {"cellWidth", cell_width / ratio},
                     {"cellHeight", cell_height / ratio}, {"rows", rows}, {"columns", columns}, {"states", states},
                     {"firstRow", first_row}, {"rowCount", row_count}};
}

}  // namespace wasm::test_hook

// Dear ImGui's test-engine hooks: every item's rectangle, and the label of labelled widgets.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*) {
  if (id != 0) wasm::test_hook::building.rects[id] = bb;
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* context, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  using namespace wasm::test_hook;
  auto it = building.rects.find(id);
  if (it == building.rects.end() || label == nullptr) return;
  if (id == context->NavId || id == context->ActiveId) {
    building.focused = label;
    if (auto hidden = building.focused.find("##"); hidden != std::string::npos) building.focused.resize(hidden);
  }
  record_widget(label, it->second.Min.x, it->second.Min.y, it->second.Max.x, it->second.Max.y);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

extern "C" EMSCRIPTEN_KEEPALIVE const char* tokenscope_test_snapshot() {
  return wasm::test_hook::serialize_last_frame().c_str();
}
