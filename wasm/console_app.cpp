#include "console_app.hpp"

#include <imgui.h>

#include <memory>

#include "test_hook.hpp"
#include "timer.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {

void ConsoleApp::start() { load_config(); }

// serve.py says whether it is the mock API (with demo members) or relays to one LaunchDarkly instance.
void ConsoleApp::load_config() {
  phase_ = Phase::LoadingConfig;
  test_hook::set_state("loading");
  api_.send(core::api::get_console_config(), current_session([this](ApiResult result) {
    if (!result.ok()) return fail(result.error);
    auto config = core::api::parse_console_config(result.body);
    if (!config) return fail({result.status, "invalid_response", config.error().describe()});
    config_ = std::move(config).value();
    if (config_.mock) return load_demo_members();
    phase_ = Phase::NeedToken;  // serve.py --upstream: the person pastes a token for that instance
    test_hook::set_state("connect");
  }));
}

void ConsoleApp::load_demo_members() {
  phase_ = Phase::LoadingDemoMembers;
  test_hook::set_state("loading");
  api_.send(core::api::get_demo_members(), current_session([this](ApiResult result) {
    if (!result.ok()) return fail(result.error);
    auto members = core::api::parse_demo_members(result.body);
    if (!members) return fail({result.status, "invalid_response", members.error().describe()});
    if (members->empty()) return fail({result.status, "no_demo_members", "the mock API has no demo members"});
    demo_members_ = std::move(members).value();
    act_as(0);
  }));
}

// Everything read with the previous token is dropped, and late answers to its requests are ignored.
void ConsoleApp::begin_session() {
  ++session_;
  member_.reset();
  identity_.reset();
  selected_token_ = -1;
  tokens_.clear();
  token_pages_.clear();
  token_order_dirty_ = true;
  show_all_ = false;
  what_if_.reset();
  what_if_message_.clear();
  undo_role_.reset();
  members_.clear();
  members_state_ = {};
  // Writes in flight keep their busy state until they answer (their answers are never dropped).
  if (!create_state_.loading) create_state_ = {};
  if (!manage_state_.loading) manage_state_ = {};
  manage_message_.clear();
  // Another token may see other projects and roles: nothing is previewed over the last one's account.
  account_.reset();
  environment_segments_.clear();
  roles_.clear();
  builder_choices_.reset();
  preview_.reset();
  preview_summary_.reset();
  matrix_view_.reset();
  selected_cell_.reset();
  evaluator_.reset();
  mark_preview_dirty();
}

void ConsoleApp::act_as(std::size_t demo_index) {
  begin_session();
  acting_as_ = demo_index;
  connected_instance_.clear();
  api_.set_route("", "");
  api_.set_token(demo_members_[demo_index].token);
  load_member();
}

void ConsoleApp::connect_to_instance() {
  connect_problem_.clear();
  std::string upstream;
  if (config_.mock) {
    const bool other = instance_choice_ >= static_cast<int>(config_.instances.size());
    auto url = core::api::normalize_instance_url(other ? other_instance_url_ : config_.instances[instance_choice_].url);
    if (!url) {
      connect_problem_ = url.error().describe();
      return;
    }
    upstream = std::move(url).value();
  }
  if (pasted_token_.empty()) {
    connect_problem_ = "Paste an access token of that instance first.";
    return;
  }
  begin_session();
  connected_instance_ = config_.mock ? upstream : config_.upstream;
  api_.set_route(config_.mock ? config_.proxy_path : "", upstream);
  api_.set_token(std::move(pasted_token_));
  pasted_token_.clear();
  load_member();
}

void ConsoleApp::use_mock_api() {
  if (demo_members_.empty()) return load_demo_members();
  act_as(0);
}

// Who the token acts as: its kind (caller identity) and its member (the creator, for a service token), asked
// at once since neither answer depends on the other; the console is ready when both have come.
void ConsoleApp::load_member() {
  phase_ = Phase::LoadingMember;
  test_hook::set_state("loading");
  struct Answers {
    std::optional<core::api::CallerIdentity> identity;
    std::optional<core::api::Member> member;
    bool failed = false;
  };
  auto answers = std::make_shared<Answers>();
  auto ready_when_both = [this, answers] {
    if (!answers->identity || !answers->member) return;
    identity_ = std::move(answers->identity);
    member_ = std::move(answers->member);
    phase_ = Phase::Ready;
    test_hook::set_state("ready");
    mark_preview_dirty();
    load_account();
    load_tokens();
  };
  auto failed = [this, answers](const core::api::ApiError& error) {
    answers->failed = true;
    fail(error);
  };
  // Either answer, parsed into its place among the answers; the first failure is shown.
  auto receive = [answers, ready_when_both, failed](auto parse, auto Answers::*place) {
    return [answers, ready_when_both, failed, parse, place](ApiResult result) {
      if (answers->failed) return;
      if (!result.ok()) return failed(result.error);
      auto parsed = parse(result.body);
      if (!parsed) return failed({result.status, "invalid_response", parsed.error().describe()});
      (*answers).*place = std::move(parsed).value();
      ready_when_both();
    };
  };
  api_.send(core::api::get_caller_identity(),
            current_session(receive(&core::api::parse_caller_identity, &Answers::identity)));
  api_.send(core::api::get_member_me(), current_session(receive(&core::api::parse_member, &Answers::member)));
}

