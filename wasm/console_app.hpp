#pragma once
// The console's state and panels. Everything it shows comes from API responses parsed by core/, and every
// permission it previews is decided by core/.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "api_client.hpp"
#include "loadable.hpp"
#include "draft_model.hpp"
#include "session.hpp"
#include "panels/connect_panel.hpp"
#include "panels/draft_panel.hpp"
#include "panels/statement_builder_panel.hpp"
#include "panels/token_detail_panel.hpp"
#include "panels/tokens_table_panel.hpp"
#include "panels/what_if_panel.hpp"
#include "writes.hpp"
#include "core/api/connection.hpp"
#include "core/api/demo_members.hpp"
#include "core/api/member.hpp"
#include "core/api/token_creation.hpp"
#include "core/api/tokens.hpp"
#include "core/policy/evaluator.hpp"
#include "core/policy/policy.hpp"
#include "core/policy/statement_builder.hpp"
#include "core/preview/preview.hpp"
#include "matrix_renderer.hpp"

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
  void select_token(int index);


  // Preview (preview_panel.cpp)
  void mark_preview_dirty();
  void show_draft_preview();  // the draft changed: the preview follows it again
  bool preview_due() const;
  void recompute_preview();
  void preview_draft();
  void preview_selected_token();
  struct PreviewSummary {
    std::string sentence, totals;
    std::string capped_warning;  // empty when nothing is capped
    std::string approximate;     // why the preview may be off, when it may be
    bool any_project_viewable = false;
  };
  void summarize_preview(const std::string& capped_by, std::string capped_warning);
  void draw_preview_choice();
  void draw_preview();
  struct MatrixView {  // the rows of one tab of the preview, in order, built once per preview
    std::string type;
    std::vector<std::size_t> groups;  // preview group per row
    std::vector<std::string> column_labels;
    int columns = 0;
    float label_width = 0, count_width = 0, label_width_font = 0;
  };
  void build_matrix_view(const std::string& type);
  std::string matrix_action(const MatrixView& view, std::size_t row, int column) const;
  std::string matrix_row_label(const MatrixView& view, std::size_t row) const;
  std::string matrix_row_count(const MatrixView& view, std::size_t row) const;
  void draw_matrix();
  void explain_cell(std::size_t group, std::size_t action);

  // The error where it happened, a countdown while a rate limit lasts, and a Retry button when retry is given.
  void show_error(const Loadable& state, const char* retry_id = nullptr, void (ConsoleApp::*retry)() = nullptr);

  // A write's answer handler, run whichever Session is current when it arrives (see Writes::answer).
  template <typename Handler>
  auto write_answer(Handler handler) {
    return Writes::answer(session_, std::move(handler));
  }
  void tell_elsewhere(const Loadable& outcome, std::string done, std::string not_done) {
    writes_.tell_elsewhere(outcome, std::move(done), std::move(not_done));
  }
  void show_secret_once(std::string secret, std::string owner) { writes_.show_secret_once(std::move(secret), std::move(owner)); }

  Phase phase_ = Phase::LoadingConfig;
  core::api::ConsoleConfig config_;
  std::vector<core::api::DemoMember> demo_members_;
  Loadable failure_;
  std::string failed_step_;
  void (ConsoleApp::*retry_step_)() = &ConsoleApp::load_config;
  panels::ConnectPanel connect_;

  // What was read with the token in use. Replaced whole by act-as, connect and "use the mock".
  std::shared_ptr<Session> session_ = std::make_shared<Session>(ApiClient{}, "", std::nullopt);

  // What the console chose, derived or said about the current Session's data: a new Session starts with a new
  // one, so nothing of the last member's shows over the next one's.
  struct SessionView {
    int selected_token = -1;
    // The preview shows the draft, or the selected token as it works now (read-only), judged with its own member.
    bool preview_shows_token = false;
    std::string token_preview_problem;  // why the selected token has no preview (yet)
    std::optional<core::policy::Evaluator> evaluator;
    std::optional<core::preview::Preview> preview;
    std::optional<PreviewSummary> preview_summary;
    std::optional<MatrixView> matrix_view;
    std::optional<std::pair<std::size_t, std::size_t>> selected_cell;  // group, action
    std::string cell_title;
    std::vector<std::string> cell_reasons;
  };
  SessionView view_;

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

  DraftModel draft_;
  panels::DraftPanel draft_panel_;
  panels::StatementBuilderPanel statement_builder_;

  bool preview_dirty_ = true;
  std::uint64_t draft_edits_previewed_ = 0;
  double preview_changed_at_ms_ = 0;
  double last_recompute_ms_ = 0;  // how long the last preview took to compute
  std::string matrix_type_ = "flag";
  MatrixRenderer matrix_;
  std::pair<int, int> uploaded_rows_{-1, -1};  // the rows in the shader's texture
};

}  // namespace wasm
