#pragma once
// The selected token's management: rename and describe it, compare its scope with the draft's and apply the
// draft's, reset its secret, delete it. What it shows belongs to one Session and one selected token.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/api/tokens.hpp"
#include "wasm/loadable.hpp"
#include "wasm/panels/context.hpp"

namespace wasm::panels {

class TokenDetailPanel {
 public:
  void draw(Context& context);

 private:
  struct Comparison {  // the draft's scope against the token's own
    std::uint64_t gained = 0, lost = 0;
    std::vector<std::string> lines;  // "+ Flags: updateOn, updateTargets and 41 more"
  };
  struct State {
    std::string token_id;  // the token the fields below are about
    std::string rename_text, describe_text;
    std::string message;
    Loadable write_state;  // the last write on this token sent with this Session
    std::optional<Comparison> comparison;
    std::string comparison_problem;  // why there is no comparison
    // The Session's version when a comparison waited for the account's members: it is made again once they
    // are read (or fail to be).
    std::optional<std::uint64_t> comparison_waits_since;
  };

  State& state_for(const Session& session, const core::api::Token& token);
  void compare(Context& context, const core::api::Token& token, State& state);
  void draw_comparison(Context& context, const core::api::Token& token, State& state);
  void draw_reset(Context& context, const core::api::Token& token);
  void draw_delete(Context& context, const core::api::Token& token);
  void reset_secret(Context& context, const core::api::Token& token, long long expiry);
  // A write on `token`. Its outcome is shown here while this Session is current and the token is still the one
  // shown (then `done_here` runs if it succeeded); otherwise it is told under the header, with whose token it
  // was. `answered` runs first in either case; the list is read again while this Session is current.
  using DoneHere = std::function<void(State&, const ApiResult&)>;
  void send_write(Context& context, const core::api::Token& token, const core::api::ApiRequest& request, std::string done,
                  std::string not_done, DoneHere done_here, std::function<void(const ApiResult&)> answered = nullptr);

  int reset_grace_hours_ = 0;
  PerSession<State> state_;
};

}  // namespace wasm::panels
