#pragma once
// The writes in flight, and what they answered. A write the server may have performed is never dropped:
// its answer is handled whichever Session is current when it arrives, and when the Session that sent it is
// gone, its outcome is told under the header (and a one-time secret is still shown once), labelled with
// whose it was.
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "api_client.hpp"
#include "loadable.hpp"
#include "session.hpp"

namespace wasm {

class Writes {
 public:
  // Wraps a write's answer handler: it always runs, and is told whether `sender` is still the current
  // Session. When it is not, the handler calls tell_elsewhere.
  template <typename Handler>
  static auto answer(const std::shared_ptr<Session>& sender, Handler handler) {
    return [sender = std::weak_ptr<Session>(sender), handler = std::move(handler)](ApiResult result) mutable {
      handler(std::move(result), !sender.expired());
    };
  }

  void tell_elsewhere(const Loadable& outcome, std::string done, std::string not_done);
  void show_secret_once(core::api::Secret secret, std::string owner);
  void forget_outcomes_elsewhere() { outcomes_elsewhere_.clear(); }  // a new switch: they were told
  void forget_secrets() { secrets_to_show_.clear(); }  // wiped, unshown: the page is going away

  // How long a one-time secret stays on screen before it is wiped without Done (the dialog says until when).
  static constexpr int kSecretShownForMs = 5 * 60 * 1000;

  void draw_outcomes_elsewhere();
  void draw_secret_dialog();

 private:
  struct WriteOutcome {
    std::string text;
    bool ok = true;
  };
  std::vector<WriteOutcome> outcomes_elsewhere_;
  // One-time secrets waiting to be shown, oldest first: each is shown once in the dialog, then forgotten. Two
  // writes may answer while the dialog is open (a create and a reset, or one sent before act-as).
  struct OneTimeSecret {
    core::api::Secret secret;
    std::string owner;  // whose token it is: the answer may arrive after the person acted as another member
    long long forgotten_at_ms = 0;  // set when first shown: kSecretShownForMs later it is wiped, shown or not
  };
  std::deque<OneTimeSecret> secrets_to_show_;
  std::vector<std::string> secrets_forgotten_;  // told under the header until dismissed: whose, and what to do
};

}  // namespace wasm
