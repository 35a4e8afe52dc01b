#include "matrix_renderer.hpp"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <cstdio>
#include <cstring>

#include "painted_frame.hpp"

extern const unsigned char kPreviewMatrixVert[];
extern const unsigned char kPreviewMatrixFrag[];

namespace wasm {
namespace {

unsigned compile(GLenum kind, const unsigned char* source) {
  const char* text = reinterpret_cast<const char*>(source);
  GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 1, &text, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024];
    glGetShaderInfoLog(shader, sizeof(log), nullptr, log);
    std::fprintf(stderr, "TokenScope: the preview shader did not compile: %s\n", log);
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

}  // namespace

bool MatrixRenderer::ensure_program() {
  if (program_ != 0) return true;
  const unsigned vertex = compile(GL_VERTEX_SHADER, kPreviewMatrixVert);
  const unsigned fragment = compile(GL_FRAGMENT_SHADER, kPreviewMatrixFrag);
  if (vertex == 0 || fragment == 0) return false;
  program_ = glCreateProgram();
  glAttachShader(program_, vertex);
  glAttachShader(program_, fragment);
  glLinkProgram(program_);
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  GLint ok = 0;
  glGetProgramiv(program_, GL_LINK_STATUS, &ok);
  if (!ok) {
    glDeleteProgram(program_);
    program_ = 0;
    return false;
  }
  glGenVertexArrays(1, &vertex_array_);
  glGenTextures(1, &texture_);
  return true;
}

void MatrixRenderer::upload(int columns, int rows, const std::vector<CellShade>& cells) {
  if (!ensure_program()) return;
  columns_ = columns;
  rows_ = rows;
  painted_frame::content_changed();
  if (columns <= 0 || rows <= 0) return;
  glBindTexture(GL_TEXTURE_2D, texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, columns, rows, 0, GL_RED, GL_UNSIGNED_BYTE, cells.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
}

void MatrixRenderer::draw(ImDrawList* draw_list, float x, float y, float width, float height, int hover_column,
                          int hover_row) {
  if (program_ == 0 || columns_ <= 0 || rows_ <= 0) return;
  const float rect[4] = {x, y, width, height};
  const float hover[2] = {static_cast<float>(hover_column), static_cast<float>(hover_row)};
  if (std::memcmp(rect, rect_, sizeof rect) != 0 || std::memcmp(hover, hover_, sizeof hover) != 0) {
    painted_frame::content_changed();  // the callback's parameters: its draw command is the same
    std::memcpy(rect_, rect, sizeof rect);
    std::memcpy(hover_, hover, sizeof hover);
  }
  draw_list->AddCallback(
      [](const ImDrawList* parent, const ImDrawCmd* command) {
        render_callback(parent, command);
      },
      this);
  draw_list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void MatrixRenderer::render_callback(const void* /*parent_list*/, const void* command_pointer) {
  const auto* command = static_cast<const ImDrawCmd*>(command_pointer);
  auto* self = static_cast<MatrixRenderer*>(command->UserCallbackData);
  const ImGuiIO& io = ImGui::GetIO();
  const float display_width = io.DisplaySize.x * io.DisplayFramebufferScale.x;
  const float display_height = io.DisplaySize.y * io.DisplayFramebufferScale.y;
  glUseProgram(self->program_);
  glBindVertexArray(self->vertex_array_);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, self->texture_);
  glUniform1i(glGetUniformLocation(self->program_, "u_states"), 0);
  glUniform4fv(glGetUniformLocation(self->program_, "u_rect"), 1, self->rect_);
  glUniform2f(glGetUniformLocation(self->program_, "u_display"), display_width, display_height);
  glUniform2f(glGetUniformLocation(self->program_, "u_cells"), static_cast<float>(self->columns_),
              static_cast<float>(self->rows_));
  glUniform2f(glGetUniformLocation(self->program_, "u_cell_pixels"), self->rect_[2] / static_cast<float>(self->columns_),
              self->rect_[3] / static_cast<float>(self->rows_));
  glUniform2fv(glGetUniformLocation(self->program_, "u_hover"), 1, self->hover_);
  // Keep to the window's clip rectangle (GL's scissor origin is bottom-left).
  const ImVec4 clip = command->ClipRect;
  glEnable(GL_SCISSOR_TEST);
  glScissor(static_cast<GLint>(clip.x), static_cast<GLint>(display_height - clip.w), static_cast<GLsizei>(clip.z - clip.x),
            static_cast<GLsizei>(clip.w - clip.y));
  glDisable(GL_BLEND);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

}  // namespace wasm
