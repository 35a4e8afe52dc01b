// Memory the console releases is overwritten first. Secrets pass through temporaries nobody holds for long —
// JSON parse buffers, request headers, fetch responses, strings that grew — and a released block keeps its
// bytes until the allocator happens to reuse it; a later script injection or a heap dump would find them there.
// Emscripten lets an application replace free() and realloc() and reach its allocator (dlmalloc) under the
// names emscripten_builtin_*: every release in the console — C++ delete, ImGui's MemFree, the runtime's
// _free() from JavaScript — comes through here.
#include <malloc.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>

extern "C" {

void* emscripten_builtin_malloc(std::size_t size);
void emscripten_builtin_free(void* block);

void free(void* block) {
  if (block == nullptr) return;
  std::memset(block, 0, malloc_usable_size(block));
  emscripten_builtin_free(block);
}

// dlmalloc's own realloc would release a moved block without wiping it: this one moves it by hand.
void* realloc(void* block, std::size_t size) {
  if (block == nullptr) return emscripten_builtin_malloc(size);
  if (size == 0) {
    free(block);
    return nullptr;
  }
  const std::size_t usable = malloc_usable_size(block);
  if (size <= usable) {  // stays in place: what it no longer holds is wiped
    std::memset(static_cast<char*>(block) + size, 0, usable - size);
    return block;
  }
  void* moved = emscripten_builtin_malloc(size);
  if (moved == nullptr) return nullptr;
  std::memcpy(moved, block, usable);
  free(block);
  return moved;
}

}  // extern "C"