// The account's custom roles and projects: what the draft's scope is made of and what the preview covers.
void ConsoleApp::load_account() {
  account_state_ = Loadable::busy();
  api_.send(core::api::list_roles(), current_session([this](ApiResult roles_result) {
    if (!roles_result.ok()) {
      account_state_ = Loadable::failed(roles_result.error);
      return;
    }
    auto roles = core::api::parse_roles(roles_result.body);
    if (!roles) {
      account_state_ = Loadable::failed(core::api::ApiError{roles_result.status, "invalid_response", roles.error().describe()});
      return;
    }
    roles_ = std::move(roles).value();
    project_pages_.clear();
    load_projects_page(0);
  }));
}

// Every page of the projects (with their environments), then the account the preview runs over.
void ConsoleApp::load_projects_page(long long offset) {
  constexpr int kProjectsPerPage = 1000;
  api_.send(core::api::list_projects(offset, kProjectsPerPage), current_session([this, offset](ApiResult result) {
    if (!result.ok()) {
      account_state_ = Loadable::failed(result.error);
      return;
    }
    auto count = core::api::parse_page_count(result.body);
    if (!count) {
      account_state_ = Loadable::failed({result.status, "invalid_response", count.error().describe()});
      return;
    }
    project_pages_.push_back(std::move(result.body));
    const long long next = offset + count->items;
    if (count->items > 0 && next < count->total) return load_projects_page(next);
    auto account = core::api::parse_projects_account(project_pages_, member_ ? member_->id : "");
    project_pages_.clear();
    if (!account) {
      account_state_ = Loadable::failed({result.status, "invalid_response", account.error().describe()});
      return;
    }
    account_ = std::move(account).value();
    environment_segments_.clear();
    builder_choices_.reset();
    compute_what_if();
    for (const auto& role : roles_) account_->role_keys.push_back(role.key);
    account_state_ = {};
    mark_preview_dirty();
  }));
}

void ConsoleApp::fail(core::api::ApiError error) {
  failed_step_ = phase_ == Phase::LoadingConfig        ? "Reading serve.py's configuration"
                 : phase_ == Phase::LoadingDemoMembers ? "Loading the demo members"
                                                       : "Asking the API who this token is";
  retry_step_ = phase_ == Phase::LoadingConfig        ? &ConsoleApp::load_config
                : phase_ == Phase::LoadingDemoMembers ? &ConsoleApp::load_demo_members
                                                      : &ConsoleApp::load_member;
  failure_ = Loadable::failed(std::move(error));
  phase_ = Phase::Failed;
  test_hook::set_state("error");
}

bool ConsoleApp::member_is_admin() const { return member_ && (member_->role == "admin" || member_->role == "owner"); }

Loadable Loadable::failed(core::api::ApiError error) {
  Loadable state{false, std::move(error)};
  if (state.error->retry_after_seconds > 0) state.retry_at_ms = now_ms() + state.error->retry_after_seconds * 1000.0;
  return state;
}

Loadable Loadable::done(const ApiResult& result) { return result.ok() ? Loadable{} : failed(result.error); }

bool Loadable::waiting_to_retry() const { return error && retry_at_ms > now_ms(); }

void ConsoleApp::show_error(const Loadable& state, const char* retry_id, void (ConsoleApp::*retry)()) {
  if (!state.error) return;
  ui::text_colored(theme::kError, state.error->describe());
  if (state.waiting_to_retry()) {
    const int seconds = static_cast<int>((state.retry_at_ms - now_ms()) / 1000.0) + 1;
    ui::text_colored(theme::kWarning, "The API asked to wait: try again in " + std::to_string(seconds) + " s.");
  }
  if (retry == nullptr) return;
  ImGui::SameLine();
  ImGui::BeginDisabled(state.waiting_to_retry());
  if (ImGui::SmallButton(retry_id)) (this->*retry)();
  ImGui::EndDisabled();
}

void ConsoleApp::draw() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("TokenScope", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ui::text("TokenScope");
  ImGui::SameLine();
  ui::text_colored(theme::kMuted, "API access tokens, scoped and previewed");
  ImGui::Separator();

  switch (phase_) {
    case Phase::LoadingConfig:
    case Phase::LoadingDemoMembers: ui::text("Connecting to the mock API..."); break;
    case Phase::LoadingMember: ui::text("Asking the API who you are..."); break;
    case Phase::NeedToken: draw_connect_panel(true); break;
    case Phase::Failed:
      draw_error();
      ImGui::Separator();
      draw_connect_panel(!connected_instance_.empty() || !config_.mock);
      break;
    case Phase::Ready: {
      draw_header();
      ImGui::Separator();
      const float left_width = ImGui::GetContentRegionAvail().x * 0.42f;
      ImGui::BeginChild("tokens-column", ImVec2(left_width, 0), ImGuiChildFlags_Border);
      draw_tokens_panel();
      ImGui::EndChild();
      ImGui::SameLine();
      ImGui::BeginChild("draft-column", ImVec2(0, 0), ImGuiChildFlags_Border);
      draw_draft_panel();
      ImGui::EndChild();
      break;
    }
  }
  draw_secret_dialog();
  ImGui::End();
}

void ConsoleApp::draw_error() {
  ui::text_colored(theme::kError, failed_step_ + " failed");
  show_error(failure_, "Retry", retry_step_);
  if (!connected_instance_.empty() && config_.mock) {
    if (ImGui::Button("Back to the mock API")) use_mock_api();
  }
}

}  // namespace wasm
