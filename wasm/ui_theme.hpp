#pragma once
#include <imgui.h>

namespace wasm::theme {
inline const ImVec4 kMuted{0.62f, 0.66f, 0.72f, 1.0f};
inline const ImVec4 kError{0.95f, 0.45f, 0.40f, 1.0f};
inline const ImVec4 kWarning{0.95f, 0.70f, 0.25f, 1.0f};
inline const ImVec4 kGood{0.40f, 0.80f, 0.50f, 1.0f};
}  // namespace wasm::theme
