#pragma once
// The model behind the console's statement builder, kept in step with the JSON editor of an inline policy.
// A statement the pickers can express becomes a BuilderStatement; any other is kept exactly as written.
//
// Segments map onto fields by type: a proj segment is project/project_tags, an env segment is
// environment/environment_tags/critical, and the last segment of any other type is key/tags. Fields the
// type's shape does not use are ignored when writing and left at their defaults when reading.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/policy.hpp"

namespace core::policy {

// One statement as the builder's pickers edit it. Keys and tags are globs ("*" = any); tags are AND-ed.
struct BuilderStatement {
  Effect effect = Effect::Allow;
  std::string type = "flag";                // a catalog resource type
  std::string project = "*";                // for types under proj/
  std::vector<std::string> project_tags;
  std::string environment = "*";           // for types under env/
  std::vector<std::string> environment_tags;
  std::optional<bool> critical;             // {critical:true|false} on the environment
  std::string key = "*";                    // the resource's own key (flag key, segment key, member id...)
  std::vector<std::string> tags;            // the resource's own tags (not for proj and env: see above)
  std::vector<std::string> actions;         // {"*"} or catalog actions of the type

  bool operator==(const BuilderStatement&) const = default;
};

// A statement of the policy: editable in the builder, or kept as written (with why) and edited in JSON.
struct BuilderRow {
  std::optional<BuilderStatement> statement;
  nlohmann::json original;        // the statement as written (null for a row the builder added)
  std::string json_only_reason;   // empty when statement is set
};

// One row per statement. A statement is editable when it is an object with only effect, resources and
// actions; one resources entry that parses, is not the bare "*", has its type's builder_shape, and uses
// no role attribute, view, property other than {critical:...} on env, nor a key or tag on a token's
// member; and actions that are {"*"} or catalog actions of that type (no globs, no notActions).
// A policy that is not an array becomes one JSON-only row holding it, so nothing typed is lost.
std::vector<BuilderRow> decompose_policy(const nlohmann::json& policy);

// Always an array. A JSON-only row is written as its original; so is an editable row whose statement is
// unchanged since decompose_policy (byte-for-byte round trips). An edited row is rebuilt with
// builder_specifier, which normalises the text ("proj" -> "proj/*", tags before {critical:...}).
// A row whose statement has a builder_problem is written as its original (or left out when it has none):
// callers show builder_problem and never get a specifier that means something else.
nlohmann::json compose_policy(const std::vector<BuilderRow>& rows);

// Why a statement cannot be written (a key or tag with a character specifiers reserve, an unknown type,
// an action the type does not have...), or nullopt when it can.
std::optional<std::string> builder_problem(const BuilderStatement& statement);

// "proj/default;mobile:env/production;{critical:true}:flag/*"; empty when builder_problem reports one.
std::string builder_specifier(const BuilderStatement& statement);

// A policy as people write it: statement keys in the order effect, resources, actions (then any others),
// indented by `indent` spaces, or on one line when indent is negative.
std::string policy_text(const nlohmann::json& policy, int indent = 2);

// The statement a diagnostic points into: "/3/resources/0" -> 3. policy_pointer is the pointer given to
// validate_policy ("" for a bare statement array, "/policy" for a role object).
std::optional<std::size_t> statement_of(const Diagnostic& diagnostic, std::string_view policy_pointer = "");

// The type chain the builder writes a type in: the catalog's first shape ({"proj","env","flag"},
// {"proj"}, {"member"}, {"member","token"}); empty for an unknown type.
std::vector<std::string_view> builder_shape(std::string_view type);

// The actions the pickers offer for a type: the catalog's.
std::span<const std::string_view> builder_actions(std::string_view type);

}  // namespace core::policy
