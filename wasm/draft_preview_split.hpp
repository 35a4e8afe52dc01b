#pragma once
// The draft column in two parts, one above the other: the draft (its scope, statements, create and export) and
// the preview of it. The draft part is as tall as its content up to a share of the column; a longer draft
// scrolls in its part, so the preview keeps its room however many statements the draft has. The bar between
// the parts is dragged to move the share, and double-clicked to put it back.
#include <functional>

namespace wasm {

class DraftPreviewSplit {
 public:
  // Draws both parts in the space left in the current window.
  void draw(const std::function<void()>& draw_draft, const std::function<void()>& draw_preview);

  static constexpr float kDefaultDraftShare = 0.4f;

 private:
  float draft_share_ = kDefaultDraftShare;  // the most of the column the draft part takes
  float draft_content_height_ = 0;          // how tall the draft was last frame
};

}  // namespace wasm
