#pragma once
// Where the console's calls go: a LaunchDarkly instance (one of the mock's choices, another URL, or serve.py's
// one upstream) with a pasted token, held in this tab's memory only until Connect hands it over.
#include <string>

#include "core/api/connection.hpp"
#include "wasm/panels/context.hpp"
#include "wasm/secret_field.hpp"

namespace wasm::panels {

class ConnectPanel {
 public:
  // open: shown expanded (no mock to fall back on, or a connection that failed); otherwise a fold.
  void draw(Context& context, const core::api::ConsoleConfig& config, bool open);
  void forget_pasted_token() { token_field_.take(); }

 private:
  void connect(Context& context, const core::api::ConsoleConfig& config);

  bool open_ = false;
  int instance_choice_ = 0;
  std::string other_instance_url_;
  SecretField token_field_;  // until Connect hands it to a new Session
  std::string problem_;
};

}  // namespace wasm::panels
