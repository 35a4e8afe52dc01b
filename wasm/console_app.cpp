#include "console_app.hpp"

#include <imgui.h>

#include <algorithm>
#include <memory>

#include "core/api/share_link.hpp"
#include "page_location.hpp"
#include "test_hook.hpp"
#include "timer.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {

void ConsoleApp::start() {
  const std::string fragment = page_location::fragment();
  if (core::api::has_scenario_fragment(fragment)) {
    auto scenario = core::api::parse_scenario_fragment(fragment);
    if (scenario) scenario_.to_open = std::move(scenario).value();
    else scenario_.problem = "This link's scenario could not be read: " + scenario.error().describe();
  }
  load_config();
}

// The demo member first (a switch takes a round trip), then the draft and the preview's view. A member the
// mock does not have, or a pasted token's console, shows the draft as whoever is acted as.
void ConsoleApp::open_shared_scenario() {
  if (!scenario_.to_open || switching_.next || !session_->member) return;
  const std::string& email = scenario_.to_open->member_email;
  if (!email.empty() && served_.config.mock && session_->instance.empty() && !scenario_.member_asked) {
    const auto demo = std::find_if(served_.demo_members.begin(), served_.demo_members.end(),
                                   [&](const auto& member) { return member.email == email; });
    if (demo == served_.demo_members.end()) {
      scenario_.problem = "The link acts as " + email + ", who is not a demo member here: its draft is shown as " +
                          session_->member->email + "'s.";
    } else if (session_->member->email != email) {
      scenario_.member_asked = true;
      return act_as(static_cast<std::size_t>(demo - served_.demo_members.begin()));
    }
  }
  draft_.draft = scenario_.to_open->draft;
  draft_.edited();
  if (!scenario_.to_open->view.empty()) preview_.show_view(scenario_.to_open->view);
  preview_.show_columns(scenario_.to_open->every_action, scenario_.to_open->opened_kinds);
  scenario_.to_open.reset();
}

std::string ConsoleApp::scenario_link() {
  core::api::Scenario scenario{draft_.draft, "", preview_.view(), preview_.every_action(), preview_.opened_kinds()};
  if (served_.config.mock && session_->instance.empty() && session_->demo_member && session_->member)
    scenario.member_email = session_->member->email;
  return page_location::address() + "#" + core::api::scenario_fragment(scenario);
}

// serve.py says whether it is the mock API (with demo members) or relays to one LaunchDarkly instance. Asked
// without a token: these are serve.py's own paths.
void ConsoleApp::load_config() {
  startup_.phase = Phase::LoadingConfig;
  test_hook::set_state("loading");
  ApiClient().send(core::api::get_console_config(), [this](ApiResult result) {
    if (!result.ok()) return fail(result.error);
    auto config = core::api::parse_console_config(result.body);
    if (!config) return fail({result.status, "invalid_response", config.error().describe()});
    served_.config = std::move(config).value();
    if (served_.config.mock) return load_demo_members();
    startup_.phase = Phase::NeedToken;  // serve.py --upstream: the person pastes a token for that instance
    test_hook::set_state("connect");
  });
}

void ConsoleApp::load_demo_members() {
  startup_.phase = Phase::LoadingDemoMembers;
  test_hook::set_state("loading");
  ApiClient().send(core::api::get_demo_members(), [this](ApiResult result) {
    if (!result.ok()) return fail(result.error);
    auto members = core::api::parse_demo_members(result.body);
    if (!members) return fail({result.status, "invalid_response", members.error().describe()});
    if (members->empty()) return fail({result.status, "no_demo_members", "the mock API has no demo members"});
    served_.demo_members = std::move(members).value();
    act_as(0);
  });
}

// Act-as while the console shows a member: it stays as it is until the new token's member is known, so that a
// switch that fails (serve.py stopped, a token refused) is told in place and the console stays usable.
// Otherwise (the first member, a connection) the new Session is current at once.
void ConsoleApp::begin_session(std::shared_ptr<Session> session, std::string who) {
  if (startup_.phase != Phase::Ready || !session->instance.empty()) {
    switching_.next.reset();
    show_session(std::move(session));
    return load_member();
  }
  switching_.next = std::move(session);
  switching_.to = std::move(who);
  switching_.problem.clear();
  test_hook::set_state("loading");
  switching_.next->load_caller(
      [this] {
        show_session(std::move(switching_.next));
        on_member_loaded();
      },
      [this](const core::api::ApiError& error) {
        switching_.problem = "Could not act as " + switching_.to + ": " + error.describe();
        switching_.next.reset();
        test_hook::set_state("ready");
      });
}

// The new Session replaces the old one whole: what the old token read, and what was shown of it, are gone.
void ConsoleApp::show_session(std::shared_ptr<Session> session) {
  session_ = std::move(session);
  selection_ = {};
  writes_.forget_outcomes_elsewhere();
  switching_.problem.clear();
}

