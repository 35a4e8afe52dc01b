#pragma once
// The console's state and panels. Everything it shows comes from API responses parsed by core/.
#include <optional>
#include <string>
#include <vector>

#include "core/api/api_error.hpp"
#include "core/api/demo_members.hpp"
#include "core/api/member.hpp"
#include "core/api/requests.hpp"

namespace wasm {

class ConsoleApp {
 public:
  void start();
  void draw();

 private:
  enum class Phase { LoadingDemoMembers, LoadingMember, Ready, Failed };

  void load_demo_members();
  void act_as(std::size_t demo_index);
  void load_member();
  void fail(core::api::ApiError error);
  void draw_identity();
  void draw_error();

  Phase phase_ = Phase::LoadingDemoMembers;
  std::vector<core::api::DemoMember> demo_members_;
  std::size_t acting_as_ = 0;
  std::string access_token_;  // a secret: memory only, never logged or stored
  std::optional<core::api::Member> member_;
  core::api::ApiError error_;
  std::string failed_step_;
};

}  // namespace wasm
