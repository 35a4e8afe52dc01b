#pragma once
// Warnings about policies that parse but probably do not do what their author meant.
#include <string>
#include <vector>

#include "core/policy/policy.hpp"

namespace core::policy {

std::vector<Diagnostic> lint_policy(const Policy& policy, const std::string& pointer,
                                    const Semantics& semantics = default_semantics());

// Parse errors and lint warnings together, for `tokenscope validate` and the console's editor.
std::vector<Diagnostic> validate_policy(const nlohmann::json& policy_json, const std::string& pointer = "",
                                        const Semantics& semantics = default_semantics());

}  // namespace core::policy
