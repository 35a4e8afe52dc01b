#include "wasm/panels/tokens_table_panel.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <cctype>

#include "wasm/dates.hpp"
#include "wasm/ui_text.hpp"
#include "wasm/ui_theme.hpp"

namespace wasm::panels {
namespace {

// A table cell's text, whole in a tooltip when the column is too narrow for it.
void cell_text(const std::string& text) {
  const float width = ImGui::GetContentRegionAvail().x;
  ui::text(text);
  if (ImGui::GetItemRectSize().x > width && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenOverlappedByItem))
    ImGui::SetTooltip("%s", text.c_str());
}

// A date cell: short, with the date in full (local and UTC) on hover.
void date_cell(long long millis) {
  ui::text(short_date_of(millis));
  if (millis > 0 && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenOverlappedByItem))
    ImGui::SetTooltip("%s", local_and_utc(millis).c_str());
}

bool contains_folded(const std::string& haystack, const std::string& needle) {
  if (needle.empty()) return true;
  auto lower = [](std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
  };
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

}  // namespace

// The rows shown: the filter's matches in the chosen order. Worked out when the list, the filter or the
// sort changes, never per frame (10,000 tokens sorted every frame would cost the frame rate).
void TokensTablePanel::update_order(const Session& session, Order& order) {
  if (order.of_version == session.version) return;
  order.of_version = session.version;
  order.rows.clear();
  for (int i = 0; i < static_cast<int>(session.tokens.size()); ++i) {
    const auto& token = session.tokens[i];
    if (contains_folded(token.name + " " + token.owner_email + " " + token.scope_summary(), filter_)) order.rows.push_back(i);
  }
  const ImGuiTableColumnSortSpecs spec = sort_;
  auto text_key = [&](const core::api::Token& t) -> std::string {
    switch (spec.ColumnIndex) {
      case 1: return t.service ? "service" : "personal";
      case 2: return t.owner_email;
      case 3: return t.scope_summary();
      default: return t.name;
    }
  };
  auto number_key = [&](const core::api::Token& t) { return spec.ColumnIndex == 4 ? t.creation_date : t.last_used; };
  const bool by_number = spec.ColumnIndex == 4 || spec.ColumnIndex == 5;
  std::vector<std::string> texts(by_number ? 0 : session.tokens.size());
  if (!by_number)
    for (int i : order.rows) texts[i] = text_key(session.tokens[i]);
  const bool descending = spec.SortDirection == ImGuiSortDirection_Descending;
  std::stable_sort(order.rows.begin(), order.rows.end(), [&](int a, int b) {
    if (descending) std::swap(a, b);
    return by_number ? number_key(session.tokens[a]) < number_key(session.tokens[b]) : texts[a] < texts[b];
  });
}

void TokensTablePanel::draw(Context& context) {
  Session& session = *context.session;
  Order& order = order_.of(session);
  ui::heading("Tokens");
  ImGui::SameLine();
  update_order(session, order);
  std::string status = std::to_string(session.tokens.size()) + " listed";
  if (!filter_.empty()) status = std::to_string(order.rows.size()) + " of " + status + " match the filter";
  const std::string progress = std::to_string(session.token_pages_received) + " of " + std::to_string(session.token_pages_wanted) + " pages";
  if (session.tokens_state.waiting_to_retry()) status += ", paused at " + progress + " by the rate limit";
  else if (session.tokens_state.loading) status += ", loading " + progress + "...";
  ui::text_colored(theme::kMuted, status);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  if (ui::input_text("##filter", &filter_, 0, "Filter by name, owner, scope")) order.of_version.reset();
  ui::name_last_field("Filter tokens");
  if (session.member_is_admin()) {
    ImGui::SameLine();
    if (ImGui::Checkbox("Show all members' tokens", &session.all_members_tokens)) context.load_tokens();
  }
  ui::show_error(session.tokens_state, "Retry##tokens", context.load_tokens);

  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
  const float table_height = ImGui::GetContentRegionAvail().y * 0.55f;
  if (ImGui::BeginTable("tokens", 7, flags, ImVec2(0, table_height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    // Short columns fit their header and content whole (fixed, not resizable: ImGui fits them to what they
    // hold); name, owner and scope share the rest, with the whole text on hover when it does not fit.
    constexpr ImGuiTableColumnFlags kFitted = ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoResize;
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("Kind", kFitted);
    ImGui::TableSetupColumn("Owner", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn("Scope", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Created", kFitted);
    ImGui::TableSetupColumn("Last used", kFitted);
    ImGui::TableSetupColumn("Ends in", ImGuiTableColumnFlags_NoSort | kFitted);
    ui::table_headers_row();
    if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort != nullptr && sort->SpecsDirty) {
      sort_ = sort->SpecsCount > 0 ? sort->Specs[0] : ImGuiTableColumnSortSpecs{};
      sort->SpecsDirty = false;
      order.of_version.reset();
    }
    update_order(session, order);
    const std::vector<int>& rows = order.rows;
    ImGuiListClipper clipper;  // smooth with thousands of rows: only visible rows are laid out
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        const int i = rows[row];
        const auto& token = session.tokens[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string label = (token.name.empty() ? "(unnamed)" : token.name) + "##token-" + token.id;
        const float name_width = ImGui::GetContentRegionAvail().x;
        const float name_right = ImGui::GetCursorScreenPos().x + name_width;
        if (ImGui::Selectable(label.c_str(), context.selection.index == i, ImGuiSelectableFlags_SpanAllColumns)) context.selection.pick(i);
        if (ImGui::IsItemHovered() && ImGui::GetMousePos().x < name_right && ImGui::CalcTextSize(token.name.c_str()).x > name_width)
          ImGui::SetTooltip("%s", token.name.c_str());
        ImGui::TableNextColumn();
        ui::text(token.service ? "service" : "personal");
        ImGui::TableNextColumn();
        cell_text(token.owner_email);
        ImGui::TableNextColumn();
        cell_text(token.scope_summary());
        ImGui::TableNextColumn();
        date_cell(token.creation_date);
        ImGui::TableNextColumn();
        date_cell(token.last_used);
        ImGui::TableNextColumn();
        ui::text("..." + token.ending);
      }
    }
    ImGui::EndTable();
  }
  if (ImGui::SmallButton("Refresh")) context.load_tokens();
}

}  // namespace wasm::panels
