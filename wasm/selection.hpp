#pragma once
// The token selected in the tokens table: the token detail manages it, the preview may show it. `picks`
// counts the person's choices, so that a panel can tell a new choice from the list being read again (which
// keeps the selection on its token without counting one).
#include <cstdint>

#include "wasm/session.hpp"

namespace wasm {

struct Selection {
  int index = -1;  // into the Session's tokens; -1: none
  std::uint64_t picks = 0;

  void pick(int token_index) {
    index = token_index;
    ++picks;
  }
  const core::api::Token* token(const Session& session) const {
    return index >= 0 && index < static_cast<int>(session.tokens.size()) ? &session.tokens[index] : nullptr;
  }
};

}  // namespace wasm
