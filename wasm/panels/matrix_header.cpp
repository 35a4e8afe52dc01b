#include "wasm/panels/matrix_header.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

#include "wasm/ui_text.hpp"
#include "wasm/ui_theme.hpp"

namespace wasm::panels {
namespace {

using core::policy::ActionKind;

// "updateTargets" -> "Targets": the verb most columns share says nothing; the kind's heading says it.
std::string short_name(std::string_view action) {
  if (action.starts_with("update") && action.size() > 6) return std::string(action.substr(6));
  return std::string(action);
}

// The text cut to width with an ellipsis.
std::string fitted(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  const char* ellipsis = ImGui::GetFont()->FindGlyphNoFallback(0x2026) != nullptr ? "\xE2\x80\xA6" : ".";
  std::string cut = text;
  while (!cut.empty() && ImGui::CalcTextSize((cut + ellipsis).c_str()).x > width) cut.pop_back();
  return cut + ellipsis;
}

// Runs of columns of one kind: [begin, end) each.
std::vector<std::pair<std::size_t, std::size_t>> kinds_of(const std::vector<MatrixColumn>& columns) {
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  for (std::size_t c = 0; c < columns.size();) {
    std::size_t end = c + 1;
    while (end < columns.size() && columns[end].kind == columns[c].kind) ++end;
    runs.emplace_back(c, end);
    c = end;
  }
  return runs;
}

// Text turned a quarter to the left (read bottom to top), starting at (x, bottom).
void draw_upright(ImDrawList* draw_list, const std::string& text, float x, float bottom, ImU32 colour) {
  // Laid out level at (x, bottom - size), inside the clip rectangle, then turned about that point.
  const ImVec2 at(x, bottom - ImGui::GetFontSize());
  const int first_vertex = draw_list->VtxBuffer.Size;
  draw_list->AddText(at, colour, text.c_str());
  ImGui::ShadeVertsTransformPos(draw_list, first_vertex, draw_list->VtxBuffer.Size, at, 0.0f, -1.0f, ImVec2(x, bottom));
}

std::string actions_count(std::size_t count) { return std::to_string(count) + (count == 1 ? " action" : " actions"); }

}  // namespace

std::vector<MatrixColumn> matrix_columns(std::span<const std::string_view> actions, bool every_action,
                                         const std::set<ActionKind>& opened_kinds) {
  std::vector<MatrixColumn> columns;
  for (ActionKind kind : core::policy::every_kind()) {
    std::vector<std::size_t> of_kind;
    for (std::size_t a = 0; a < actions.size(); ++a)
      if (core::policy::action_kind(actions[a]) == kind) of_kind.push_back(a);
    if (of_kind.empty()) continue;
    const std::string heading(core::policy::kind_heading(kind));
    if (of_kind.size() > 1 && !every_action && !opened_kinds.contains(kind)) {
      columns.push_back({kind, of_kind, true, heading + " (" + actions_count(of_kind.size()) + ")"});
      continue;
    }
    for (std::size_t a : of_kind) columns.push_back({kind, {a}, of_kind.size() == 1, std::string(actions[a])});
  }
  return columns;
}

std::optional<ActionKind> draw_matrix_header(const std::vector<MatrixColumn>& columns, std::span<const std::string_view> actions,
                                             float x, float cell_width) {
  const float size = ImGui::GetFontSize();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const bool upright = cell_width >= size * 0.9f;  // narrower columns would overlap: names on hover only
  auto name_of = [&](const MatrixColumn& column) {
    return column.whole_kind ? std::string(core::policy::kind_heading(column.kind)) : short_name(actions[column.actions.front()]);
  };
  float longest = 0;
  for (const auto& column : columns) longest = std::max(longest, ImGui::CalcTextSize(name_of(column).c_str()).x);
  const float names_height = upright ? std::min(size * 6.5f, longest + 6) : line * 0.5f;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  std::optional<ActionKind> clicked;

  // Over an opened kind's columns, its heading; every other kind's band is shaded apart from the next.
  const auto runs = kinds_of(columns);
  const bool any_open = std::any_of(runs.begin(), runs.end(), [](const auto& run) { return run.second - run.first > 1; });
  const float heading_row = any_open ? line : 0.0f;
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const auto [begin, end] = runs[k];
    const float left = x + cell_width * static_cast<float>(begin), right = x + cell_width * static_cast<float>(end);
    if (k % 2 == 1)
      draw_list->AddRectFilled(ImVec2(left, top.y), ImVec2(right, top.y + heading_row + names_height),
                               ImGui::GetColorU32(ImGuiCol_TableRowBgAlt));
    if (end - begin < 2) continue;
    const ActionKind kind = columns[begin].kind;
    const std::string heading(core::policy::kind_heading(kind));
    ImGui::SetCursorScreenPos(ImVec2(left, top.y));
    if (ImGui::InvisibleButton((heading + "##kind-" + std::to_string(k)).c_str(), ImVec2(right - left, line))) clicked = kind;
    if (ImGui::IsItemHovered())
      ui::tooltip(heading + ": " + actions_count(end - begin) + " (" + std::string(core::policy::kind_words(kind)) +
              "). Click to sum them up in one column.");
    draw_list->AddText(ImVec2(left + 2, top.y), ImGui::GetColorU32(ImGuiCol_Text), fitted(heading, right - left - 4).c_str());
    draw_list->AddLine(ImVec2(left + 2, top.y + line - 2), ImVec2(right - 2, top.y + line - 2), ImGui::GetColorU32(theme::kMuted));
  }

  // Each column's name upright: a kind's heading where the column stands for the kind, else the action's.
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const MatrixColumn& column = columns[c];
    const float left = x + cell_width * static_cast<float>(c);
    ImGui::SetCursorScreenPos(ImVec2(left, top.y + heading_row));
    const bool pressed = ImGui::InvisibleButton((column.label + "##matrix-column-" + std::to_string(c)).c_str(),
                                                ImVec2(cell_width, names_height));
    const std::string words(core::policy::kind_words(column.kind));
    const std::string heading(core::policy::kind_heading(column.kind));
    if (ImGui::IsItemHovered()) {
      draw_list->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ImGui::GetColorU32(ImGuiCol_HeaderHovered));
      if (column.actions.size() > 1)
        ui::tooltip(heading + ": " + actions_count(column.actions.size()) + " (" + words + "). Click to show each.");
      else
        ui::tooltip(std::string(actions[column.actions.front()]) + " (" + heading + ": " + words + ")");
    }
    if (pressed && column.actions.size() > 1) clicked = column.kind;
    if (!upright) continue;
    draw_upright(draw_list, fitted(name_of(column), names_height - 4), left + (cell_width - size) * 0.5f, top.y + heading_row + names_height - 2,
                 column.whole_kind ? ImGui::GetColorU32(ImGuiCol_Text) : ImGui::GetColorU32(theme::kMuted));
  }
  ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + heading_row + names_height));
  ImGui::Dummy(ImVec2(0, 0));
  return clicked;
}

void draw_kind_gaps(const std::vector<MatrixColumn>& columns, float x, float y, float cell_width, float height) {
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  const ImU32 gap = ImGui::GetColorU32(ImGuiCol_WindowBg);
  const auto runs = kinds_of(columns);
  for (std::size_t k = 1; k < runs.size(); ++k) {
    const float at = x + cell_width * static_cast<float>(runs[k].first);
    draw_list->AddLine(ImVec2(at, y), ImVec2(at, y + height), gap, 2.0f);
  }
}

}  // namespace wasm::panels
