#include "frame_items.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <unordered_map>

namespace wasm::frame_items {
namespace {

struct Added {
  ImRect rect;
  bool disabled = false;
};

Frame building;
Frame last;
std::unordered_map<ImGuiID, Added> added;  // this frame's items, from ImGui's ItemAdd hook
float ratio = 1.0f;
ImGuiID focus_next = 0;

bool visible(const ImRect& rect) {
  ImGuiWindow* window = ImGui::GetCurrentWindowRead();
  return window == nullptr || window->ClipRect.Overlaps(rect);
}

std::string without_id(const std::string& label) {
  std::string text = label;
  if (text.rfind("##", 0) == 0) text.erase(0, 1);
  else if (auto hidden = text.find("##"); hidden != std::string::npos) text.resize(hidden);
  return text;
}

// Where the item being recorded is: its table cell and its modal dialog, if any.
void place(Item& item) {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGuiWindow* window = g.CurrentWindow;
  if (const ImGuiTable* table = g.CurrentTable; table != nullptr && window != nullptr && table->InnerWindow == window) {
    item.table = table->ID;
    item.row = table->CurrentRow;
    item.column = table->CurrentColumn;
  }
  for (ImGuiWindow* at = window; at != nullptr; at = at->ParentWindow) {
    if ((at->Flags & ImGuiWindowFlags_Modal) != 0) {
      item.dialog = at->ID;
      item.dialog_title = without_id(at->Name);
      break;
    }
  }
}

void add(Item item, const ImRect& rect) {
  const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
  item.rect = {rect.Min.x, rect.Min.y, rect.Max.x, rect.Max.y};
  item.visible_width = window == nullptr ? rect.GetWidth()
                                         : std::min(rect.Max.x, window->ClipRect.Max.x) - std::max(rect.Min.x, window->ClipRect.Min.x);
  item.text_width = ImGui::CalcTextSize(item.label.c_str()).x;
  place(item);
  building.items.push_back(std::move(item));
}

void note_focus(ImGuiID id, const std::string& label) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (id == focus_next && g.CurrentWindow != nullptr) {
    ImGui::SetFocusID(id, g.CurrentWindow);
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
    focus_next = 0;
  }
  if (id != g.NavId && id != g.ActiveId) return;
  building.focused = label;
  building.focused_id = id;
  building.focus_shown = !g.NavDisableHighlight || id == g.ActiveId;
}

}  // namespace

void begin_frame(float pixel_ratio) {
  ratio = pixel_ratio > 0 ? pixel_ratio : 1.0f;
  ImGui::GetCurrentContext()->TestEngineHookItems = true;
}

void end_frame() {
  last = std::move(building);
  building = Frame{};
  added.clear();
}

const Frame& last_frame() { return last; }

float pixel_ratio() { return ratio; }

void record_text(const std::string& text, Tone tone, Role role, bool announced) {
  const ImRect rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  if (!visible(rect)) return;
  Item item;
  item.label = text;
  item.role = role;
  item.tone = tone;
  item.announced = announced;
  add(std::move(item), rect);
}

void record_widget(const std::string& label, Rect at, Role role, unsigned id, bool expanded) {
  const std::string text = without_id(label);
  const ImRect rect(at.min_x, at.min_y, at.max_x, at.max_y);
  if (text.empty() || text == "#" || !visible(rect)) return;
  if (id != 0) {
    // ImGui reported the widget already, under its id ("#key"): it is the widget named here.
    for (auto it = building.items.rbegin(); it != building.items.rend() && it - building.items.rbegin() < 4; ++it) {
      if (it->id != id) continue;
      it->label = text;
      it->role = role;
      it->text_width = ImGui::CalcTextSize(text.c_str()).x;
      if (building.focused_id == id) building.focused = text;
      return;
    }
  }
  Item item;
  item.label = text;
  item.role = role;
  item.id = id;
  item.expanded = expanded;
  if (auto found = added.find(id); id != 0 && found != added.end()) item.disabled = found->second.disabled;
  add(std::move(item), rect);
  if (id != 0) note_focus(id, text);
}

void record_matrix(Matrix matrix) {
  matrix.after_item = building.items.size();
  building.matrix = std::move(matrix);
}

void focus_when_drawn(unsigned id) { focus_next = id; }

void describe_last(unsigned id, Role role, bool checked) {
  if (building.items.empty() || building.items.back().id != id) return;  // not in sight
  building.items.back().role = role;
  building.items.back().checked = checked;
}

void describe_value(unsigned id, std::string value) {
  if (!building.items.empty() && building.items.back().id == id) building.items.back().value = std::move(value);
}

}  // namespace wasm::frame_items

// Dear ImGui's test-engine hooks: every item's rectangle, and the label and status of labelled widgets.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* item) {
  if (id != 0)
    wasm::frame_items::added[id] = {bb, item != nullptr && (item->InFlags & ImGuiItemFlags_Disabled) != 0};
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  using namespace wasm::frame_items;
  auto it = added.find(id);
  if (it == added.end() || label == nullptr) return;
  const std::string text = without_id(label);
  note_focus(id, text);
  if (text.empty() || text == "#" || !visible(it->second.rect)) return;
  Item item;
  item.label = text;
  item.id = id;
  item.disabled = it->second.disabled;
  if (ImGuiWindow* window = ImGui::FindWindowByID(id); window != nullptr && window->ID == id) {
    item.role = Role::Window;
  } else if ((flags & ImGuiItemStatusFlags_Inputable) != 0) {
    item.role = Role::TextField;
  } else if ((flags & ImGuiItemStatusFlags_Checkable) != 0) {
    item.role = Role::Checkbox;
    item.checked = (flags & ImGuiItemStatusFlags_Checked) != 0;
  } else if ((flags & ImGuiItemStatusFlags_Openable) != 0) {
    item.role = Role::Expander;
    item.expanded = (flags & ImGuiItemStatusFlags_Opened) != 0;
  } else {
    item.role = Role::Button;
  }
  add(std::move(item), it->second.rect);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
