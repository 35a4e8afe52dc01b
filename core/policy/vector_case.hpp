#pragma once
// One decision request in the policy-vector format (policy reference §7): a policy, principal or token,
// a concrete resource with its properties, an action and a level.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/evaluator.hpp"
#include "core/result.hpp"

namespace core::policy {

struct VectorCase {
  std::string id;
  std::optional<Evaluator> evaluator;
  Resource resource;
  std::string action;
  Level level = Level::Pure;
  std::vector<ResourceSegment> project_environments;
  std::optional<std::string> expect;  // "allow" or "deny", when the line says

  Decision decide() const;
};

Result<VectorCase> parse_vector_case(std::string_view json_line, const Semantics& semantics = default_semantics());
Result<VectorCase> vector_case_from_json(const nlohmann::json& object, const Semantics& semantics);

}  // namespace core::policy
