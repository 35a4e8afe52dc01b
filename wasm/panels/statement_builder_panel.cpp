#include "wasm/panels/statement_builder_panel.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <set>

#include "core/json_fields.hpp"
#include "core/policy/catalog.hpp"
#include "wasm/ui_text.hpp"
#include "wasm/ui_theme.hpp"

namespace wasm::panels {
namespace {

using core::policy::BuilderStatement;

float em(float count) { return ImGui::CalcTextSize("m").x * count; }

// One of the account's keys picked from the list, or a glob typed by hand.
bool key_picker(const std::string& name, const std::string& id, std::string* value, const std::vector<std::string>& choices) {
  bool changed = false;
  ui::label_before(name);
  if (ui::begin_combo_named(name + " list", "##pick-" + name + id, nullptr, ImGuiComboFlags_NoPreview | ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable("* (any)", *value == "*")) *value = "*", changed = true;
    for (const auto& choice : choices)
      if (ImGui::Selectable(choice.c_str(), *value == choice)) *value = choice, changed = true;
    ImGui::EndCombo();
  }
  ImGui::SameLine(0, 0);
  changed |= ui::input_text_named(name, "##" + name + id, value, em(9));
  return changed;
}

// Tags are AND-ed: the statement matches resources carrying every chosen tag.
bool tags_picker(const std::string& name, const std::string& id, std::vector<std::string>* tags,
                 const std::vector<std::string>& choices) {
  std::string preview;
  for (const auto& tag : *tags) preview += (preview.empty() ? "" : ", ") + tag;
  bool changed = false;
  ui::label_before(name);
  ImGui::SetNextItemWidth(em(9));
  if (ui::begin_combo_named(name, "##" + name + id, preview.empty() ? "any" : preview.c_str())) {
    if (choices.empty()) ui::text_colored(theme::kMuted, "no tags in this account");
    for (const auto& choice : choices) {
      bool chosen = std::find(tags->begin(), tags->end(), choice) != tags->end();
      if (ImGui::Checkbox((choice + "##" + name + id + choice).c_str(), &chosen)) {
        if (chosen) tags->push_back(choice);
        else std::erase(*tags, choice);
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool actions_picker(const std::string& id, BuilderStatement* statement) {
  auto& actions = statement->actions;
  const bool all = actions.size() == 1 && actions.front() == "*";
  const std::string preview = all ? "all actions" : actions.size() == 1 ? actions.front() : std::to_string(actions.size()) + " actions";
  bool changed = false;
  ImGui::SetNextItemWidth(em(11));
  if (ui::begin_combo_named("actions", "##actions" + id, preview.c_str(), ImGuiComboFlags_HeightLarge)) {
    bool every = all;
    if (ImGui::Checkbox(("All actions (*)" + id).c_str(), &every)) {
      actions = every ? std::vector<std::string>{"*"} : std::vector<std::string>{};
      changed = true;
    }
    ImGui::Separator();
    for (std::string_view action : core::policy::builder_actions(statement->type)) {
      const std::string name(action);
      bool chosen = all || std::find(actions.begin(), actions.end(), name) != actions.end();
      ImGui::BeginDisabled(all);
      if (ImGui::Checkbox((name + id + name).c_str(), &chosen)) {
        if (chosen) actions.push_back(name);
        else std::erase(actions, name);
        changed = true;
      }
      ImGui::EndDisabled();
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool type_picker(const std::string& id, BuilderStatement* statement) {
  const auto* current = core::policy::find_resource_type(statement->type);
  bool changed = false;
  ImGui::SetNextItemWidth(em(10));
  if (ui::begin_combo_named("resource type", "##type" + id, current ? std::string(current->title).c_str() : statement->type.c_str(),
                            ImGuiComboFlags_HeightLarge)) {
    for (const auto& type : core::policy::resource_types()) {
      if (core::policy::builder_shape(type.type).empty()) continue;
      if (ImGui::Selectable((std::string(type.title) + id + std::string(type.type)).c_str(), statement->type == type.type)) {
        statement->type = type.type;
        const auto offered = core::policy::builder_actions(type.type);  // keep the chosen actions the new type has
        std::erase_if(statement->actions, [&](const std::string& action) {
          return action != "*" && std::find(offered.begin(), offered.end(), action) == offered.end();
        });
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

}  // namespace

const StatementBuilderPanel::Choices& StatementBuilderPanel::choices_of(const Session& session) {
  AccountChoices& account = choices_.of(session);
  if (account.of_version == session.version) return account.choices;
  account.of_version = session.version;
  Choices choices;
  std::set<std::string> project_tags, environment_keys, environment_tags;
  if (session.account) {
    for (const auto& project : session.account->projects) {
      choices.projects.push_back(project.key);
      project_tags.insert(project.props.tags.begin(), project.props.tags.end());
      for (const auto& environment : project.environments) {
        environment_keys.insert(environment.key);
        environment_tags.insert(environment.props.tags.begin(), environment.props.tags.end());
      }
    }
  }
  choices.project_tags.assign(project_tags.begin(), project_tags.end());
  choices.environments.assign(environment_keys.begin(), environment_keys.end());
  choices.environment_tags.assign(environment_tags.begin(), environment_tags.end());
  account.choices = std::move(choices);
  return account.choices;
}

// Rows follow the JSON whenever its text changes; the JSON follows the rows after each edit in the builder.
void StatementBuilderPanel::follow_json(const DraftModel& draft) {
  if (draft.draft.inline_policy_text == source_) return;
  source_ = draft.draft.inline_policy_text;
  auto json = core::parse_json(source_);
  if (!json) {
    json_error_ = json.error().describe();
    return;
  }
  json_error_.clear();
  rows_ = core::policy::decompose_policy(json.value());
}

void StatementBuilderPanel::write_json(DraftModel& draft) {
  for (const auto& row : rows_)
    if (row.statement && core::policy::builder_problem(*row.statement)) return;  // shown at the row until fixed
  draft.draft.inline_policy_text = core::policy::policy_text(core::policy::compose_policy(rows_));
  source_.clear();  // decomposed again from the new text: originals match what is written
  follow_json(draft);
  draft.edited();
}

void StatementBuilderPanel::draw(Context& context) {
  DraftModel& draft = context.draft;
  if (draft.draft.scope != core::api::ScopeKind::InlinePolicy) return;
  follow_json(draft);
  ui::heading("Statements");
  ImGui::SameLine();
  ui::text_colored(theme::kMuted, "(deny wins over allow; the JSON below is kept in step)");
  if (!json_error_.empty()) {
    ui::text_colored(theme::kError, "The builder follows the JSON once it parses: " + json_error_);
  } else {
    for (const auto& diagnostic : draft.diagnostics)
      if (!core::policy::statement_of(diagnostic))
        ui::text_colored(diagnostic.severity == core::policy::Diagnostic::Severity::Error ? theme::kError : theme::kWarning,
                         diagnostic.describe());
    if (draw_rows(draft, choices_of(*context.session))) write_json(draft);
  }
  ui::heading("Policy JSON");
  const bool edited = ui::input_text_multiline("##inline-policy", &draft.draft.inline_policy_text, ImGui::GetTextLineHeight() * 8);
  ui::name_last_field("Policy JSON");
  if (edited) draft.edited();
}

// The rows' pickers; true when one was edited.
bool StatementBuilderPanel::draw_rows(const DraftModel& draft, const Choices& choices) {
  bool edited = false;
  std::optional<std::size_t> remove;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    auto& row = rows_[i];
    const std::string id = "##statement-" + std::to_string(i);
    ImGui::PushID(static_cast<int>(i));
    ui::text("#" + std::to_string(i + 1));
    ImGui::SameLine();
    if (!row.statement) {
      // Remove first: a long reason wraps under it instead of pushing it out of sight.
      if (ImGui::SmallButton(("Remove" + id).c_str())) remove = i;
      ImGui::SameLine();
      ui::text_wrapped_colored(theme::kMuted, "edited in the JSON only: " + row.json_only_reason);
      ui::text_wrapped(core::policy::policy_text(row.original, -1));
    } else {
      auto& statement = *row.statement;
      int effect = statement.effect == core::policy::Effect::Allow ? 0 : 1;
      ImGui::SetNextItemWidth(em(5));
      if (ui::begin_combo_named("effect", "##effect" + id, effect == 0 ? "allow" : "deny")) {
        for (int choice : {0, 1})
          if (ImGui::Selectable(choice == 0 ? "allow" : "deny", effect == choice)) {
            statement.effect = choice == 0 ? core::policy::Effect::Allow : core::policy::Effect::Deny;
            edited = true;
          }
        ImGui::EndCombo();
      }
      ImGui::SameLine();
      edited |= actions_picker(id, &statement);
      ImGui::SameLine();
      ui::label_before("on");
      edited |= type_picker(id, &statement);
      ImGui::SameLine();
      if (ImGui::SmallButton(("Remove" + id).c_str())) remove = i;

      const auto shape = core::policy::builder_shape(statement.type);
      const bool in_project = std::find(shape.begin(), shape.end(), "proj") != shape.end();
      const bool in_environment = std::find(shape.begin(), shape.end(), "env") != shape.end();
      const bool keyed = statement.type != "proj" && statement.type != "env";
      ImGui::Indent();
      if (in_project) {
        edited |= key_picker("project", id, &statement.project, choices.projects);
        ImGui::SameLine();
        edited |= tags_picker("project tags", id, &statement.project_tags, choices.project_tags);
      }
      if (in_environment) {
        edited |= key_picker("environment", id, &statement.environment, choices.environments);
        ImGui::SameLine();
        int critical = !statement.critical ? 0 : *statement.critical ? 1 : 2;
        constexpr const char* kCritical[] = {"critical or not", "critical only", "not critical"};
        ImGui::SetNextItemWidth(em(9.5f));
        if (ui::begin_combo_named("critical", "##critical" + id, kCritical[critical])) {
          for (int choice = 0; choice < 3; ++choice)
            if (ImGui::Selectable(kCritical[choice], critical == choice)) {
              statement.critical = choice == 0 ? std::nullopt : std::optional<bool>(choice == 1);
              edited = true;
            }
          ImGui::EndCombo();
        }
        ImGui::SameLine();
        edited |= tags_picker("environment tags", id, &statement.environment_tags, choices.environment_tags);
      }
      if (keyed) {
        ui::label_before("key");
        edited |= ui::input_text_named("key", "##key" + id, &statement.key, em(9));
      }
      ImGui::Unindent();
      if (auto problem = core::policy::builder_problem(statement)) ui::text_colored(theme::kError, "Statement #" + std::to_string(i + 1) + ": " + *problem);
      else ui::text_colored(theme::kMuted, core::policy::builder_specifier(statement));
    }
    for (const auto& diagnostic : draft.diagnostics)
      if (core::policy::statement_of(diagnostic) == i)
        ui::text_wrapped_colored(diagnostic.severity == core::policy::Diagnostic::Severity::Error ? theme::kError : theme::kWarning,
                                 "Statement #" + std::to_string(i + 1) + " " + diagnostic.describe());
    ImGui::PopID();
  }
  if (remove) {
    rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(*remove));
    edited = true;
  }
  if (ImGui::Button("Add statement")) {
    rows_.push_back({BuilderStatement{}, nullptr, ""});
    rows_.back().statement->actions = {"*"};
    edited = true;
    reveal_added_ = true;
  } else if (reveal_added_) {  // the frame after: the new statement is drawn above, and scrolled into sight with it
    ImGui::SetScrollHereY(1.0f);
    reveal_added_ = false;
  }
  return edited;
}

}  // namespace wasm::panels
