#pragma once
// What serve.py said of itself, asked without a token: whether it is the mock API (with its demo members, one
// click each to act as) or relays to one LaunchDarkly instance.
#include <vector>

#include "core/api/connection.hpp"
#include "core/api/demo_members.hpp"

namespace wasm {

struct Served {
  core::api::ConsoleConfig config;
  std::vector<core::api::DemoMember> demo_members;
};

}  // namespace wasm
