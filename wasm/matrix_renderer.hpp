#pragma once
// Draws the preview matrix with the console's own WebGL2 shader (shaders/preview_matrix.*): the
// decisions are uploaded as a texture, one texel a cell, instead of one ImGui rectangle per cell.
#include <cstdint>
#include <vector>

struct ImDrawList;

namespace wasm {

enum class CellShade : std::uint8_t { Denied = 0, Allowed = 1, Capped = 2, Partial = 3, None = 4 };

class MatrixRenderer {
 public:
  // Replaces the decisions shown (row-major, columns × rows).
  void upload(int columns, int rows, const std::vector<CellShade>& cells);
  // Queues the matrix into the draw list at the given rectangle (framebuffer pixels).
  void draw(ImDrawList* draw_list, float x, float y, float width, float height, int hover_column, int hover_row);

  int columns() const { return columns_; }
  int rows() const { return rows_; }

 private:
  static void render_callback(const void* parent_list, const void* command);
  bool ensure_program();

  unsigned program_ = 0;
  unsigned texture_ = 0;
  unsigned vertex_array_ = 0;
  int columns_ = 0;
  int rows_ = 0;
  float rect_[4] = {0, 0, 0, 0};
  float hover_[2] = {-1, -1};
};

}  // namespace wasm
