#pragma once
// "Export the draft": the draft as a curl command, an ldcli command or a Terraform resource for the API the
// console calls (core/api/draft_export), or as a link that opens this console on the same draft, member and
// view (core/api/share_link); with a Copy button. None holds a token: the commands read it from a variable.
#include <string>

#include "wasm/panels/context.hpp"

namespace wasm::panels {

class ExportPanel {
 public:
  void draw(Context& context);

 private:
  enum class Format { Curl, Ldcli, Terraform, Link };
  bool open_ = false;
  Format format_ = Format::Curl;
  std::string text_;         // the export shown (a read-only field: it can be selected)
  bool copy_asked_ = false;  // the clipboard's outcome is this panel's to tell
  bool reveal_ = false;      // just opened or changed: scroll it into sight in the draft's part

  void reveal_if_asked();
};

}  // namespace wasm::panels
