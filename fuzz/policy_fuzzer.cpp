// libFuzzer target: policy JSON through validation, compilation, decisions and the C ABI never crashes,
// and the C ABI always answers JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "core/abi/tokenscope_abi.h"
#include "core/policy/evaluator.hpp"
#include "core/policy/lint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto policy = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!policy.is_discarded()) {
    (void)core::policy::validate_policy(policy);
    auto role = core::policy::parse_role(nlohmann::json{{"key", "fuzz"}, {"policy", policy}}, "", core::policy::default_semantics());
    if (role) {
      core::policy::Principal member;
      member.role_attributes = {{"projects", {"web"}}};
      member.custom_roles.push_back({role.value(), std::nullopt});
      const auto evaluator = core::policy::Evaluator::for_member(member);
      for (const char* resource_text : {"proj/web", "proj/web:env/production:flag/f", "member/m:token/t", "acct"}) {
        const auto resource = core::policy::parse_resource(resource_text);
        for (const char* action : {"viewProject", "updateOn", "createAccessToken", "unknownAction"}) {
          (void)evaluator.allows(resource.value(), action, core::policy::Level::Effective);
          (void)evaluator.explain(resource.value(), action, core::policy::Level::Effective);
        }
      }
    }
  }
  // The same bytes as a whole C ABI request.
  char* answer = tokenscope_call(text.c_str());
  if (answer == nullptr || nlohmann::json::parse(answer, nullptr, false).is_discarded()) __builtin_trap();
  tokenscope_free(answer);
  return 0;
}
