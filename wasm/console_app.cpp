#include "console_app.hpp"

#include <imgui.h>

#include <algorithm>
#include <memory>

#include "test_hook.hpp"
#include "timer.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {

void ConsoleApp::start() { load_config(); }

// serve.py says whether it is the mock API (with demo members) or relays to one LaunchDarkly instance. Asked
// without a token: these are serve.py's own paths.
void ConsoleApp::load_config() {
  phase_ = Phase::LoadingConfig;
  test_hook::set_state("loading");
  ApiClient().send(core::api::get_console_config(), [this](ApiResult result) {
    if (!result.ok()) return fail(result.error);
    auto config = core::api::parse_console_config(result.body);
    if (!config) return fail({result.status, "invalid_response", config.error().describe()});
    config_ = std::move(config).value();
    if (config_.mock) return load_demo_members();
    phase_ = Phase::NeedToken;  // serve.py --upstream: the person pastes a token for that instance
    test_hook::set_state("connect");
  });
}

void ConsoleApp::load_demo_members() {
  phase_ = Phase::LoadingDemoMembers;
  test_hook::set_state("loading");
  ApiClient().send(core::api::get_demo_members(), [this](ApiResult result) {
    if (!result.ok()) return fail(result.error);
    auto members = core::api::parse_demo_members(result.body);
    if (!members) return fail({result.status, "invalid_response", members.error().describe()});
    if (members->empty()) return fail({result.status, "no_demo_members", "the mock API has no demo members"});
    demo_members_ = std::move(members).value();
    act_as(0);
  });
}

// Act-as while the console shows a member: it stays as it is until the new token's member is known, so that a
// switch that fails (serve.py stopped, a token refused) is told in place and the console stays usable.
// Otherwise (the first member, a connection) the new Session is current at once.
void ConsoleApp::begin_session(std::shared_ptr<Session> session, std::string who) {
  if (phase_ != Phase::Ready || !session->instance.empty()) {
    next_session_.reset();
    show_session(std::move(session));
    return load_member();
  }
  next_session_ = std::move(session);
  switching_to_ = std::move(who);
  switch_problem_.clear();
  test_hook::set_state("loading");
  next_session_->load_caller(
      [this] {
        show_session(std::move(next_session_));
        on_member_loaded();
      },
      [this](const core::api::ApiError& error) {
        switch_problem_ = "Could not act as " + switching_to_ + ": " + error.describe();
        next_session_.reset();
        test_hook::set_state("ready");
      });
}

// The new Session replaces the old one whole: what the old token read, and what was shown of it, are gone.
void ConsoleApp::show_session(std::shared_ptr<Session> session) {
  session_ = std::move(session);
  selection_ = {};
  writes_.forget_outcomes_elsewhere();
  switch_problem_.clear();
}

void ConsoleApp::act_as(std::size_t demo_index) {
  ApiClient api;
  api.set_token(demo_members_[demo_index].token);
  begin_session(std::make_shared<Session>(std::move(api), "", demo_index), demo_members_[demo_index].name);
}

// A token pasted for `upstream` (empty: serve.py's own upstream), through serve.py's proxy when it is the mock.
void ConsoleApp::connect_to_instance(std::string upstream, std::string token) {
  ApiClient api;
  api.set_route(config_.mock ? config_.proxy_path : "", upstream);
  api.set_token(std::move(token));
  begin_session(std::make_shared<Session>(std::move(api), config_.mock ? upstream : config_.upstream, std::nullopt), "");
}

void ConsoleApp::use_mock_api() {
  if (demo_members_.empty()) return load_demo_members();
  act_as(0);
}

void ConsoleApp::load_member() {
  phase_ = Phase::LoadingMember;
  test_hook::set_state("loading");
  session_->load_caller([this] { on_member_loaded(); }, [this](const core::api::ApiError& error) { fail(error); });
}

void ConsoleApp::on_member_loaded() {
  phase_ = Phase::Ready;
  test_hook::set_state("ready");
  load_account();
  load_tokens();
}

void ConsoleApp::load_members() {
  session_->load_members([] {});
}

// The list read before stays shown until the new one is whole; the selection follows its token.
void ConsoleApp::load_tokens() {
  session_->load_tokens([this](const std::vector<core::api::Token>& before) {
    const int selected = selection_.index;
    const std::string selected_id = selected >= 0 && selected < static_cast<int>(before.size()) ? before[selected].id : "";
    selection_.index = -1;
    for (std::size_t i = 0; i < session_->tokens.size() && !selected_id.empty(); ++i)
      if (session_->tokens[i].id == selected_id) selection_.index = static_cast<int>(i);
  });
}

void ConsoleApp::load_account() {
  session_->load_account([] {});
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

void ConsoleApp::show_error(const Loadable& state, const char* retry_id, void (ConsoleApp::*retry)()) {
  ui::show_error(state, retry_id, retry == nullptr ? std::function<void()>() : [this, retry] { (this->*retry)(); });
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

  panels::Context context{session_,
                          writes_,
                          draft_,
                          selection_,
                          [this] { load_tokens(); },
                          [this] { load_members(); },
                          [this] { load_account(); },
                          [this](const std::string& email, const std::string& role) {
                            for (auto& demo : demo_members_)
                              if (demo.email == email) demo.role = role;
                          },
                          [this](std::string upstream, std::string token) { connect_to_instance(std::move(upstream), std::move(token)); }};
  switch (phase_) {
    case Phase::LoadingConfig:
    case Phase::LoadingDemoMembers: ui::text("Connecting to the mock API..."); break;
    case Phase::LoadingMember: ui::text("Asking the API who you are..."); break;
    case Phase::NeedToken: connect_.draw(context, config_, true); break;
    case Phase::Failed:
      draw_error();
      ImGui::Separator();
      connect_.draw(context, config_, !session_->instance.empty() || !config_.mock);
      break;
    case Phase::Ready: {
      draw_header(context);
      ImGui::Separator();
      // The tokens table needs about 44 characters' width to show its short columns whole (at 1280 px, 45%).
      const float available = ImGui::GetContentRegionAvail().x;
      const float left_width = std::max(available * 0.42f, std::min(available * 0.5f, ImGui::GetFontSize() * 44));
      ImGui::BeginChild("tokens-column", ImVec2(left_width, 0), ImGuiChildFlags_Border);
      tokens_table_.draw(context);
      ImGui::Separator();
      token_detail_.draw(context);
      ImGui::Separator();
      what_if_.draw(context);
      ImGui::EndChild();
      ImGui::SameLine();
      ImGui::BeginChild("draft-column", ImVec2(0, 0), ImGuiChildFlags_Border);
      if (session_->member) {  // unknown for a frame when a connection begins
        draft_panel_.draw(context);
        statement_builder_.draw(context);
        draft_panel_.draw_create(context);
        ImGui::Separator();
        preview_.draw(context);
      }
      ImGui::EndChild();
      break;
    }
  }
  writes_.draw_secret_dialog();
  ImGui::End();
}

void ConsoleApp::draw_error() {
  ui::text_colored(theme::kError, failed_step_ + " failed");
  show_error(failure_, "Retry", retry_step_);
  if (!session_->instance.empty() && config_.mock) {
    if (ImGui::Button("Back to the mock API")) use_mock_api();
  }
}

}  // namespace wasm
