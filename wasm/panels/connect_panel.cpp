#include "wasm/panels/connect_panel.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>


#include "wasm/ui_text.hpp"
#include "wasm/ui_theme.hpp"

namespace wasm::panels {

void ConnectPanel::connect(Context& context, const core::api::ConsoleConfig& config) {
  problem_.clear();
  std::string upstream;
  if (config.mock) {
    const bool other = instance_choice_ >= static_cast<int>(config.instances.size());
    auto url = core::api::normalize_instance_url(other ? other_instance_url_ : config.instances[instance_choice_].url);
    if (!url) {
      problem_ = url.error().describe();
      return;
    }
    upstream = std::move(url).value();
  }
  if (token_field_.empty()) {
    problem_ = "Paste an access token of that instance first.";
    return;
  }
  context.connect(std::move(upstream), token_field_.take());
}

void ConnectPanel::draw(Context& context, const core::api::ConsoleConfig& config, bool open) {
  if (!open) {
    ImGui::SetNextItemOpen(open_, ImGuiCond_Always);
    open_ = ImGui::TreeNode("Connect to a LaunchDarkly instance");
    if (!open_) {
      token_field_.draw("Access token", nullptr, false);
      return;
    }
  }
  if (config.mock) {
    for (std::size_t i = 0; i <= config.instances.size(); ++i) {
      const std::string name = i < config.instances.size() ? config.instances[i].name : "Another URL";
      if (i > 0) ImGui::SameLine();
      ui::radio_button(name + "##instance", &instance_choice_, static_cast<int>(i));
    }
    if (instance_choice_ >= static_cast<int>(config.instances.size())) {
      ImGui::SetNextItemWidth(ImGui::CalcTextSize("m").x * 24);
      ui::input_text("Instance URL", &other_instance_url_, 0, "https://app.launchdarkly.com");
    } else {
      ui::text_colored(theme::kMuted, config.instances[instance_choice_].url);
    }
  } else {
    ui::text("serve.py relays the API to " + config.upstream);
  }
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("m").x * 24);
  // Masked, kept in this page's memory only: never written to storage, cookies or the URL.
  const bool entered = token_field_.draw("Access token", "api-...");
  ImGui::SameLine();
  if (ImGui::Button("Connect") || entered) connect(context, config);
  ui::text_colored(theme::kMuted, "The token stays in this tab's memory; reloading the page forgets it.");
  if (!problem_.empty()) ui::text_colored(theme::kError, problem_);
  if (!open) ImGui::TreePop();
}

}  // namespace wasm::panels
