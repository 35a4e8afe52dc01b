#pragma once
// Whose permissions to evaluate, as JSON: {"member": principal} for a member, or
// {"token": scope, "member": principal} for a token (a service token is capped by
// token.creatorAtCreation when given, else by "member"; every token also by each of
// token.issuedThrough: [{"member": principal, "token": scope?}], the tokens it was issued through).
#include <nlohmann/json.hpp>

#include "core/policy/evaluator.hpp"
#include "core/result.hpp"

namespace core::policy {

inline constexpr std::size_t kMaxIssuers = 16;

Result<Evaluator> parse_subject(const nlohmann::json& json, const std::string& pointer, const Semantics& semantics);

// {"hierarchical_matching": true, ...}: overrides of the default readings (core/policy/options.hpp).
Result<Semantics> parse_semantics(const nlohmann::json& json, const std::string& pointer);

}  // namespace core::policy
