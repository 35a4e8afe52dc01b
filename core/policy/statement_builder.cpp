#include "core/policy/statement_builder.hpp"

#include <algorithm>
#include <charconv>

#include "core/policy/catalog.hpp"

namespace core::policy {
namespace {

using nlohmann::json;

// Written without "/*" when the key is any, as the reference's canonical forms do (§2.2).
bool is_singleton(std::string_view type) { return type == "acct" || type == "ip-allowlist"; }

bool is_pattern_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-' || c == '*';
}

bool contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string joined(const std::vector<std::string_view>& types) {
  std::string text;
  for (std::size_t i = 0; i < types.size(); ++i) text += (i ? ":" : "") + std::string(types[i]) + "/*";
  return text;
}

// The fields one segment of the builder's shape is written from.
struct SegmentFields {
  std::string_view type;
  const std::string* key;
  const std::vector<std::string>* tags;
  std::optional<bool> critical;
  std::string what;  // "project", "environment", "flag": for messages
};

std::vector<SegmentFields> segment_fields(const BuilderStatement& s) {
  static const std::string kAny = "*";
  static const std::vector<std::string> kNoTags;
  const auto shape = builder_shape(s.type);
  std::vector<SegmentFields> fields;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const std::string_view type = shape[i];
    if (type == "proj") fields.push_back({type, &s.project, &s.project_tags, std::nullopt, "project"});
    else if (type == "env") fields.push_back({type, &s.environment, &s.environment_tags, s.critical, "environment"});
    else if (i + 1 == shape.size()) fields.push_back({type, &s.key, &s.tags, std::nullopt, std::string(type)});
    else fields.push_back({type, &kAny, &kNoTags, std::nullopt, std::string(type)});  // a token's member
  }
  return fields;
}

std::optional<std::string> pattern_problem(const std::string& value, const std::string& what) {
  if (value.empty()) return "the " + what + " is empty";
  for (char c : value) {
    if (is_pattern_char(c)) continue;
    const std::string shown = c > 0x20 && c < 0x7f ? std::string("'") + c + "'" : "a space or non-ASCII character";
    return "the " + what + " \"" + value + "\" contains " + shown +
           ", which a resource specifier cannot hold (letters, digits, '.', '_', '-' and '*' only)";
  }
  return std::nullopt;
}

std::optional<std::string> actions_problem(const std::vector<std::string>& actions, const ResourceTypeInfo& info) {
  if (actions.empty()) return "the statement has no actions";
  if (contains(actions, "*")) {
    if (actions.size() > 1) return "\"*\" is combined with named actions";
    return std::nullopt;
  }
  for (const auto& action : actions) {
    if (action.find('*') != std::string::npos) return "uses the action glob \"" + action + "\"";
    if (std::find(info.actions.begin(), info.actions.end(), action) == info.actions.end())
      return "\"" + action + "\" is not an action on " + std::string(info.title);
  }
  return std::nullopt;
}

// Reads one field's list of strings; returns why not.
std::optional<std::string> read_strings(const json& object, const char* field, std::vector<std::string>& out) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::string("has no \"") + field + "\"";
  if (!it->is_array() || it->empty()) return std::string("\"") + field + "\" is not a non-empty list";
  for (const auto& item : *it) {
    if (!item.is_string()) return std::string("\"") + field + "\" holds something other than strings";
    out.push_back(item.get<std::string>());
  }
  return std::nullopt;
}

std::optional<std::string> read_specifier(const std::string& text, BuilderStatement& out) {
  auto parsed = parse_specifier(text);
  if (!parsed) return "the resource does not parse: " + parsed.error().message;
  const SpecifierPattern& pattern = parsed.value();
  if (pattern.any) return "uses the bare \"*\" resource";
  if (!pattern.attribute_names.empty()) return "uses a role attribute";
  const std::string& type = pattern.segments.back().type;
  if (find_resource_type(type) == nullptr) return "unknown resource type \"" + type + "\"";
  const auto shape = builder_shape(type);
  const auto types = pattern.types();
  if (!std::equal(types.begin(), types.end(), shape.begin(), shape.end()))
    return "is not written as " + joined(shape) + ", the shape the builder writes " + type + " in";
  for (std::size_t i = 0; i < pattern.segments.size(); ++i) {
    const SegmentPattern& segment = pattern.segments[i];
    if (!segment.views.empty()) return "uses a view selector";
    if (!segment.unknown_properties.empty())
      return "uses the property selector {" + segment.unknown_properties.front() + ":...}";
    if (segment.critical && segment.type != "env") return "uses {critical:...} on a " + segment.type + " segment";
    if (segment.type == "proj") {
      out.project = segment.key;
      out.project_tags = segment.tags;
    } else if (segment.type == "env") {
      out.environment = segment.key;
      out.environment_tags = segment.tags;
      out.critical = segment.critical;
    } else if (i + 1 == pattern.segments.size()) {
      out.key = segment.key;
      out.tags = segment.tags;
    } else if (segment.key != "*" || !segment.tags.empty()) {
      return "limits the " + type + "'s " + segment.type + " (the builder writes " + joined(shape) + ")";
    }
  }
  out.type = type;
  return std::nullopt;
}

