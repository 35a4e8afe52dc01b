#include "page_location.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>

// clang-format off
EM_JS(char*, tokenscope_location_part, (int part), {
  const text = part === 0 ? window.location.origin
             : part === 1 ? window.location.origin + window.location.pathname
                          : window.location.hash;
  const size = lengthBytesUTF8(text) + 1;
  const pointer = _malloc(size);
  stringToUTF8(text, pointer, size);
  return pointer;
});
// clang-format on

namespace wasm::page_location {
namespace {

std::string part(int which) {
  char* text = tokenscope_location_part(which);
  std::string copy = text;
  std::free(text);
  return copy;
}

}  // namespace

std::string origin() { return part(0); }
std::string address() { return part(1); }
std::string fragment() { return part(2); }

}  // namespace wasm::page_location
