#pragma once
// The console's state and panels. Everything it shows comes from API responses parsed by core/, and every
// permission it previews is decided by core/.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "api_client.hpp"
#include "core/api/connection.hpp"
#include "core/api/demo_members.hpp"
#include "core/api/member.hpp"
#include "core/api/tokens.hpp"
#include "core/policy/evaluator.hpp"
#include "core/policy/policy.hpp"
#include "core/policy/statement_builder.hpp"
#include "core/preview/preview.hpp"
#include "matrix_renderer.hpp"

namespace wasm {

struct Loadable {
  bool loading = false;
  std::optional<core::api::ApiError> error;
  double retry_at_ms = 0;  // a rate-limited call is not retried before this (performance.now())

  static Loadable busy() { return {true, std::nullopt}; }
  static Loadable failed(core::api::ApiError error);
  static Loadable done(const ApiResult& result);  // failed(result.error) unless it succeeded
  bool waiting_to_retry() const;
};

class ConsoleApp {
 public:
  void start();
  void draw();

 private:
  enum class Phase { LoadingConfig, LoadingDemoMembers, NeedToken, LoadingMember, Ready, Failed };

  // Connection (console_app.cpp, connection_panel.cpp)
  void load_config();
  void load_demo_members();
  void begin_session();
  void act_as(std::size_t demo_index);
  void connect_to_instance();
  void use_mock_api();
  void load_member();
  void load_account();
  void load_projects_page(long long offset);
  void fail(core::api::ApiError error);
  void draw_header();
  void draw_connect_panel(bool open);
  void draw_error();
  bool member_is_admin() const;

  // What-if: a member downgraded, their personal tokens shrink (what_if_panel.cpp)
  void load_members();
  void draw_what_if_panel();
  void compute_what_if();
  void apply_member_role(const std::string& member_id, const std::string& role, std::string done_message);

  // Tokens (tokens_panel.cpp)
  void load_tokens();
  void load_tokens_page(std::size_t page_index, std::uint64_t generation);
  void finish_token_pages();
  void order_tokens();
  void draw_tokens_panel();
  void draw_token_manager();
  void select_token(int index);
  void compare_rescope(const core::api::Token& token);

  // Draft and submit (draft_panel.cpp)
  void draw_draft_panel();
  void draw_secret_dialog();
  void submit_draft();

  // Inline policy's statement builder (statement_builder_panel.cpp)
  struct BuilderChoices {  // what the pickers offer, from the account
    std::vector<std::string> projects, project_tags, environments, environment_tags;
  };
  void collect_builder_choices();
  void sync_builder_from_json();
  void write_builder_to_json();
  void draw_statement_builder();

  // Preview (preview_panel.cpp)
  void mark_preview_dirty();
  bool preview_due() const;
  void recompute_preview();
  void summarize_preview();
  struct PreviewSummary {
    std::string sentence, totals;
    bool capped = false;
    bool any_project_viewable = false;
  };
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

  // Answers to requests sent while acting as someone else are dropped: each "act as" starts a new session.
  std::uint64_t session_ = 0;
  // A write's answer is never dropped: `handler` runs whichever session is current when it arrives, and is
  // told whether the session that sent it still is.
  template <typename Handler>
  auto write_answer(Handler handler) {
    return [this, session = session_, handler = std::move(handler)](ApiResult result) mutable {
      handler(std::move(result), session == session_);
    };
  }
  std::string acting_member_name() const { return member_ ? member_->display_name() : std::string("this member"); }
  void show_secret_once(std::string secret, std::string owner);

  template <typename Handler>
  auto current_session(Handler handler) {
    return [this, session = session_, handler = std::move(handler)](ApiResult result) mutable {
      if (session == session_) handler(std::move(result));
    };
  }

