#pragma once
// The console's state and panels. Everything it shows comes from API responses parsed by core/, and every
// permission it previews is decided by core/.
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "api_client.hpp"
#include "loadable.hpp"
#include "draft_model.hpp"
#include "selection.hpp"
#include "session.hpp"
#include "panels/connect_panel.hpp"
#include "panels/draft_panel.hpp"
#include "panels/preview_panel.hpp"
#include "panels/statement_builder_panel.hpp"
#include "panels/token_detail_panel.hpp"
#include "panels/tokens_table_panel.hpp"
#include "panels/what_if_panel.hpp"
#include "writes.hpp"
#include "core/api/connection.hpp"
#include "core/api/demo_members.hpp"

namespace wasm {

class ConsoleApp {
 public:
  void start();
  void draw();

 private:
  enum class Phase { LoadingConfig, LoadingDemoMembers, NeedToken, LoadingMember, Ready, Failed };

  // Connection (console_app.cpp, connection_panel.cpp)
  void load_config();
  void load_demo_members();
  void begin_session(std::shared_ptr<Session> session, std::string who);
  void show_session(std::shared_ptr<Session> session);
  void on_member_loaded();
  void act_as(std::size_t demo_index);
  void connect_to_instance(std::string upstream, std::string token);
  void use_mock_api();
  void load_member();
  void load_account();
  void fail(core::api::ApiError error);
  void draw_header(panels::Context& context);
  void draw_error();

  void load_members();

  void load_tokens();

  // The error where it happened, a countdown while a rate limit lasts, and a Retry button when retry is given.
  void show_error(const Loadable& state, const char* retry_id = nullptr, void (ConsoleApp::*retry)() = nullptr);

  Phase phase_ = Phase::LoadingConfig;
  core::api::ConsoleConfig config_;
  std::vector<core::api::DemoMember> demo_members_;
  Loadable failure_;
  std::string failed_step_;
  void (ConsoleApp::*retry_step_)() = &ConsoleApp::load_config;
  panels::ConnectPanel connect_;

  // What was read with the token in use. Replaced whole by act-as, connect and "use the mock".
  std::shared_ptr<Session> session_ = std::make_shared<Session>(ApiClient{}, "", std::nullopt);

  // Switching member: the new Session becomes current once its member is known, so that a switch that fails
  // leaves the console as it was.
  std::shared_ptr<Session> next_session_;
  std::string switching_to_;
  std::string switch_problem_;

  // The writes in flight and what they answered after a switch, one-time secrets included.
  Writes writes_;
  panels::TokensTablePanel tokens_table_;
  panels::TokenDetailPanel token_detail_;
  panels::WhatIfPanel what_if_;

  Selection selection_;  // of the current Session's tokens
  DraftModel draft_;
  panels::DraftPanel draft_panel_;
  panels::StatementBuilderPanel statement_builder_;

  panels::PreviewPanel preview_;
};

}  // namespace wasm