void ConsoleApp::act_as(std::size_t demo_index) {
  ApiClient api;
  api.set_token(core::api::Secret::copy_of(served_.demo_members[demo_index].token));
  begin_session(std::make_shared<Session>(std::move(api), "", demo_index), served_.demo_members[demo_index].name);
}

// A token pasted for `upstream` (empty: serve.py's own upstream), through serve.py's proxy when it is the mock.
void ConsoleApp::connect_to_instance(std::string upstream, core::api::Secret token) {
  ApiClient api;
  api.set_route(served_.config.mock ? served_.config.proxy_path : "", upstream);
  api.set_token(std::move(token));
  begin_session(std::make_shared<Session>(std::move(api), served_.config.mock ? upstream : served_.config.upstream, std::nullopt), "");
}

void ConsoleApp::forget_secrets() {
  session_->api.forget_token();
  switching_.next.reset();
  connect_.forget_pasted_token();
  writes_.forget_secrets();
}

void ConsoleApp::use_mock_api() {
  if (served_.demo_members.empty()) return load_demo_members();
  act_as(0);
}

void ConsoleApp::load_member() {
  startup_.phase = Phase::LoadingMember;
  test_hook::set_state("loading");
  session_->load_caller([this] { on_member_loaded(); }, [this](const core::api::ApiError& error) { fail(error); });
}

void ConsoleApp::on_member_loaded() {
  startup_.phase = Phase::Ready;
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
  startup_.failed_step = startup_.phase == Phase::LoadingConfig        ? "Reading serve.py's configuration"
                 : startup_.phase == Phase::LoadingDemoMembers ? "Loading the demo members"
                                                       : "Asking the API who this token is";
  startup_.retry = startup_.phase == Phase::LoadingConfig        ? &ConsoleApp::load_config
                : startup_.phase == Phase::LoadingDemoMembers ? &ConsoleApp::load_demo_members
                                                      : &ConsoleApp::load_member;
  startup_.failure = Loadable::failed(std::move(error));
  startup_.phase = Phase::Failed;
  test_hook::set_state("error");
}

// What the panels are drawn with this frame.
panels::Context ConsoleApp::context() {
  return panels::Context{
      .session = session_,
      .writes = writes_,
      .draft = draft_,
      .selection = selection_,
      .scenario_link = [this] { return scenario_link(); },
      .api_base_uri = session_->instance.empty() ? (served_.config.mock ? page_location::origin() : served_.config.upstream) : session_->instance,
      .load_tokens = [this] { load_tokens(); },
      .load_members = [this] { load_members(); },
      .load_account = [this] { load_account(); },
      .member_role_changed =
          [this](const std::string& email, const std::string& role) {
            for (auto& demo : served_.demo_members)
              if (demo.email == email) demo.role = role;
          },
      .connect = [this](std::string upstream, core::api::Secret token) {
        connect_to_instance(std::move(upstream), std::move(token));
      },
      .act_as = [this](std::size_t demo_member) { act_as(demo_member); },
      .use_mock_api = [this] { use_mock_api(); },
  };
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

  panels::Context context = this->context();
  switch (startup_.phase) {
    case Phase::LoadingConfig:
    case Phase::LoadingDemoMembers: ui::text("Connecting to the mock API..."); break;
    case Phase::LoadingMember: ui::text("Asking the API who you are..."); break;
    case Phase::NeedToken: connect_.draw(context, served_.config, true); break;
    case Phase::Failed:
      draw_error();
      ImGui::Separator();
      connect_.draw(context, served_.config, !session_->instance.empty() || !served_.config.mock);
      break;
    case Phase::Ready: {
      open_shared_scenario();
      header_.draw(context, served_, switching_);
      if (!scenario_.problem.empty()) ui::outcome(false, scenario_.problem);
      connect_.draw(context, served_.config, false);
      writes_.draw_outcomes_elsewhere();
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
        draft_preview_split_.draw(
            [&] {
              draft_panel_.draw(context);
              statement_builder_.draw(context);
              draft_panel_.draw_create(context);
              export_.draw(context);
            },
            [&] { preview_.draw(context); });
      }
      ImGui::EndChild();
      break;
    }
  }
  writes_.draw_secret_dialog();
  ImGui::End();
}

void ConsoleApp::draw_error() {
  ui::text_colored(theme::kError, startup_.failed_step + " failed");
  ui::show_error(startup_.failure, "Retry", [this, retry = startup_.retry] { (this->*retry)(); });
  if (!session_->instance.empty() && served_.config.mock) {
    if (ImGui::Button("Back to the mock API")) use_mock_api();
  }
}

}  // namespace wasm
