#include "core/api/token_preview.hpp"

#include <algorithm>

#include "core/json_fields.hpp"
#include "core/policy/lint.hpp"
#include "core/policy/subject_json.hpp"

namespace core::api {
namespace {

Result<TokenPreview> preview_subject(const nlohmann::json& subject, const core::preview::Account& account,
                                     const std::string& self_member_id, std::string capped_by) {
  auto evaluator = core::policy::parse_subject(subject, "", core::policy::default_semantics());
  if (!evaluator) return evaluator.error();
  auto preview = core::preview::compute_preview(account, evaluator.value(), self_member_id);
  return TokenPreview{std::move(evaluator).value(), std::move(preview), {}, std::move(capped_by), false};
}

std::string cap_words(bool service) { return service ? "the creator's permissions" : "its member's permissions"; }

}  // namespace

Result<TokenPreview> preview_draft(const TokenDraft& draft, const Member& owner, const std::vector<CustomRole>& roles,
                                   const core::preview::Account& account, const nlohmann::json& issued_through) {
  std::vector<core::policy::Diagnostic> diagnostics;
  if (draft.scope == ScopeKind::InlinePolicy) {
    auto policy = parse_json(draft.inline_policy_text);
    if (!policy) return Error{"Inline policy: " + policy.error().describe(), "", -1};
    diagnostics = core::policy::validate_policy(policy.value());
  }
  auto subject = draft_subject(draft, owner, roles);
  if (!subject) return subject.error();
  if (!issued_through.empty()) subject.value()["token"]["issuedThrough"] = issued_through;
  auto preview = preview_subject(subject.value(), account, owner.id, cap_words(draft.service));
  if (!preview) return preview.error();
  TokenPreview result = std::move(preview).value();
  result.diagnostics = std::move(diagnostics);
  return result;
}

Result<ExistingTokenSubject> existing_token_subject(const Token& token, const std::vector<Member>& members,
                                                    const std::vector<CustomRole>& roles) {
  const auto owner = std::find_if(members.begin(), members.end(), [&](const Member& m) { return m.id == token.member_id; });
  if (owner == members.end())
    return Error{"the member of \"" + token.name + "\" is not among the account's members (removed, or not listed)", "", -1};
  auto subject = draft_subject(draft_of(token), *owner, roles);
  if (!subject) return subject.error();
  return ExistingTokenSubject{std::move(subject).value(), token.service, &*owner};
}

Result<TokenJudgement> judge_token(const Token& token, const std::vector<Member>& members, const std::vector<CustomRole>& roles) {
  auto subject = existing_token_subject(token, members, roles);
  if (!subject) return subject.error();
  auto evaluator = core::policy::parse_subject(subject->subject, "", core::policy::default_semantics());
  if (!evaluator) return evaluator.error();
  return TokenJudgement{std::move(evaluator).value(), token.service ? "its creator's permissions now" : cap_words(false),
                        subject->approximate, token.member_id};
}

Result<TokenPreview> preview_token(const Token& token, const std::vector<Member>& members,
                                   const std::vector<CustomRole>& roles, const core::preview::Account& account) {
  auto judged = judge_token(token, members, roles);
  if (!judged) return judged.error();
  TokenJudgement judgement = std::move(judged).value();
  auto preview = core::preview::compute_preview(account, judgement.evaluator, judgement.self_member_id);
  return TokenPreview{std::move(judgement.evaluator), std::move(preview), {}, std::move(judgement.capped_by), judgement.approximate};
}

std::vector<RoleChangeRow> what_if_role(const core::preview::Account& account, const std::vector<Token>& tokens,
                                        const Member& member, const std::vector<CustomRole>& roles,
                                        const std::string& role) {
  Member changed = member;
  changed.role = role;
  std::vector<RoleChangeRow> rows;
  for (const auto& token : tokens) {
    if (token.service || token.member_id != member.id) continue;
    RoleChangeRow row{token.id, token.name, 0, 0, ""};
    const TokenDraft scope = draft_of(token);
    auto now = preview_draft(scope, member, roles, account);
    auto then = preview_draft(scope, changed, roles, account);
    if (!now || !then) {
      row.problem = (!now ? now.error() : then.error()).describe();
    } else {
      row.before = now->preview.totals().allowed;
      row.after = then->preview.totals().allowed;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace core::api
