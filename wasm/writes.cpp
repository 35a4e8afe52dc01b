#include "writes.hpp"

#include <imgui.h>

#include "clipboard.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {

void Writes::tell_elsewhere(const Loadable& outcome, std::string done, std::string not_done) {
  if (!outcome.error) outcomes_elsewhere_.push_back({std::move(done), true});
  else outcomes_elsewhere_.push_back({std::move(not_done) + ": " + outcome.error->describe(), false});
}

void Writes::draw_outcomes_elsewhere() {
  if (outcomes_elsewhere_.empty()) return;
  ui::text("Answered after you switched member:");
  ImGui::SameLine();
  if (ImGui::SmallButton("Dismiss##outcomes")) outcomes_elsewhere_.clear();
  for (const auto& outcome : outcomes_elsewhere_)
    ui::outcome(outcome.ok, outcome.text);
}

void Writes::show_secret_once(std::string secret, std::string owner) {
  secrets_to_show_.push_back({std::move(secret), std::move(owner)});
}

void Writes::draw_secret_dialog() {
  if (secrets_to_show_.empty()) return;
  if (!ImGui::IsPopupOpen("Your new token secret")) ImGui::OpenPopup("Your new token secret");
  if (ImGui::BeginPopupModal("Your new token secret", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    auto& shown = secrets_to_show_.front();
    ui::text_colored(theme::kWarning, "Copy it now: it will not be shown again.");
    ui::text("A token of " + shown.owner + ".");
    ui::text(shown.secret);
    if (ImGui::Button("Copy")) copy_to_clipboard(shown.secret);
    ImGui::SameLine();
    if (ImGui::Button("Done")) {
      shown.secret.assign(shown.secret.size(), '\0');
      secrets_to_show_.pop_front();
      forget_copy_outcome();  // the next secret has not been copied
      ImGui::CloseCurrentPopup();
    }
    switch (copy_outcome()) {
      case CopyOutcome::Copied: ui::outcome(true, "Copied to the clipboard."); break;
      case CopyOutcome::Refused:
        ui::outcome(false, "The browser did not allow copying: allow clipboard access for this page, then Copy again.");
        break;
      case CopyOutcome::Waiting: ui::text_colored(theme::kMuted, "Copying..."); break;
      case CopyOutcome::NotAsked: break;
    }
    ImGui::EndPopup();
  }
}

}  // namespace wasm
