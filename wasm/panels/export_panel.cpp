#include "wasm/panels/export_panel.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/api/draft_export.hpp"
#include "wasm/clipboard.hpp"
#include "wasm/ui_text.hpp"
#include "wasm/ui_theme.hpp"

namespace wasm::panels {

void ExportPanel::draw(Context& context) {
  ImGui::SetNextItemOpen(open_, ImGuiCond_Always);
  const bool was_open = open_;
  open_ = ImGui::TreeNode("Export the draft");
  if (!open_) return;
  reveal_ |= !was_open;
  int format = static_cast<int>(format_);
  bool changed = ui::radio_button("curl", &format, static_cast<int>(Format::Curl));
  ImGui::SameLine();
  changed |= ui::radio_button("ldcli", &format, static_cast<int>(Format::Ldcli));
  ImGui::SameLine();
  changed |= ui::radio_button("Terraform", &format, static_cast<int>(Format::Terraform));
  ImGui::SameLine();
  changed |= ui::radio_button("Link", &format, static_cast<int>(Format::Link));
  format_ = static_cast<Format>(format);
  if (changed) {
    copy_asked_ = false;
    reveal_ = true;
  }

  const auto& draft = context.draft.draft;
  const auto text = format_ == Format::Curl        ? core::api::curl_command(draft, context.api_base_uri)
                    : format_ == Format::Ldcli     ? core::api::ldcli_command(draft, context.api_base_uri)
                    : format_ == Format::Terraform ? core::api::terraform_resource(draft, context.api_base_uri, context.session->roles)
                                                   : core::Result<std::string>(context.scenario_link());
  if (!text) {
    ui::text_wrapped_colored(theme::kWarning, "Nothing to export until the draft can be created: " + text.error().message);
    reveal_if_asked();
    ImGui::TreePop();
    return;
  }
  text_ = text.value();
  ui::text_colored(theme::kMuted, format_ == Format::Terraform ? "Reads the token from var.launchdarkly_access_token."
                                  : format_ == Format::Link    ? "Opens this console on this draft, member and view. It holds no token."
                                                               : "Reads the token from $LD_ACCESS_TOKEN: set it first.");
  const float lines = static_cast<float>(std::count(text_.begin(), text_.end(), '\n') + 1);
  ui::input_text_multiline("##export-text", &text_, ImGui::GetTextLineHeight() * std::min(lines, 8.0f) + 8,
                           ImGuiInputTextFlags_ReadOnly);
  const char* kFormatNames[] = {"curl", "ldcli", "Terraform", "a link"};
  ui::name_last_field(std::string("The draft as ") + kFormatNames[static_cast<int>(format_)]);
  if (ImGui::Button("Copy##export")) {
    copy_to_clipboard(text_);
    copy_asked_ = true;
  }
  if (copy_asked_) {
    ImGui::SameLine();
    switch (copy_outcome()) {
      case CopyOutcome::Copied: ui::outcome(true, "Copied to the clipboard."); break;
      case CopyOutcome::Refused: ui::outcome(false, "The browser did not allow copying: allow clipboard access, then Copy again."); break;
      case CopyOutcome::Waiting: ui::text_colored(theme::kMuted, "Copying..."); break;
      case CopyOutcome::NotAsked: break;
    }
  }
  reveal_if_asked();
  ImGui::TreePop();
}

// Opened, or showing another format: what it shows, down to its last line, is scrolled into sight.
void ExportPanel::reveal_if_asked() {
  if (!reveal_) return;
  ImGui::SetScrollHereY(1.0f);
  reveal_ = false;
}

}  // namespace wasm::panels
