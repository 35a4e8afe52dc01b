#pragma once
// The token draft: name, description, kind and scope (a base role or custom roles; an inline policy is edited
// by the statement builder, drawn between this panel's two parts), validated by the core as it is typed, then
// created; the secret is shown once.
#include <cstdint>
#include <optional>

#include "core/api/token_creation.hpp"
#include "wasm/loadable.hpp"
#include "wasm/panels/context.hpp"

namespace wasm::panels {

class DraftPanel {
 public:
  void draw(Context& context);         // name, description, kind and scope
  void draw_create(Context& context);  // what keeps the draft from being created, and the Create button

 private:
  struct State {
    // What the member may create, from their role and custom roles: worked out again when the Session's data
    // changes.
    std::optional<core::api::CreatableKinds> creatable;
    std::optional<std::uint64_t> creatable_of_version;
    Loadable create_state;  // the token created with this Session: after a switch, told under the header instead
    std::string created;    // what the last create made, said under the Create button
  };

  State& state_of(const Session& session);
  void create(Context& context);

  PerSession<State> state_;
};

}  // namespace wasm::panels
