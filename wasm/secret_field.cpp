#include "wasm/secret_field.hpp"

#include <imgui_internal.h>

#include <cstring>
#include <span>
#include <string>

#include "wasm/frame_items.hpp"

namespace wasm {
namespace {

// What the buffer holds past its first `live` elements.
template <typename T>
void wipe_past(ImVector<T>& buffer, int live) {
  if (live >= buffer.Capacity) return;
  std::memset(static_cast<void*>(buffer.Data + live), 0, sizeof(T) * static_cast<std::size_t>(buffer.Capacity - live));
}

}  // namespace

bool SecretField::draw(const char* label, const char* hint, bool shown) {
  if (!shown) {
    wipe_imgui_copies();
    return false;
  }
  const bool entered = ImGui::InputTextWithHint(label, hint, text_.data(), text_.size(),
                                                ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  id_ = ImGui::GetItemID();
  std::string bullets;  // as ImGui masks it
  for (std::size_t i = 0, length = std::strlen(text_.data()); i < length; ++i) bullets += "\u2022";
  frame_items::describe_value(id_, std::move(bullets));
  if (ImGui::IsItemActive()) imgui_holds_copies_ = true;
  else wipe_imgui_copies();
  return entered;
}

core::api::Secret SecretField::take() {
  auto secret = core::api::Secret::copy_of(text_.data());
  core::api::wipe(std::span<char>(text_));
  if (GImGui->ActiveId == id_) ImGui::ClearActiveID();
  wipe_imgui_copies();
  return secret;
}

void SecretField::wipe_imgui_copies() {
  if (!imgui_holds_copies_ || GImGui->ActiveId == id_) return;
  ImGuiContext& g = *GImGui;
  ImGuiInputTextState& state = g.InputTextState;
  if (state.ID == id_) {  // still this field's: all of it goes, and the next field to be edited starts afresh
    state.ClearFreeMemory();  // released through the console's free(), which wipes
    std::memset(static_cast<void*>(&state.Stb), 0, sizeof(state.Stb));
    state.ID = 0;
    state.CurLenW = state.CurLenA = 0;
    state.TextAIsValid = false;
  } else {  // another field took it over this frame: what lies past that field's own text
    wipe_past(state.TextW, state.CurLenW + 1);
    wipe_past(state.TextA, state.CurLenA + 1);
    wipe_past(state.InitialTextA, state.InitialTextA.Size);
    auto& undo = state.Stb.undostate;
    std::memset(static_cast<void*>(undo.undo_char + undo.undo_char_point), 0,
                sizeof(undo.undo_char[0]) * static_cast<std::size_t>(undo.redo_char_point - undo.undo_char_point));
  }
  ImGuiInputTextDeactivatedState& deactivated = g.InputTextDeactivatedState;
  if (deactivated.ID == id_) deactivated.ClearFreeMemory();
  else wipe_past(deactivated.TextA, deactivated.TextA.Size);
  imgui_holds_copies_ = false;
}

}  // namespace wasm
