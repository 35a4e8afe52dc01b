#pragma once
// What a token could do, previewed over an account: a draft (for the member it would belong to, issued
// through the token the console acts with), or an existing token judged with its own member. Every caller
// gets the same value, or the same Error saying why there is no preview.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/api/member.hpp"
#include "core/api/tokens.hpp"
#include "core/policy/evaluator.hpp"
#include "core/policy/policy.hpp"
#include "core/preview/preview.hpp"
#include "core/result.hpp"

namespace core::api {

struct TokenPreview {
  core::policy::Evaluator evaluator;
  core::preview::Preview preview;
  std::vector<core::policy::Diagnostic> diagnostics;  // the inline policy's errors and warnings
  std::string capped_by;                              // "its member's permissions", "the creator's permissions"
  bool approximate = false;                           // see existing_token_subject
};

// issued_through: issuer entries ({"member", "token"}) of the tokens the new token would be issued through.
Result<TokenPreview> preview_draft(const TokenDraft& draft, const Member& owner, const std::vector<CustomRole>& roles,
                                   const core::preview::Account& account,
                                   const nlohmann::json& issued_through = nlohmann::json::array());

// An existing token as it works now: its scope capped by its own member now. A service token is capped by a
// snapshot of its creator taken at creation, which the API does not expose: it is judged with the creator as
// they are now, and marked approximate. The tokens it was issued through are not exposed either.
struct ExistingTokenSubject {
  nlohmann::json subject;
  bool approximate = false;
  const Member* owner = nullptr;
};
Result<ExistingTokenSubject> existing_token_subject(const Token& token, const std::vector<Member>& members,
                                                    const std::vector<CustomRole>& roles);
// What an existing token is judged with, before any preview: its evaluator, what caps it, and whose personal
// tokens "member/<self>:token/*" stands for (the token's member).
struct TokenJudgement {
  core::policy::Evaluator evaluator;
  std::string capped_by;
  bool approximate = false;
  std::string self_member_id;
};
Result<TokenJudgement> judge_token(const Token& token, const std::vector<Member>& members, const std::vector<CustomRole>& roles);
Result<TokenPreview> preview_token(const Token& token, const std::vector<Member>& members,
                                   const std::vector<CustomRole>& roles, const core::preview::Account& account);

// What-if: each of the member's personal tokens, allowed actions now and with another base role.
struct RoleChangeRow {
  std::string token_id;
  std::string token_name;
  std::uint64_t before = 0;
  std::uint64_t after = 0;
  std::string problem;  // why this token has no preview (then before and after are 0)
};
std::vector<RoleChangeRow> what_if_role(const core::preview::Account& account, const std::vector<Token>& tokens,
                                        const Member& member, const std::vector<CustomRole>& roles,
                                        const std::string& role);

}  // namespace core::api
