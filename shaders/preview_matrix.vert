#version 300 es
// A quad covering the matrix's rectangle, in the console's pixel coordinates.
uniform vec4 u_rect;     // x, y, width, height in framebuffer pixels, origin top-left
uniform vec2 u_display;  // framebuffer size in pixels
out vec2 v_uv;

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  vec2 pixel = u_rect.xy + corner * u_rect.zw;
  v_uv = corner;
  gl_Position = vec4(pixel.x / u_display.x * 2.0 - 1.0, 1.0 - pixel.y / u_display.y * 2.0, 0.0, 1.0);
}
