#pragma once
// What a panel is drawn with: the current Session, and the console's services. A panel owns its own state
// and never draws another panel; what it needs of the rest of the console comes through here.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/api/secret.hpp"
#include "wasm/draft_model.hpp"
#include "wasm/selection.hpp"
#include "wasm/session.hpp"
#include "wasm/writes.hpp"

namespace wasm::panels {

struct Context {
  std::shared_ptr<Session> session;  // the current one, never null
  Writes& writes;                    // writes in flight: Writes::answer(session, ...), tell_elsewhere, secrets
  DraftModel& draft;                 // the token being drafted, and the core's problems with it
  Selection& selection;              // the token selected in the tokens table
  // This page's address with the draft, the demo member acted as and the preview's view in its fragment.
  std::function<std::string()> scenario_link;
  // Where someone outside this page reaches the API the Session calls: the instance a token was pasted for,
  // serve.py's upstream, or this page's origin (the mock). Exports name it.
  std::string api_base_uri;
  // Reads whose answers other parts of the console follow (the tokens table keeps its selection, ...).
  std::function<void()> load_tokens;
  std::function<void()> load_members;
  std::function<void()> load_account;
  // A member's role was changed through the API: the act-as buttons follow it.
  std::function<void(const std::string& email, const std::string& role)> member_role_changed;
  // Act with a pasted token for `upstream` (empty: serve.py's own), as a demo member, or as the first demo
  // member again: a new Session.
  std::function<void(std::string upstream, core::api::Secret token)> connect;
  std::function<void(std::size_t demo_member)> act_as;
  std::function<void()> use_mock_api;
};

// A panel's state that belongs to one Session: made anew when the Session is another, so that nothing of
// one member's shows over the next one's.
template <typename State>
class PerSession {
 public:
  State& of(const Session& session) {
    if (serial_ != session.serial) {
      state_ = State{};
      serial_ = session.serial;
    }
    return state_;
  }

 private:
  std::uint64_t serial_ = 0;
  State state_{};
};

}  // namespace wasm::panels
