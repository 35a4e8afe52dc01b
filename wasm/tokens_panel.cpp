// The tokens table (sortable, filterable, paged through the API) and the selected token's management.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <unordered_set>

#include "console_app.hpp"
#include "core/policy/subject_json.hpp"
#include "test_hook.hpp"
#include "timer.hpp"
#include "ui_text.hpp"
#include "ui_theme.hpp"

namespace wasm {
namespace {

constexpr int kPageSize = 100;
constexpr int kPagesInFlight = 4;
constexpr std::size_t kMaxTokensListed = 100'000;  // beyond this the filter box is the way in

std::string date_of(long long millis) {
  if (millis <= 0) return "never";
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%d %H:%M", std::gmtime(&seconds));
  return text;
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

// Every page of the list, so that filtering and sorting cover all tokens: the first page says how many
// there are, then the rest are asked for a few at a time. The table keeps showing the previous list until
// the new one is whole; a newer load makes older pages' answers moot.
void ConsoleApp::load_tokens() {
  ++tokens_generation_;
  token_pages_.clear();
  token_pages_received_ = 0;
  next_token_page_ = 1;
  tokens_state_ = Loadable::busy();
  load_tokens_page(0, tokens_generation_);
}

void ConsoleApp::load_tokens_page(std::size_t page_index, std::uint64_t generation) {
  const long long offset = static_cast<long long>(page_index) * kPageSize;
  api_.send(core::api::list_tokens(offset, kPageSize, show_all_), current_session([this, page_index, generation](ApiResult result) {
    if (generation != tokens_generation_) return;
    if (!result.ok()) {
      tokens_state_ = Loadable::failed(result.error);
      if (result.status == 429)  // honour Retry-After, then ask for the same page again
        call_after_ms(result.error.retry_after_seconds * 1000, [this, page_index, generation, session = session_] {
          if (session != session_ || generation != tokens_generation_) return;
          tokens_state_ = Loadable::busy();
          load_tokens_page(page_index, generation);
        });
      return;
    }
    auto page = core::api::parse_tokens(result.body);
    if (!page) {
      tokens_state_ = Loadable::failed(core::api::ApiError{result.status, "invalid_response", page.error().describe()});
      return;
    }
    if (page_index == 0) {
      tokens_total_ = page->total;
      const auto wanted = std::min<long long>(page->total, static_cast<long long>(kMaxTokensListed));
      token_pages_.resize(std::max<std::size_t>(1, static_cast<std::size_t>((wanted + kPageSize - 1) / kPageSize)));
      for (int i = 0; i < kPagesInFlight && next_token_page_ < token_pages_.size(); ++i) load_tokens_page(next_token_page_++, generation);
    } else if (next_token_page_ < token_pages_.size()) {
      load_tokens_page(next_token_page_++, generation);
    }
    token_pages_[page_index] = std::move(page->items);
    if (++token_pages_received_ == token_pages_.size()) finish_token_pages();
  }));
}

// The pages, in order, become the list (a token that moved between pages while they were read counts once).
void ConsoleApp::finish_token_pages() {
  const std::string selected_id = selected_token_ >= 0 && selected_token_ < static_cast<int>(tokens_.size()) ? tokens_[selected_token_].id : "";
  std::vector<core::api::Token> tokens;
  std::unordered_set<std::string> seen;
  for (auto& page : token_pages_)
    for (auto& token : page)
      if (seen.insert(token.id).second) tokens.push_back(std::move(token));
  token_pages_.clear();
  tokens_ = std::move(tokens);
  token_order_dirty_ = true;
  tokens_state_ = {};
  selected_token_ = -1;
  for (std::size_t i = 0; i < tokens_.size() && !selected_id.empty(); ++i)
    if (tokens_[i].id == selected_id) selected_token_ = static_cast<int>(i);
  compute_what_if();
}

// The rows shown: the filter's matches in the chosen order. Worked out when the list, the filter or the
// sort changes, never per frame (10,000 tokens sorted every frame would cost the frame rate).
void ConsoleApp::order_tokens() {
  token_order_dirty_ = false;
  token_order_.clear();
  for (int i = 0; i < static_cast<int>(tokens_.size()); ++i) {
    const auto& token = tokens_[i];
    if (contains_folded(token.name + " " + token.owner_email + " " + token.scope_summary(), token_filter_)) token_order_.push_back(i);
  }
  const ImGuiTableColumnSortSpecs spec = token_sort_;
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
  std::vector<std::string> texts(by_number ? 0 : tokens_.size());
  if (!by_number)
    for (int i : token_order_) texts[i] = text_key(tokens_[i]);
  const bool descending = spec.SortDirection == ImGuiSortDirection_Descending;
  std::stable_sort(token_order_.begin(), token_order_.end(), [&](int a, int b) {
    if (descending) std::swap(a, b);
    return by_number ? number_key(tokens_[a]) < number_key(tokens_[b]) : texts[a] < texts[b];
  });
}

void ConsoleApp::select_token(int index) {
  selected_token_ = index;
  rescope_diff_.reset();
  manage_message_.clear();
  manage_state_ = {};
  if (index >= 0) {
    rename_text_ = tokens_[index].name;
    describe_text_ = tokens_[index].description;
  }
}

void ConsoleApp::draw_tokens_panel() {
  ui::text("Tokens");
  ImGui::SameLine();
  std::string status = std::to_string(tokens_.size()) + " listed";
  const std::string progress = std::to_string(token_pages_received_) + " of " + std::to_string(token_pages_.size()) + " pages";
  if (tokens_state_.waiting_to_retry()) status += ", paused at " + progress + " by the rate limit";
  else if (tokens_state_.loading) status += ", loading " + progress + "...";
  ui::text_colored(theme::kMuted, status);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  if (ImGui::InputTextWithHint("##filter", "Filter by name, owner, scope", &token_filter_)) token_order_dirty_ = true;
  if (member_is_admin()) {
    ImGui::SameLine();
    if (ImGui::Checkbox("Show all members' tokens", &show_all_)) load_tokens();
  }
  show_error(tokens_state_, "Retry##tokens", &ConsoleApp::load_tokens);

  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
  const float table_height = ImGui::GetContentRegionAvail().y * 0.55f;
  if (ImGui::BeginTable("tokens", 7, flags, ImVec2(0, table_height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthStretch, 2.4f);
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Owner", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("Scope", ImGuiTableColumnFlags_WidthStretch, 1.8f);
    ImGui::TableSetupColumn("Created", ImGuiTableColumnFlags_WidthStretch, 1.7f);
    ImGui::TableSetupColumn("Last used", ImGuiTableColumnFlags_WidthStretch, 1.7f);
    ImGui::TableSetupColumn("Ends in", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort != nullptr && sort->SpecsDirty) {
      token_sort_ = sort->SpecsCount > 0 ? sort->Specs[0] : ImGuiTableColumnSortSpecs{};
      sort->SpecsDirty = false;
      token_order_dirty_ = true;
    }
    if (token_order_dirty_) order_tokens();
    const std::vector<int>& order = token_order_;
    ImGuiListClipper clipper;  // smooth with thousands of rows: only visible rows are laid out
    clipper.Begin(static_cast<int>(order.size()));
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        const int i = order[row];
        const auto& token = tokens_[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string label = (token.name.empty() ? "(unnamed)" : token.name) + "##token-" + token.id;
        if (ImGui::Selectable(label.c_str(), selected_token_ == i, ImGuiSelectableFlags_SpanAllColumns)) select_token(i);
        ImGui::TableNextColumn();
        ui::text(token.service ? "service" : "personal");
        ImGui::TableNextColumn();
        ui::text(token.owner_email);
        ImGui::TableNextColumn();
        ui::text(token.scope_summary());
        ImGui::TableNextColumn();
        ui::text(date_of(token.creation_date));
        ImGui::TableNextColumn();
        ui::text(date_of(token.last_used));
        ImGui::TableNextColumn();
        ui::text("..." + token.ending);
      }
    }
    ImGui::EndTable();
  }
  if (ImGui::SmallButton("Refresh")) load_tokens();
  ImGui::Separator();
  draw_token_manager();
  ImGui::Separator();
  draw_what_if_panel();
}

void ConsoleApp::draw_token_manager() {
  if (selected_token_ < 0 || selected_token_ >= static_cast<int>(tokens_.size())) {
    ui::text_colored(theme::kMuted, "Select a token to rename, reset or delete it.");
    return;
  }
  const core::api::Token token = tokens_[selected_token_];
  ui::text("Selected: " + token.name + " (" + token.scope_summary() + ", ends in ..." + token.ending + ")");
  ui::text_colored(theme::kMuted, "last used " + date_of(token.last_used));
  ImGui::InputText("New name##manage", &rename_text_);
  ImGui::InputText("New description##manage", &describe_text_);
  ImGui::BeginDisabled(manage_state_.loading || (rename_text_ == token.name && describe_text_ == token.description));
  if (ImGui::Button("Save name and description")) {
    manage_state_ = Loadable::busy();
    api_.send(core::api::update_token_text(token, rename_text_, describe_text_), current_session([this](ApiResult result) {
      manage_state_ = Loadable::done(result);
      manage_message_ = result.ok() ? "Saved." : "";
      if (result.ok()) load_tokens();
    }));
  }
  ImGui::EndDisabled();

  if (!token.service) {
    if (ImGui::Button("Compare with the draft's scope")) compare_rescope(token);
    if (rescope_diff_) {
      ImGui::SameLine();
      ui::text("the draft's scope gains " + std::to_string(rescope_diff_->first) + " actions, loses " +
               std::to_string(rescope_diff_->second));
      constexpr std::size_t kLinesShown = 12;
      for (std::size_t i = 0; i < rescope_lines_.size() && i < kLinesShown; ++i)
        ui::text_wrapped_colored(rescope_lines_[i][0] == '+' ? theme::kGood : theme::kError, rescope_lines_[i]);
      if (rescope_lines_.size() > kLinesShown)
        ui::text_colored(theme::kMuted, "and " + std::to_string(rescope_lines_.size() - kLinesShown) + " more changes");
      if (ImGui::Button("Apply the draft's scope")) {
        auto request = core::api::update_token_scope(token, draft_);
        if (!request) {
          manage_state_ = Loadable::failed(core::api::ApiError{0, "invalid_draft", request.error().describe()});
        } else {
          manage_state_ = Loadable::busy();
          api_.send(request.value(), current_session([this](ApiResult result) {
            manage_state_ = Loadable::done(result);
            manage_message_ = result.ok() ? "Scope changed." : "";
            rescope_diff_.reset();
            if (result.ok()) load_tokens();
          }));
        }
      }
    }
  }

  ImGui::SetNextItemWidth(120);
  ImGui::InputInt("hours the old secret keeps working", &reset_grace_hours_);
  reset_grace_hours_ = std::clamp(reset_grace_hours_, 0, 24 * 30);
  if (ImGui::Button("Reset secret")) {
    manage_state_ = Loadable::busy();
    const long long now = static_cast<long long>(std::time(nullptr)) * 1000;
    const long long expiry = reset_grace_hours_ > 0 ? now + reset_grace_hours_ * 3'600'000LL : 0;
    // The old secret may be rotated whatever the person clicks meanwhile: the new one is shown even after
    // acting as someone else.
    api_.send(core::api::reset_token(token.id, expiry), write_answer([this, owner = acting_member_name()](
                                                            ApiResult result, bool same_session) {
      manage_state_ = same_session ? Loadable::done(result) : Loadable{};
      if (!result.ok()) return;
      auto reset = core::api::parse_token(result.body);
      // The API gives the new secret to the token's own member only; to anyone else it sends the last four.
      const bool got_secret = reset && reset->ending.size() > 4;
      if (got_secret) show_secret_once(reset->ending, owner);
      if (!same_session) return;
      if (got_secret) {
        manage_message_ = "Reset. The new secret was shown once.";
      } else {
        manage_message_ = "Rotated. The old secret stops working as the grace period ends; only the token's own "
                          "member can get a new secret, by resetting it themselves.";
      }
      load_tokens();
    }));
  }
  ImGui::SameLine();
  if (ImGui::Button("Delete token")) ImGui::OpenPopup("Delete this token?");
  if (ImGui::BeginPopupModal("Delete this token?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ui::text("\"" + token.name + "\" stops working at once. This cannot be undone.");
    if (ImGui::Button("Delete")) {
      manage_state_ = Loadable::busy();
      api_.send(core::api::delete_token(token.id), current_session([this](ApiResult result) {
        manage_state_ = Loadable::done(result);
        if (!result.ok()) return;
        manage_message_ = "Deleted.";
        selected_token_ = -1;
        load_tokens();
      }));
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  show_error(manage_state_);
  if (!manage_message_.empty()) ui::text_colored(theme::kGood, manage_message_);
}

// Before/after: the selected token's scope against the draft's, over the same account, both capped by you.
void ConsoleApp::compare_rescope(const core::api::Token& token) {
  rescope_diff_.reset();
  if (!member_ || !account_) return;
  auto before = core::api::draft_subject(core::api::draft_of(token), *member_, roles_);
  auto after = core::api::draft_subject(draft_, *member_, roles_);
  if (!before || !after) {
    manage_state_ = Loadable::failed(core::api::ApiError{0, "invalid_draft", (!before ? before.error() : after.error()).describe()});
    return;
  }
  auto before_evaluator = core::policy::parse_subject(before.value(), "", core::policy::default_semantics());
  auto after_evaluator = core::policy::parse_subject(after.value(), "", core::policy::default_semantics());
  if (!before_evaluator || !after_evaluator) return;
  const auto after_preview = core::preview::compute_preview(*account_, after_evaluator.value());
  const auto diff = core::preview::diff_previews(*account_, core::preview::compute_preview(*account_, before_evaluator.value()),
                                                 after_preview);
  rescope_diff_ = std::pair{diff.gained, diff.lost};
  // Per resource type, which actions are gained and lost: "+ Flags: updateOn, updateTargets and 41 more".
  struct Change {
    std::vector<std::string> gained, lost;
  };
  std::map<std::string, Change> changes;  // by type
  for (const auto& entry : diff.entries) {
    const auto& group = after_preview.groups()[entry.group];
    const std::string action(core::preview::Preview::actions_of(group.type)[entry.action]);
    auto& change = changes[group.type];
    for (auto [count, list] : {std::pair{entry.gained, &change.gained}, std::pair{entry.lost, &change.lost}})
      if (count > 0 && std::find(list->begin(), list->end(), action) == list->end()) list->push_back(action);
  }
  rescope_lines_.clear();
  auto line = [](char sign, const std::string& title, const std::vector<std::string>& actions) {
    constexpr std::size_t kNamed = 3;
    std::string text = std::string(1, sign) + " " + title + ": ";
    for (std::size_t i = 0; i < actions.size() && i < kNamed; ++i) text += (i > 0 ? ", " : "") + actions[i];
    if (actions.size() > kNamed) text += " and " + std::to_string(actions.size() - kNamed) + " more";
    return text;
  };
  for (const auto& [type, change] : changes) {
    const auto* info = core::policy::find_resource_type(type);
    const std::string title = info ? std::string(info->title) : type;
    if (!change.gained.empty()) rescope_lines_.push_back(line('+', title, change.gained));
    if (!change.lost.empty()) rescope_lines_.push_back(line('-', title, change.lost));
  }
}

}  // namespace wasm
