#pragma once
// The console: the current Session, the panels and their layout. Everything it shows comes from API responses
// parsed by core/, and every permission it previews is decided by core/.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "api_client.hpp"
#include "loadable.hpp"
#include "draft_model.hpp"
#include "draft_preview_split.hpp"
#include "selection.hpp"
#include "served.hpp"
#include "session.hpp"
#include "panels/connect_panel.hpp"
#include "panels/draft_panel.hpp"
#include "panels/export_panel.hpp"
#include "panels/header_panel.hpp"
#include "panels/preview_panel.hpp"
#include "panels/statement_builder_panel.hpp"
#include "panels/token_detail_panel.hpp"
#include "panels/tokens_table_panel.hpp"
#include "panels/what_if_panel.hpp"
#include "writes.hpp"
#include "core/api/connection.hpp"
#include "core/api/share_link.hpp"

namespace wasm {

class ConsoleApp {
 public:
  void start();
  void draw();
  // The page is going away (closed, navigated from, or put in the back-forward cache): every secret it holds
  // is wiped now — the connection's token, one pasted but not yet used, one-time secrets not yet shown.
  void forget_secrets();

 private:
  enum class Phase { LoadingConfig, LoadingDemoMembers, NeedToken, LoadingMember, Ready, Failed };

  // Reaching the API: serve.py's configuration, the demo members, the member of the token in use.
  void load_config();
  void load_demo_members();
  void load_member();
  void on_member_loaded();
  void fail(core::api::ApiError error);
  void draw_error();

  // Acting as someone: each makes a new Session.
  void begin_session(std::shared_ptr<Session> session, std::string who);
  void show_session(std::shared_ptr<Session> session);
  void act_as(std::size_t demo_index);
  void connect_to_instance(std::string upstream, core::api::Secret token);
  void use_mock_api();

  // Reads of the current Session that panels ask for.
  void load_account();
  void load_members();
  void load_tokens();

  // A scenario opened from the page's link: act as the demo member it names, then show its draft and view.
  void open_shared_scenario();
  std::string scenario_link();  // this page with the current scenario in its fragment

  panels::Context context();

  // How far the console got reaching the API, and, when a step failed, which and how to retry it.
  struct Startup {
    Phase phase = Phase::LoadingConfig;
    Loadable failure;
    std::string failed_step;
    void (ConsoleApp::*retry)() = &ConsoleApp::load_config;
  };
  Startup startup_;
  Served served_;

  // What was read with the token in use. Replaced whole by act-as, connect and "use the mock".
  std::shared_ptr<Session> session_ = std::make_shared<Session>(ApiClient{}, "", std::nullopt);
  panels::Switching switching_;
  // The writes in flight and what they answered after a switch, one-time secrets included.
  Writes writes_;
  Selection selection_;  // of the current Session's tokens
  DraftModel draft_;
  // The scenario of the link the page was opened with, until it is shown; what kept it from being shown whole.
  struct SharedScenario {
    std::optional<core::api::Scenario> to_open;
    bool member_asked = false;  // act-as to the member it names was asked once
    std::string problem;
  };
  SharedScenario scenario_;

  // The panels, in the order they are laid out.
  panels::HeaderPanel header_;
  panels::ConnectPanel connect_;
  panels::TokensTablePanel tokens_table_;
  panels::TokenDetailPanel token_detail_;
  panels::WhatIfPanel what_if_;
  panels::DraftPanel draft_panel_;
  panels::ExportPanel export_;
  panels::StatementBuilderPanel statement_builder_;
  panels::PreviewPanel preview_;
  DraftPreviewSplit draft_preview_split_;
};

}  // namespace wasm
