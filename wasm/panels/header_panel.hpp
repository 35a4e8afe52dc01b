#pragma once
// Who the console acts as: the member, their role, the token's kind and where its calls go; the mock API's
// demo members, one click each; a switch of member under way, or why it failed.
#include <memory>
#include <string>

#include "wasm/panels/context.hpp"
#include "wasm/served.hpp"

namespace wasm::panels {

// Acting as another member: the new Session becomes current once its member is known, so that a switch that
// fails leaves the console as it was.
struct Switching {
  std::shared_ptr<Session> next;  // while the switch is under way
  std::string to;                 // whom to
  std::string problem;            // why the last switch failed
};

class HeaderPanel {
 public:
  void draw(Context& context, const Served& served, const Switching& switching);
};

}  // namespace wasm::panels
