#pragma once
// What each frame shows, in the order it was drawn: its texts and widgets with their rectangles, roles and
// states, and the preview's matrix. Recorded while ImGui draws (through ui_text and ImGui's item hooks), kept
// whole for the last frame, and read by the browser tests' hook and the screen-reader mirror.
#include <optional>
#include <string>
#include <vector>

namespace wasm::frame_items {

// Window: a window's own entry, its name over its whole rectangle.
enum class Role { Text, Heading, Button, TextField, Checkbox, Radio, Expander, Combobox, ColumnHeader, Window };
// How a text is coloured, which says what it is: an error, a warning, a result.
enum class Tone { Plain, Muted, Good, Warning, Error };

struct Rect {
  float min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

struct Item {
  std::string label;  // as shown: ImGui's "##" id suffix dropped; a label that is only an id ("##filter") is "#filter"
  Role role = Role::Text;
  Tone tone = Tone::Plain;
  unsigned id = 0;  // ImGui's id of a widget; 0 for a text
  Rect rect;        // framebuffer pixels
  float text_width = 0;     // the label's own width: a widget whose rectangle is narrower shows it cut
  float visible_width = 0;  // how much of the rectangle its clip rectangle (a table column, say) leaves in sight
  bool checked = false, expanded = false, disabled = false;
  bool announced = false;  // the outcome of something the person did: said aloud when it first appears
  std::string value;       // a field's content, as it shows (a masked field's masked)
  unsigned table = 0;  // the ImGui table it is in (0: none), and its row and column there
  int row = -1, column = -1;
  unsigned dialog = 0;      // the modal popup it is in (0: none), titled dialog_title
  std::string dialog_title;
};

// The preview's matrix, drawn by a shader rather than by items: the rows in sight (row first_row of row_count
// being the first), each action's column, and the state of each cell, row-major (0 denied, 1 allowed,
// 2 capped, 3 partly allowed).
struct Matrix {
  std::string type;
  float x = 0, y = 0, cell_width = 0, cell_height = 0;  // framebuffer pixels
  std::vector<std::string> rows, columns;
  std::vector<int> states;
  int first_row = 0, row_count = 0;
  std::vector<std::string> state_names;  // what each state is called, by its number
  std::size_t after_item = 0;  // how many of the frame's items were drawn before it: its place in reading order
};

struct Frame {
  std::vector<Item> items;
  std::optional<Matrix> matrix;
  std::string focused;    // the label of the widget keyboard navigation is on (or that is being typed in)
  unsigned focused_id = 0;
  bool focus_shown = false;  // keyboard navigation shows where it is (it does not after a mouse click)
};

void begin_frame(float pixel_ratio);
void end_frame();
const Frame& last_frame();
float pixel_ratio();  // framebuffer pixels per CSS pixel, of the last frame

// A text just drawn (the last item's rectangle).
void record_text(const std::string& text, Tone tone = Tone::Plain, Role role = Role::Text, bool announced = false);
// A widget ImGui reports no label for (a combo's box, a table header), or names otherwise than by its label (a
// field named by the text before it): id is the widget's, which it then stands for.
void record_widget(const std::string& label, Rect rect, Role role, unsigned id, bool expanded = false);
void record_matrix(Matrix matrix);
// Says what the widget just drawn is when ImGui's report cannot (a radio button and whether it is chosen).
void describe_last(unsigned id, Role role, bool checked);
void describe_value(unsigned id, std::string value);  // the field just drawn holds value
// Moves keyboard navigation to widget id when it is next drawn (where ImGui can place it), showing it.
void focus_when_drawn(unsigned id);

}  // namespace wasm::frame_items