  Phase phase_ = Phase::LoadingConfig;
  core::api::ConsoleConfig config_;
  std::vector<core::api::DemoMember> demo_members_;
  std::size_t acting_as_ = 0;
  ApiClient api_;
  std::optional<core::api::CallerIdentity> identity_;
  std::optional<core::api::Member> member_;
  Loadable failure_;
  std::string failed_step_;
  void (ConsoleApp::*retry_step_)() = &ConsoleApp::load_config;
  std::string connected_instance_;  // empty: the mock API (or serve.py --upstream)
  int instance_choice_ = 0;
  std::string other_instance_url_;
  std::string pasted_token_;  // until Connect moves it into api_
  std::string connect_problem_;
  bool connect_open_ = false;

  std::vector<core::api::Member> members_;
  Loadable members_state_;
  bool what_if_open_ = false;
  struct WhatIfRow {
    std::string token_name;
    std::uint64_t before = 0, after = 0;
  };
  struct WhatIf {
    std::string member_id;
    std::string role = "reader";
    std::vector<WhatIfRow> rows;
  };
  std::optional<WhatIf> what_if_;
  std::string what_if_message_;
  std::optional<std::pair<std::string, std::string>> undo_role_;  // member id, role before the change
  Loadable what_if_state_;

  std::vector<core::api::CustomRole> roles_;
  std::optional<core::preview::Account> account_;
  std::vector<std::string> project_pages_;  // answers of a load in progress
  Loadable account_state_;

  std::vector<core::api::Token> tokens_;
  std::vector<std::vector<core::api::Token>> token_pages_;  // a load in progress, page by page
  std::size_t token_pages_received_ = 0;
  std::size_t next_token_page_ = 1;
  std::uint64_t tokens_generation_ = 0;
  long long tokens_total_ = 0;
  bool show_all_ = false;
  std::string token_filter_;
  ImGuiTableColumnSortSpecs token_sort_{};
  std::vector<int> token_order_;  // indices into tokens_, filtered and sorted
  bool token_order_dirty_ = true;
  Loadable tokens_state_;
  int selected_token_ = -1;
  std::string rename_text_;
  std::string describe_text_;
  int reset_grace_hours_ = 0;
  std::string manage_message_;
  Loadable manage_state_;
  std::optional<std::pair<std::uint64_t, std::uint64_t>> rescope_diff_;  // actions gained, lost
  std::vector<std::string> rescope_lines_;  // "+ updateOn on Flags (20 places)"

  core::api::TokenDraft draft_;
  std::vector<core::policy::Diagnostic> draft_diagnostics_;
  std::string draft_problem_;
  std::vector<core::policy::BuilderRow> builder_rows_;
  std::string builder_source_ = "\x01";  // the JSON text the rows were read from (never a real text at first)
  std::string builder_json_error_;
  std::optional<BuilderChoices> builder_choices_;
  Loadable create_state_;
  // One-time secrets waiting to be shown, oldest first: each is shown once in the dialog, then forgotten. Two
  // writes may answer while the dialog is open (a create and a reset, or one sent before act-as).
  struct OneTimeSecret {
    std::string secret;
    std::string owner;  // whose token it is: the answer may arrive after the person acted as another member
  };
  std::deque<OneTimeSecret> secrets_to_show_;

  bool preview_dirty_ = true;
  double preview_changed_at_ms_ = 0;
  double last_recompute_ms_ = 0;  // how long the last preview took to compute
  std::optional<core::policy::Evaluator> evaluator_;
  std::optional<core::preview::Preview> preview_;
  std::optional<PreviewSummary> preview_summary_;
  std::vector<std::vector<core::policy::ResourceSegment>> environment_segments_;  // per project of account_, built on first explanation
  std::string matrix_type_ = "flag";
  std::optional<std::pair<std::size_t, std::size_t>> selected_cell_;  // group, action
  std::string cell_title_;
  std::vector<std::string> cell_reasons_;
  MatrixRenderer matrix_;
  std::optional<MatrixView> matrix_view_;
  std::pair<int, int> uploaded_rows_{-1, -1};  // the rows in the shader's texture
};

}  // namespace wasm
