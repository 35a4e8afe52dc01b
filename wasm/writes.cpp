#include "writes.hpp"

#include <imgui.h>

#include "clipboard.hpp"
#include "dates.hpp"
#include "redraw.hpp"
#include "timer.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {

void Writes::tell_elsewhere(const Loadable& outcome, std::string done, std::string not_done) {
  if (!outcome.error) outcomes_elsewhere_.push_back({std::move(done), true});
  else outcomes_elsewhere_.push_back({std::move(not_done) + ": " + outcome.error->describe(), false});
}

void Writes::draw_outcomes_elsewhere() {
  for (std::size_t i = 0; i < secrets_forgotten_.size(); ++i) {
    ui::outcome(false, secrets_forgotten_[i]);
    ImGui::SameLine();
    if (ImGui::SmallButton(("Dismiss##forgotten" + std::to_string(i)).c_str()))
      secrets_forgotten_.erase(secrets_forgotten_.begin() + static_cast<std::ptrdiff_t>(i--));
  }
  if (outcomes_elsewhere_.empty()) return;
  ui::text("Answered after you switched member:");
  ImGui::SameLine();
  if (ImGui::SmallButton("Dismiss##outcomes")) outcomes_elsewhere_.clear();
  for (const auto& outcome : outcomes_elsewhere_)
    ui::outcome(outcome.ok, outcome.text);
}

void Writes::show_secret_once(core::api::Secret secret, std::string owner) {
  secrets_to_show_.push_back({std::move(secret), std::move(owner)});
}

void Writes::draw_secret_dialog() {
  if (secrets_to_show_.empty()) return;
  if (!ImGui::IsPopupOpen("Your new token secret")) ImGui::OpenPopup("Your new token secret");
  auto& shown = secrets_to_show_.front();
  if (shown.forgotten_at_ms == 0) {
    shown.forgotten_at_ms = epoch_ms() + kSecretShownForMs;
    call_after_ms(kSecretShownForMs, [] { redraw::wake(); });  // an idle console draws the frame that wipes it
  }
  if (epoch_ms() >= shown.forgotten_at_ms) {
    secrets_forgotten_.push_back("A new secret of " + shown.owner + "'s token was not closed with Done in " +
                                 std::to_string(kSecretShownForMs / 60000) +
                                 " minutes and was forgotten: if it was not copied, reset the token for another.");
    secrets_to_show_.pop_front();  // wiped as it goes
    forget_copy_outcome();
    if (ImGui::BeginPopupModal("Your new token secret")) {
      ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
    }
    return;
  }
  if (ImGui::BeginPopupModal("Your new token secret", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ui::text_colored(theme::kWarning, "Copy it now: it will not be shown again.");
    ui::text("A token of " + shown.owner + ".");
    ui::text(shown.secret.reveal());
    ui::text_colored(theme::kMuted, "It is wiped from this page at " + clock_time_of(shown.forgotten_at_ms) + " (" +
                                        std::to_string(kSecretShownForMs / 60000) +
                                        " minutes after it was shown), or when you press Done.");
    if (ImGui::Button("Copy")) copy_to_clipboard(shown.secret.reveal());
    ImGui::SameLine();
    if (ImGui::Button("Done")) {
      secrets_to_show_.pop_front();  // the secret is wiped as it goes
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
