#pragma once
// What-if for demos: give a member a lower role and see, before anything changes, how much each of their
// personal tokens loses (a personal token never does more than its member); then make it real, and undo.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/api/token_preview.hpp"
#include "wasm/loadable.hpp"
#include "wasm/panels/context.hpp"

namespace wasm::panels {

class WhatIfPanel {
 public:
  void draw(Context& context);

 private:
  struct RoleChange {
    std::string member_id, email, name, role_before, role_after;
  };
  // What was chosen and worked out over one Session's data.
  struct State {
    std::string member_id;
    std::string role = "reader";
    std::vector<core::api::RoleChangeRow> rows;
    std::optional<std::uint64_t> rows_of_version;  // the Session's version the rows were worked out from
    std::string message;
    Loadable write_state;  // the role change sent with this Session
  };

  void update_rows(const Session& session, State& state);
  void apply(Context& context, RoleChange change, bool undo);

  bool open_ = false;
  PerSession<State> state_;
  // The last role change made real, until undone: it outlives switching member (one acts as the member to see
  // the change, then comes back to undo it).
  std::optional<RoleChange> undo_;
};

}  // namespace wasm::panels
