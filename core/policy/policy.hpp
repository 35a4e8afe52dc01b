#pragma once
// Policies as written: statements with effect, resources or notResources, actions or notActions.
// Parsing collects every problem with its JSON pointer (and column inside a specifier).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/policy/options.hpp"
#include "core/policy/specifier.hpp"

namespace core::policy {

enum class Effect { Allow, Deny };

struct Statement {
  std::size_t index = 0;  // position in the policy as written
  Effect effect = Effect::Allow;
  bool not_resources = false;                          // the list is notResources
  std::vector<std::string> resources;                  // as written
  std::vector<std::optional<SpecifierPattern>> parsed;  // nullopt where the specifier did not parse
  bool not_actions = false;                            // the list is notActions
  std::vector<std::string> actions;
};

using Policy = std::vector<Statement>;

struct Diagnostic {
  enum class Severity { Error, Warning };
  Severity severity = Severity::Error;
  std::string message;
  std::string pointer;
  int column = -1;
  bool structural = false;  // the JSON does not have a policy's shape (as opposed to a bad specifier or action)

  nlohmann::json to_json() const;
  std::string describe() const;
};

struct ParsedPolicy {
  Policy policy;
  std::vector<Diagnostic> diagnostics;

  bool has_errors() const;
  // The first error that makes the policy unusable (wrong JSON types, missing fields), if any.
  const Diagnostic* structural_error() const;
};

// Parses a JSON array of statements. Statements with structural errors are left out of .policy.
ParsedPolicy parse_policy(const nlohmann::json& json, const std::string& pointer,
                          const Semantics& semantics = default_semantics());

enum class BasePermissions { NoAccess, Reader };

struct Role {
  std::string key;   // "writer" for built-in roles, the custom role's key otherwise
  std::string name;
  Policy policy;
  BasePermissions base = BasePermissions::NoAccess;
  bool builtin = false;
};

}  // namespace core::policy
