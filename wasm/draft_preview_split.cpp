#include "draft_preview_split.hpp"

#include <imgui.h>

#include <algorithm>

#include "wasm/ui_text.hpp"

namespace wasm {

void DraftPreviewSplit::draw(const std::function<void()>& draw_draft, const std::function<void()>& draw_preview) {
  const float line = ImGui::GetFrameHeightWithSpacing();
  const float bar_height = std::max(6.0f, ImGui::GetFontSize() * 0.5f);
  const float total = ImGui::GetContentRegionAvail().y - bar_height - ImGui::GetStyle().ItemSpacing.y * 2;
  // Neither part shrinks below a few lines, however the bar is dragged.
  const float least = std::min(line * 3, total / 2);
  const float most = std::max(least, total * draft_share_);
  const float draft_height = std::clamp(draft_content_height_, least, most);

  ImGui::BeginChild("draft", ImVec2(0, draft_height), ImGuiChildFlags_None);
  draw_draft();
  draft_content_height_ = ImGui::GetCursorPosY();  // where the next item would go: the content's height, scrolled or not
  ImGui::EndChild();

  const ImVec2 bar_min = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::InvisibleButton("##draft-preview-bar", ImVec2(width, bar_height));
  const bool hovered = ImGui::IsItemHovered(), held = ImGui::IsItemActive();
  if (hovered || held) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNS);
  if (hovered && !held) ui::tooltip("Drag to give the draft or the preview more room; double-click to share as at first");
  if (held && total > 0) {
    const float dragged_to = std::clamp(draft_height + ImGui::GetIO().MouseDelta.y, least, total - least);
    draft_share_ = dragged_to / total;
  }
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) draft_share_ = kDefaultDraftShare;
  const ImU32 colour = ImGui::GetColorU32(held ? ImGuiCol_SeparatorActive : hovered ? ImGuiCol_SeparatorHovered : ImGuiCol_Separator);
  const float middle = bar_min.y + bar_height / 2;
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  draw_list->AddLine(ImVec2(bar_min.x, middle), ImVec2(bar_min.x + width, middle), colour, held || hovered ? 3.0f : 1.0f);
  const float grip = ImGui::GetFontSize() * 2.5f;  // says the line can be taken hold of
  draw_list->AddRectFilled(ImVec2(bar_min.x + (width - grip) / 2, middle - 2), ImVec2(bar_min.x + (width + grip) / 2, middle + 2),
                           ImGui::GetColorU32(ImGuiCol_SeparatorHovered), 2.0f);

  ImGui::BeginChild("preview", ImVec2(0, 0), ImGuiChildFlags_None);
  draw_preview();
  ImGui::EndChild();
}

}  // namespace wasm
