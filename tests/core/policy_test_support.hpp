#pragma once
// Small builders for policy tests: principals, tokens and resources from JSON text.
#include <gtest/gtest.h>

#include <string>

#include "core/policy/evaluator.hpp"
#include "core/policy/principal.hpp"

namespace tests {

inline core::policy::Resource resource(const std::string& text) {
  auto parsed = core::policy::parse_resource(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.error().describe();
  return parsed.ok() ? parsed.value() : core::policy::Resource{};
}

inline core::policy::Principal principal(const std::string& json_text,
                                         const core::policy::Semantics& semantics = core::policy::default_semantics()) {
  auto parsed = core::policy::parse_principal(nlohmann::json::parse(json_text), "", semantics);
  EXPECT_TRUE(parsed.ok()) << parsed.error().describe();
  return parsed.ok() ? parsed.value() : core::policy::Principal{};
}

inline core::policy::TokenScope token(const std::string& json_text) {
  auto parsed = core::policy::parse_token_scope(nlohmann::json::parse(json_text), "", core::policy::default_semantics());
  EXPECT_TRUE(parsed.ok()) << parsed.error().describe();
  return parsed.ok() ? parsed.value() : core::policy::TokenScope{};
}

// A member holding one custom role with this policy.
inline core::policy::Evaluator role(const std::string& policy_json, const std::string& extra = "",
                                    const core::policy::Semantics& semantics = core::policy::default_semantics()) {
  return core::policy::Evaluator::for_member(
      principal(R"({"customRoles":[{"key":"r","policy":)" + policy_json + "}]" + extra + "}", semantics), semantics);
}

}  // namespace tests
