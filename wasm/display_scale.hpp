#pragma once
// Keeps the canvas's backing store at CSS size × devicePixelRatio, and the UI scaled to match,
// so text stays sharp on high-DPI screens and follows window resizes.
struct GLFWwindow;

namespace wasm {

class DisplayScale {
 public:
  explicit DisplayScale(GLFWwindow* window) : window_(window) {}

  // Call once per frame before ImGui::NewFrame(). Returns true when the pixel ratio changed
  // (the fonts must then be rebuilt at the new size).
  bool sync();
  float ratio() const { return ratio_; }

 private:
  GLFWwindow* window_;
  float ratio_ = 0.0f;
};

}  // namespace wasm
