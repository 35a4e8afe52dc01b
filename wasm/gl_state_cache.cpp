#include "gl_state_cache.hpp"

#include <emscripten/emscripten.h>

// The console is the context's only user, so every change of these states goes through the wrapped
// setters below and the copy stays exact.
// clang-format off
EM_JS(void, tokenscope_cache_gl_state_reads, (), {
  const gl = GLctx;
  const read = gl.getParameter.bind(gl);
  const cached = new Map();
  for (const name of [gl.SCISSOR_BOX, gl.VIEWPORT, gl.BLEND_SRC_RGB, gl.BLEND_DST_RGB, gl.BLEND_SRC_ALPHA,
                      gl.BLEND_DST_ALPHA, gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA]) {
    cached.set(name, read(name));
  }
  gl.getParameter = function (name) { return cached.has(name) ? cached.get(name) : read(name); };
  const wrap = function (method, remember) {
    const original = gl[method].bind(gl);
    gl[method] = function () { remember.apply(null, arguments); return original.apply(null, arguments); };
  };
  wrap('scissor', function (x, y, w, h) { cached.set(gl.SCISSOR_BOX, new Int32Array([x, y, w, h])); });
  wrap('viewport', function (x, y, w, h) { cached.set(gl.VIEWPORT, new Int32Array([x, y, w, h])); });
  wrap('blendFunc', function (source, destination) {
    cached.set(gl.BLEND_SRC_RGB, source); cached.set(gl.BLEND_SRC_ALPHA, source);
    cached.set(gl.BLEND_DST_RGB, destination); cached.set(gl.BLEND_DST_ALPHA, destination);
  });
  wrap('blendFuncSeparate', function (sourceRgb, destinationRgb, sourceAlpha, destinationAlpha) {
    cached.set(gl.BLEND_SRC_RGB, sourceRgb); cached.set(gl.BLEND_DST_RGB, destinationRgb);
    cached.set(gl.BLEND_SRC_ALPHA, sourceAlpha); cached.set(gl.BLEND_DST_ALPHA, destinationAlpha);
  });
  wrap('blendEquation', function (mode) {
    cached.set(gl.BLEND_EQUATION_RGB, mode); cached.set(gl.BLEND_EQUATION_ALPHA, mode);
  });
  wrap('blendEquationSeparate', function (rgb, alpha) {
    cached.set(gl.BLEND_EQUATION_RGB, rgb); cached.set(gl.BLEND_EQUATION_ALPHA, alpha);
  });
});
// clang-format on

namespace wasm {
void cache_gl_state_reads() { tokenscope_cache_gl_state_reads(); }
}  // namespace wasm
