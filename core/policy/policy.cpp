#include "core/policy/policy.hpp"

#include "core/json_fields.hpp"
#include "core/policy/catalog.hpp"

namespace core::policy {
namespace {

using nlohmann::json;
using core::child_pointer;

struct StatementParser {
  const Semantics& semantics;
  std::vector<Diagnostic>& diagnostics;

  void error(std::string message, std::string pointer, int column = -1, bool structural = true) {
    diagnostics.push_back({Diagnostic::Severity::Error, std::move(message), std::move(pointer), column, structural});
  }
  void warning(std::string message, std::string pointer) {
    diagnostics.push_back({Diagnostic::Severity::Warning, std::move(message), std::move(pointer), -1, false});
  }

  // Reads exactly one of two list fields ("resources"/"notResources"); false on a structural error.
  bool read_list_pair(const json& object, const std::string& at, const char* plain, const char* negated,
                      bool& is_negated, std::vector<std::string>& values) {
    const bool has_plain = object.contains(plain) && !object[plain].is_null();
    const bool has_negated = object.contains(negated) && !object[negated].is_null();
    if (has_plain && has_negated) {
      error(std::string("a statement has \"") + plain + "\" or \"" + negated + "\", not both", at);
      return false;
    }
    if (!has_plain && !has_negated) {
      error(std::string("a statement needs \"") + plain + "\" or \"" + negated + "\"", at);
      return false;
    }
    is_negated = has_negated;
    const char* field = has_negated ? negated : plain;
    const std::string field_at = child_pointer(at, field);
    const json& list = object[field];
    if (!list.is_array()) {
      error(std::string("\"") + field + "\" must be an array of strings, not " + list.type_name(), field_at);
      return false;
    }
    if (list.empty()) {
      error(std::string("\"") + field + "\" must not be empty", field_at);
      return false;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string()) {
        error(std::string("\"") + field + "\" must hold strings, not " + list[i].type_name(), child_pointer(field_at, i));
        return false;
      }
      values.push_back(list[i].get<std::string>());
    }
    return true;
  }

  std::optional<Statement> parse(const json& object, const std::string& at) {
    if (!object.is_object()) {
      error(std::string("a statement must be an object, not ") + object.type_name(), at);
      return std::nullopt;
    }
    for (const auto& [field, value] : object.items()) {
      if (field != "effect" && field != "resources" && field != "notResources" && field != "actions" &&
          field != "notActions")
        warning("unknown statement field \"" + field + "\" is ignored", child_pointer(at, field));
    }
    Statement statement;
    auto effect = object.find("effect");
    if (effect == object.end() || !effect->is_string()) {
      error("a statement needs \"effect\": \"allow\" or \"deny\"", child_pointer(at, "effect"));
      return std::nullopt;
    }
    if (*effect == "allow") statement.effect = Effect::Allow;
    else if (*effect == "deny") statement.effect = Effect::Deny;
    else {
      error("\"effect\" must be \"allow\" or \"deny\", not " + effect->dump(), child_pointer(at, "effect"));
      return std::nullopt;
    }
    if (!read_list_pair(object, at, "resources", "notResources", statement.not_resources, statement.resources) ||
        !read_list_pair(object, at, "actions", "notActions", statement.not_actions, statement.actions))
      return std::nullopt;
    if (statement.not_resources && statement.not_actions && !semantics.allow_not_resources_with_not_actions) {
      error("a statement may not combine notResources with notActions", at);
      return std::nullopt;
    }
    check_specifiers(statement, at);
    check_actions(statement, at);
    return statement;
  }

  void check_specifiers(Statement& statement, const std::string& at) {
    const std::string list_at = child_pointer(at, statement.not_resources ? "notResources" : "resources");
    for (std::size_t i = 0; i < statement.resources.size(); ++i) {
      const std::string item_at = child_pointer(list_at, i);
      auto parsed = parse_specifier(statement.resources[i], semantics);
      if (!parsed) {
        error("invalid resource specifier \"" + statement.resources[i] + "\": " + parsed.error().message, item_at,
              parsed.error().column, /*structural=*/false);
        statement.parsed.emplace_back(std::nullopt);
        continue;
      }
      for (const auto& segment : parsed->segments) {
        if (find_resource_type(segment.type) == nullptr)
          error("unknown resource type \"" + segment.type + "\" in \"" + statement.resources[i] + "\"", item_at,
                static_cast<int>(statement.resources[i].find(segment.type)) + 1, false);
      }
      statement.parsed.emplace_back(std::move(parsed).value());
    }
  }

  void check_actions(const Statement& statement, const std::string& at) {
    const std::string list_at = child_pointer(at, statement.not_actions ? "notActions" : "actions");
    for (std::size_t i = 0; i < statement.actions.size(); ++i) {
      const std::string& action = statement.actions[i];
      if (action.empty()) {
        error("an action must not be empty", child_pointer(list_at, i), -1, false);
      } else if (action.find('*') == std::string::npos && !is_known_action(action)) {
        std::string message = "unknown action \"" + action + "\"";
        if (auto suggestion = suggest_action(action); !suggestion.empty())
          message += " (did you mean \"" + suggestion + "\"?)";
        error(message, child_pointer(list_at, i), -1, false);
      }
    }
  }
};

}  // namespace

nlohmann::json Diagnostic::to_json() const {
  nlohmann::json out{{"severity", severity == Severity::Error ? "error" : "warning"}, {"message", message},
                     {"pointer", pointer}};
  if (column > 0) out["column"] = column;
  return out;
}

std::string Diagnostic::describe() const {
  std::string text = (severity == Severity::Error ? "error: " : "warning: ") + message;
  if (!pointer.empty()) text += " (at " + pointer + (column > 0 ? ", column " + std::to_string(column) : "") + ")";
  return text;
}

bool ParsedPolicy::has_errors() const {
  for (const auto& diagnostic : diagnostics)
    if (diagnostic.severity == Diagnostic::Severity::Error) return true;
  return false;
}

const Diagnostic* ParsedPolicy::structural_error() const {
  for (const auto& diagnostic : diagnostics)
    if (diagnostic.structural) return &diagnostic;
  return nullptr;
}

ParsedPolicy parse_policy(const nlohmann::json& policy_json, const std::string& pointer, const Semantics& semantics) {
  ParsedPolicy result;
  StatementParser parser{semantics, result.diagnostics};
  if (!policy_json.is_array()) {
    parser.error(std::string("a policy must be an array of statements, not ") + policy_json.type_name(), pointer);
    return result;
  }
  for (std::size_t i = 0; i < policy_json.size(); ++i) {
    if (auto statement = parser.parse(policy_json[i], child_pointer(pointer, i))) {
      statement->index = i;
      result.policy.push_back(std::move(*statement));
    }
  }
  return result;
}

}  // namespace core::policy
