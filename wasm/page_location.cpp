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

// The page's origin and address do not change while it lives (only its fragment may): asked once, not on
// every frame that builds a panel Context.
std::string origin() {
  static const std::string kOrigin = part(0);
  return kOrigin;
}

std::string address() {
  static const std::string kAddress = part(1);
  return kAddress;
}

std::string fragment() { return part(2); }

}  // namespace wasm::page_location
