#include "painted_frame.hpp"

#include <imgui.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace wasm::painted_frame {
namespace {

// The last painted frame's draw data, byte for byte, and the frame being compared with it: compared exactly,
// so that no two different frames can pass for one.
std::vector<unsigned char> last_painted;
std::vector<unsigned char> this_frame;
bool changed_outside_draw_lists = true;
long painted_count = 0;

template <typename T>
void append(const T& value) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(&value);
  this_frame.insert(this_frame.end(), bytes, bytes + sizeof(T));
}

template <typename T>
void append_buffer(const ImVector<T>& buffer) {
  append(buffer.Size);
  const auto* bytes = reinterpret_cast<const unsigned char*>(buffer.Data);
  this_frame.insert(this_frame.end(), bytes, bytes + static_cast<std::size_t>(buffer.Size) * sizeof(T));
}

void append_command(const ImDrawCmd& command) {
  append(command.ClipRect);
  append(reinterpret_cast<std::uintptr_t>(command.TextureId));
  append(command.VtxOffset);
  append(command.IdxOffset);
  append(command.ElemCount);
  append(reinterpret_cast<std::uintptr_t>(command.UserCallback));
  append(reinterpret_cast<std::uintptr_t>(command.UserCallbackData));
}

}  // namespace

void content_changed() { changed_outside_draw_lists = true; }

bool differs_from_last_painted(const ImDrawData& draw_data, int framebuffer_width, int framebuffer_height) {
  this_frame.clear();
  append(framebuffer_width);
  append(framebuffer_height);
  append(draw_data.DisplayPos);
  append(draw_data.DisplaySize);
  append(draw_data.FramebufferScale);
  append(draw_data.CmdListsCount);
  for (int i = 0; i < draw_data.CmdListsCount; ++i) {
    const ImDrawList& list = *draw_data.CmdLists[i];
    append_buffer(list.VtxBuffer);
    append_buffer(list.IdxBuffer);
    append(list.CmdBuffer.Size);
    for (const ImDrawCmd& command : list.CmdBuffer) append_command(command);
  }
  const bool differs = changed_outside_draw_lists || this_frame.size() != last_painted.size() ||
                       std::memcmp(this_frame.data(), last_painted.data(), this_frame.size()) != 0;
  if (differs) {
    last_painted.swap(this_frame);
    changed_outside_draw_lists = false;
    ++painted_count;
  }
  return differs;
}

long painted() { return painted_count; }

}  // namespace wasm::painted_frame
