#include "screen_reader.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "frame_items.hpp"
#include "redraw.hpp"

// clang-format off
EM_JS(void, mirror_update, (const char* frame, unsigned console_focus), {
  if (window.tokenscopeScreenReader) window.tokenscopeScreenReader.update(frame ? UTF8ToString(frame) : null, console_focus);
});

EM_JS(void, mirror_announce, (const char* text, int urgent), {
  if (window.tokenscopeScreenReader) window.tokenscopeScreenReader.announce(UTF8ToString(text), urgent !== 0);
});
// clang-format on

namespace wasm::screen_reader {
namespace {

using frame_items::Item;
using frame_items::Role;
using frame_items::Tone;

struct Actionable {
  Role role = Role::Button;
  bool disabled = false;
};

std::string last_published;
unsigned last_focus_told = 0;  // the console's keyboard focus, as last told to the mirror
std::unordered_map<unsigned, Actionable> actionable;  // the widgets of the last frame handed over, by ImGui id
std::set<std::pair<std::string, bool>> results_shown;  // the results (text, is an error) of the last frame handed over
unsigned activate_next = 0;
unsigned focus_next = 0;

const char* role_name(Role role) {
  switch (role) {
    case Role::Text: return "text";
    case Role::Heading: return "heading";
    case Role::Button: return "button";
    case Role::TextField: return "textbox";
    case Role::Checkbox: return "checkbox";
    case Role::Radio: return "radio";
    case Role::Expander: return "expander";
    case Role::Combobox: return "combobox";
    case Role::ColumnHeader: return "columnheader";
    case Role::Window: return "window";
  }
  return "text";
}

const char* tone_name(Tone tone) {
  switch (tone) {
    case Tone::Error: return "error";
    case Tone::Warning: return "warning";
    case Tone::Good: return "good";
    default: return "";
  }
}

bool plain(const Item& item) {
  return item.role == Role::Text && (item.tone == Tone::Plain || item.tone == Tone::Muted);
}

// Texts drawn on one line ("Acting as", a name, an email) are read as one.
bool continues_line(const Item& before, const Item& item) {
  return plain(before) && plain(item) && before.table == item.table && before.row == item.row &&
         before.column == item.column && std::fabs(before.rect.min_y - item.rect.min_y) < 1.0f;
}

// A modal dialog covers the rest: only what is in it is read and can be acted on.
unsigned modal_dialog(const std::vector<Item>& items) {
  unsigned dialog = 0;
  for (const Item& item : items)
    if (item.dialog != 0) dialog = item.dialog;
  return dialog;
}

nlohmann::json node_of(const Item& item) {
  nlohmann::json node = {{"role", role_name(item.role)}, {"name", item.label}};
  if (item.id != 0 && item.role != Role::Text && item.role != Role::Heading) node["id"] = item.id;
  if (const char* tone = tone_name(item.tone); *tone != '\0') node["tone"] = tone;
  if (item.role == Role::Checkbox || item.role == Role::Radio) node["checked"] = item.checked;
  if (item.role == Role::Expander || item.role == Role::Combobox) node["expanded"] = item.expanded;
  if (item.role == Role::TextField) node["value"] = item.value;
  if (item.disabled) node["disabled"] = true;
  if (item.table != 0) node["cell"] = {item.table, item.row, item.column};
  return node;
}

// The matrix the shader draws, as a table: its rows in sight, each cell's state by name, and where each cell
// is (CSS pixels), so that pressing one clicks it on the canvas and the console explains it.
nlohmann::json matrix_node(const frame_items::Matrix& matrix, float ratio) {
  nlohmann::json rows = nlohmann::json::array();
  const std::size_t columns = matrix.columns.size();
  for (std::size_t r = 0; r < matrix.rows.size() && columns > 0; ++r) {
    nlohmann::json cells = nlohmann::json::array();
    for (std::size_t c = 0; c < columns && r * columns + c < matrix.states.size(); ++c) {
      const int state = matrix.states[r * columns + c];
      cells.push_back(state >= 0 && static_cast<std::size_t>(state) < matrix.state_names.size() ? matrix.state_names[state] : "");
    }
    rows.push_back({{"name", matrix.rows[r]}, {"cells", std::move(cells)}});
  }
  return {{"role", "matrix"}, {"name", "What it may do, by " + matrix.type}, {"columns", matrix.columns},
          {"rows", std::move(rows)}, {"x", matrix.x / ratio}, {"y", matrix.y / ratio},
          {"cellWidth", matrix.cell_width / ratio}, {"cellHeight", matrix.cell_height / ratio}};
}

}  // namespace

void before_frame() {
  if (auto found = actionable.find(activate_next); activate_next != 0 && found != actionable.end() && !found->second.disabled) {
    ImGui::ActivateItemByID(activate_next);
    // A field is activated for typing, as a click in it would.
    if (found->second.role == Role::TextField) ImGui::GetCurrentContext()->NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
  }
  activate_next = 0;
  if (auto found = actionable.find(focus_next); focus_next != 0 && found != actionable.end() && !found->second.disabled) {
    // A field given the focus takes typing at once; anything else gets keyboard navigation's highlight.
    if (found->second.role == Role::TextField && ImGui::GetActiveID() != focus_next) {
      ImGui::ActivateItemByID(focus_next);
      ImGui::GetCurrentContext()->NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
    } else if (found->second.role != Role::TextField) {
      frame_items::focus_when_drawn(focus_next);
    }
  }
  focus_next = 0;
}

void after_frame() {
  const frame_items::Frame& frame = frame_items::last_frame();
  const unsigned dialog = modal_dialog(frame.items);
  nlohmann::json nodes = nlohmann::json::array();
  std::unordered_map<unsigned, Actionable> widgets;
  std::set<std::pair<std::string, bool>> results;
  std::string dialog_title;
  const Item* previous = nullptr;
  for (std::size_t i = 0; i <= frame.items.size(); ++i) {
    if (frame.matrix && frame.matrix->after_item == i && dialog == 0) {
      nodes.push_back(matrix_node(*frame.matrix, frame_items::pixel_ratio()));
      previous = nullptr;
    }
    if (i == frame.items.size()) break;
    const Item& item = frame.items[i];
    if (item.announced) results.emplace(item.label, item.tone == Tone::Error);  // under a dialog too: it is said
    // A window's own entry, and a widget with no name for a person (the matrix's mouse area, "#matrix").
    if (item.role == Role::Window || item.dialog != dialog || (item.id != 0 && item.label.front() == '#')) continue;
    if (item.dialog != 0) dialog_title = item.dialog_title;
    if (item.id != 0 && item.role != Role::Text && item.role != Role::Heading) widgets[item.id] = {item.role, item.disabled};
    if (previous != nullptr && continues_line(*previous, item)) {
      nodes.back()["name"] = nodes.back()["name"].get<std::string>() + " " + item.label;
    } else {
      nodes.push_back(node_of(item));
    }
    previous = &item;
  }
  std::vector<std::pair<std::string, bool>> to_announce;  // the results that just appeared; errors urgently
  for (const auto& result : results)
    if (results_shown.count(result) == 0) to_announce.push_back(result);
  results_shown = std::move(results);
  actionable = std::move(widgets);

  const bool focus_known = frame.focused_id != 0 && actionable.count(frame.focused_id) != 0;
  nlohmann::json mirror = {{"nodes", std::move(nodes)},
                           {"dialog", dialog == 0 ? nlohmann::json(nullptr) : nlohmann::json(dialog_title)},
                           {"focus", focus_known && frame.focus_shown ? frame.focused_id : 0u}};
  std::string published = mirror.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // The keyboard focus is told as soon as it moves, shown or not: a key pressed on the mirror goes to the widget the
  // console has the focus on, not to one the mirror (updated at most every 100 ms) still has.
  if (published != last_published) {
    last_published = std::move(published);
    mirror_update(last_published.c_str(), frame.focused_id);
  } else if (frame.focused_id != last_focus_told) {
    mirror_update(nullptr, frame.focused_id);
  }
  last_focus_told = frame.focused_id;
  for (const auto& [text, urgent] : to_announce) mirror_announce(text.c_str(), urgent ? 1 : 0);
}

}  // namespace wasm::screen_reader

extern "C" EMSCRIPTEN_KEEPALIVE void tokenscope_screen_reader_activate(unsigned id) {
  wasm::screen_reader::activate_next = id;
  wasm::redraw::wake();
}

extern "C" EMSCRIPTEN_KEEPALIVE void tokenscope_screen_reader_focus(unsigned id) {
  wasm::screen_reader::focus_next = id;
  wasm::redraw::wake();
}