// The statement the builder can edit, or why the statement stays JSON-only.
std::optional<std::string> read_statement(const json& object, BuilderStatement& out) {
  if (!object.is_object()) return "not a policy statement (a JSON object)";
  for (const auto& [field, value] : object.items())
    if (field != "effect" && field != "resources" && field != "actions" && field != "notResources" &&
        field != "notActions")
      return "has a field the builder does not edit: \"" + field + "\"";
  const auto effect = object.find("effect");
  if (effect != object.end() && *effect == "allow") out.effect = Effect::Allow;
  else if (effect != object.end() && *effect == "deny") out.effect = Effect::Deny;
  else return "effect is not \"allow\" or \"deny\"";
  if (object.contains("notResources") && !object["notResources"].is_null()) return "uses notResources";
  if (object.contains("notActions") && !object["notActions"].is_null()) return "uses notActions";
  std::vector<std::string> resources;
  if (auto problem = read_strings(object, "resources", resources)) return problem;
  if (resources.size() != 1) return "has " + std::to_string(resources.size()) + " resources";
  if (auto problem = read_strings(object, "actions", out.actions)) return problem;
  if (auto problem = read_specifier(resources.front(), out)) return problem;
  return actions_problem(out.actions, *find_resource_type(out.type));
}

BuilderRow decompose_statement(const json& original) {
  BuilderStatement statement;
  if (auto reason = read_statement(original, statement)) return {std::nullopt, original, std::move(*reason)};
  return {std::move(statement), original, ""};
}

bool same_meaning(const BuilderStatement& a, const BuilderStatement& b) {
  return a.effect == b.effect && a.actions == b.actions && builder_specifier(a) == builder_specifier(b);
}

json statement_json(const BuilderStatement& s) {
  return json{{"effect", s.effect == Effect::Allow ? "allow" : "deny"},
              {"resources", json::array({builder_specifier(s)})},
              {"actions", s.actions}};
}

}  // namespace

std::vector<BuilderRow> decompose_policy(const nlohmann::json& policy) {
  if (!policy.is_array()) return {BuilderRow{std::nullopt, policy, "the policy is not a JSON array"}};
  std::vector<BuilderRow> rows;
  for (const auto& statement : policy) rows.push_back(decompose_statement(statement));
  return rows;
}

nlohmann::json compose_policy(const std::vector<BuilderRow>& rows) {
  json policy = json::array();
  for (const auto& row : rows) {
    if (!row.statement) {
      policy.push_back(row.original);
    } else if (builder_problem(*row.statement)) {
      if (!row.original.is_null()) policy.push_back(row.original);
    } else if (!row.original.is_null()) {
      const BuilderRow as_written = decompose_statement(row.original);
      const bool unchanged = as_written.statement && same_meaning(*as_written.statement, *row.statement);
      policy.push_back(unchanged ? row.original : statement_json(*row.statement));
    } else {
      policy.push_back(statement_json(*row.statement));
    }
  }
  return policy;
}

std::optional<std::string> builder_problem(const BuilderStatement& statement) {
  const ResourceTypeInfo* info = find_resource_type(statement.type);
  if (info == nullptr) return "unknown resource type \"" + statement.type + "\"";
  for (const auto& segment : segment_fields(statement)) {
    if (auto problem = pattern_problem(*segment.key, segment.what + " key")) return problem;
    for (const auto& tag : *segment.tags)
      if (auto problem = pattern_problem(tag, segment.what + " tag")) return problem;
  }
  return actions_problem(statement.actions, *info);
}

std::string builder_specifier(const BuilderStatement& statement) {
  if (builder_problem(statement)) return "";
  std::string text;
  for (const auto& segment : segment_fields(statement)) {
    if (!text.empty()) text += ':';
    text += segment.type;
    if (*segment.key != "*" || !is_singleton(segment.type)) text += "/" + *segment.key;
    std::vector<std::string> modifiers = *segment.tags;
    if (segment.critical) modifiers.emplace_back(*segment.critical ? "{critical:true}" : "{critical:false}");
    for (std::size_t i = 0; i < modifiers.size(); ++i) text += (i ? "," : ";") + modifiers[i];
  }
  return text;
}

std::optional<std::size_t> statement_of(const Diagnostic& diagnostic, std::string_view policy_pointer) {
  std::string_view rest = diagnostic.pointer;
  if (!rest.starts_with(policy_pointer)) return std::nullopt;
  rest.remove_prefix(policy_pointer.size());
  if (!rest.starts_with('/')) return std::nullopt;
  rest.remove_prefix(1);
  const std::string_view token = rest.substr(0, rest.find('/'));
  if (token.empty() || (token.size() > 1 && token.front() == '0')) return std::nullopt;  // RFC 6901 indices
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
  if (error != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return index;
}

std::vector<std::string_view> builder_shape(std::string_view type) {
  const ResourceTypeInfo* info = find_resource_type(type);
  return info ? info->shapes.front() : std::vector<std::string_view>{};
}

std::span<const std::string_view> builder_actions(std::string_view type) {
  const ResourceTypeInfo* info = find_resource_type(type);
  return info ? std::span<const std::string_view>(info->actions) : std::span<const std::string_view>();
}

std::string policy_text(const nlohmann::json& policy, int indent) {
  static constexpr const char* kKeyOrder[] = {"effect", "resources", "notResources", "actions", "notActions"};
  auto ordered_statement = [](const nlohmann::json& statement) {
    if (!statement.is_object()) return nlohmann::ordered_json(statement);
    nlohmann::ordered_json ordered = nlohmann::ordered_json::object();
    for (const char* key : kKeyOrder)
      if (auto it = statement.find(key); it != statement.end()) ordered[key] = *it;
    for (const auto& [key, value] : statement.items())
      if (!ordered.contains(key)) ordered[key] = value;
    return ordered;
  };
  nlohmann::ordered_json ordered;
  if (policy.is_array()) {
    ordered = nlohmann::ordered_json::array();
    for (const auto& statement : policy) ordered.push_back(ordered_statement(statement));
  } else {
    ordered = ordered_statement(policy);
  }
  return ordered.dump(indent);
}

}  // namespace core::policy
