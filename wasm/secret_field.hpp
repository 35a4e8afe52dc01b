#pragma once
// A masked text field for a secret (an access token pasted to connect). Its text lives in a buffer of fixed
// size, which editing never moves, and is wiped when taken. Dear ImGui keeps copies of what a field holds while
// it is edited (its text-edit state, the undo record, the text kept for a field that just lost the focus): they
// are wiped in the first frame the field no longer has the keyboard.
#include <array>

#include <imgui.h>

#include "core/api/secret.hpp"

namespace wasm {

class SecretField {
 public:
  // Draws the field (its text shown as bullets, and as bullets to the screen-reader mirror); true when Enter
  // was pressed in it. Call every frame, even when the field is not shown (with shown = false): ImGui's copies
  // are wiped from here once the field lets go of the keyboard.
  bool draw(const char* label, const char* hint, bool shown = true);
  bool empty() const { return text_[0] == '\0'; }
  core::api::Secret take();  // its text, now the caller's; the field is empty and every copy wiped

 private:
  void wipe_imgui_copies();

  std::array<char, 1024> text_{};
  ImGuiID id_ = 0;
  bool imgui_holds_copies_ = false;
};

}  // namespace wasm
