#version 300 es
// One cell per texel: the decision texture holds 0 denied, 1 allowed, 2 capped, 3 partly allowed, 4 no cell
// (rows of the account tab have fewer actions than the widest).
precision mediump float;
uniform sampler2D u_states;   // R8, width = actions, height = rows
uniform vec2 u_cells;         // columns, rows
uniform vec2 u_cell_pixels;   // a cell's size in pixels, for the grid lines
uniform vec2 u_hover;         // hovered cell (column, row), or (-1, -1)
in vec2 v_uv;
out vec4 color;

void main() {
  vec2 cell = floor(v_uv * u_cells);
  float state = texelFetch(u_states, ivec2(cell), 0).r * 255.0;
  vec3 denied = vec3(0.20, 0.22, 0.26);
  vec3 allowed = vec3(0.20, 0.68, 0.38);
  vec3 capped = vec3(0.90, 0.62, 0.15);
  vec3 partial = vec3(0.35, 0.55, 0.75);
  vec3 blank = vec3(0.07, 0.07, 0.08);
  vec3 fill = state < 0.5 ? denied : state < 1.5 ? allowed : state < 2.5 ? capped : state < 3.5 ? partial : blank;
  vec2 inside = fract(v_uv * u_cells) * u_cell_pixels;
  bool gap = inside.x < 1.0 || inside.y < 1.0;
  if (gap) fill *= 0.45;
  if (cell == u_hover) fill = mix(fill, vec3(1.0), 0.35);
  color = vec4(fill, 1.0);
}
