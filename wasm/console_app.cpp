#include "console_app.hpp"

#include <imgui.h>

#include "http_client.hpp"
#include "test_hook.hpp"
#include "ui_text.hpp"

namespace wasm {
namespace {

const ImVec4 kMuted{0.62f, 0.66f, 0.72f, 1.0f};
const ImVec4 kError{0.95f, 0.45f, 0.40f, 1.0f};

HttpRequest to_http(const core::api::ApiRequest& request, const std::string& token) {
  HttpRequest http;
  http.method = request.method;
  http.url = request.path;  // same origin as the page: serve.py answers the API
  http.headers = request.headers(token);
  http.body = request.body;
  return http;
}

core::api::ApiError error_from(const HttpResponse& response) {
  if (response.status == 0) return core::api::network_error("the server did not answer (is serve.py running?)");
  return core::api::parse_api_error(response.status, response.body);
}

}  // namespace

void ConsoleApp::start() { load_demo_members(); }

void ConsoleApp::load_demo_members() {
  phase_ = Phase::LoadingDemoMembers;
  test_hook::set_state("loading");
  send_http(to_http(core::api::get_demo_members(), ""), [this](HttpResponse response) {
    if (response.status != 200) return fail(error_from(response));
    auto members = core::api::parse_demo_members(response.body);
    if (!members) return fail({response.status, "invalid_response", members.error().describe()});
    if (members->empty()) return fail({response.status, "no_demo_members", "the mock API has no demo members"});
    demo_members_ = std::move(members).value();
    act_as(0);
  });
}

void ConsoleApp::act_as(std::size_t demo_index) {
  acting_as_ = demo_index;
  access_token_ = demo_members_[demo_index].token;
  load_member();
}

void ConsoleApp::load_member() {
  phase_ = Phase::LoadingMember;
  test_hook::set_state("loading");
  send_http(to_http(core::api::get_member_me(), access_token_), [this](HttpResponse response) {
    if (response.status != 200) return fail(error_from(response));
    auto member = core::api::parse_member(response.body);
    if (!member) return fail({response.status, "invalid_response", member.error().describe()});
    member_ = std::move(member).value();
    phase_ = Phase::Ready;
    test_hook::set_state("ready");
  });
}

void ConsoleApp::fail(core::api::ApiError error) {
  failed_step_ = phase_ == Phase::LoadingDemoMembers ? "Loading the demo members" : "Loading who you are";
  error_ = std::move(error);
  phase_ = Phase::Failed;
  test_hook::set_state("error");
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
  ui::text_colored(kMuted, "API access tokens, scoped and previewed");
  ImGui::Separator();

  switch (phase_) {
    case Phase::LoadingDemoMembers: ui::text("Connecting to the mock API..."); break;
    case Phase::LoadingMember: ui::text("Asking the API who you are..."); break;
    case Phase::Ready: draw_identity(); break;
    case Phase::Failed: draw_error(); break;
  }
  ImGui::End();
}

void ConsoleApp::draw_identity() {
  const auto& member = *member_;
  ui::text("Acting as");
  ImGui::Indent();
  ui::text(member.display_name());
  ui::text(member.email);
  ui::text_colored(kMuted, "role: " + member.role + "  |  personal token");
  ImGui::Unindent();

  if (demo_members_.size() > 1) {
    ImGui::Spacing();
    ui::text("Act as another demo member:");
    const ImGuiStyle& style = ImGui::GetStyle();
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (std::size_t i = 0; i < demo_members_.size(); ++i) {
      const auto& demo = demo_members_[i];
      const std::string text = demo.name + " (" + demo.role + ")";
      const std::string label = text + "##act-as-" + std::to_string(i);
      const float width = ImGui::CalcTextSize(text.c_str()).x + style.FramePadding.x * 2;
      // Buttons flow onto the next line rather than off the right edge.
      if (i > 0) {
        ImGui::SameLine();
        if (ImGui::GetCursorScreenPos().x + width > right_edge) ImGui::NewLine();
      }
      ImGui::BeginDisabled(i == acting_as_);
      if (ImGui::Button(label.c_str())) act_as(i);
      ImGui::EndDisabled();
    }
  }
}

void ConsoleApp::draw_error() {
  ui::text_colored(kError, failed_step_ + " failed");
  ui::text_wrapped(error_.describe());
  if (ImGui::Button("Retry")) {
    if (demo_members_.empty()) load_demo_members();
    else load_member();
  }
}

}  // namespace wasm
