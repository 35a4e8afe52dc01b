#include "core/policy/role_set.hpp"

namespace core::policy {
namespace {

Reason statement_reason(Reason::Kind kind, const std::string& subject, const CompiledRole& role,
                        const CompiledStatement& statement, std::string specifier, std::string_view action) {
  Reason reason;
  reason.kind = kind;
  reason.subject = subject;
  reason.role = role.key;
  reason.statement = static_cast<int>(statement.index);
  reason.specifier = std::move(specifier);
  reason.action_pattern = statement.matching_action_pattern(action);
  return reason;
}

// Explains one role; returns whether it allows.
bool explain_role(const CompiledRole& role, const std::string& subject, const Resource& resource,
                  std::string_view action, const Semantics& semantics, std::vector<Reason>& allow_reasons,
                  std::vector<Reason>& deny_reasons) {
  std::string specifier;
  for (const auto& statement : role.denies) {
    if (statement.applies_to_action(action, semantics) &&
        statement.applies_to_resource(resource, semantics, &specifier)) {
      deny_reasons.push_back(statement_reason(Reason::Kind::DeniedByStatement, subject, role, statement, specifier, action));
      return false;
    }
  }
  bool allowed = false;
  for (const auto& statement : role.allows) {
    if (statement.applies_to_action(action, semantics) &&
        statement.applies_to_resource(resource, semantics, &specifier)) {
      allow_reasons.push_back(
          statement_reason(Reason::Kind::AllowedByStatement, subject, role, statement, specifier, action));
      allowed = true;
    }
  }
  if (!allowed && reader_base_allows(role, resource, action, semantics)) {
    allow_reasons.push_back({Reason::Kind::ReaderBaseAllows, subject, role.key, -1, "", std::string(action), ""});
    allowed = true;
  }
  if (!allowed && role.over_expansion_limit) {
    deny_reasons.push_back({Reason::Kind::ExpansionLimit, subject, role.key, -1, "", "",
                            std::to_string(kMaxPolicyExpansions)});
  } else if (!allowed) {
    deny_reasons.push_back({Reason::Kind::NoStatementAllows, subject, role.key, -1, "", "", ""});
    // An unresolved attribute may be why nothing matched: say so.
    for (const auto* list : {&role.allows, &role.denies})
      for (const auto& statement : *list)
        for (const auto& name : statement.unresolved_attributes)
          deny_reasons.push_back({Reason::Kind::UnresolvedAttribute, subject, role.key,
                                  static_cast<int>(statement.index), "", "", name});
  }
  return allowed;
}

}  // namespace

bool RoleSet::allows(const Resource& resource, const Action& action, const Semantics& semantics) const noexcept {
  for (const auto& role : roles)
    if (role.allows_action(resource, action, semantics)) return true;
  return false;
}

Decision RoleSet::explain(const Resource& resource, std::string_view action, const Semantics& semantics) const {
  Decision decision;
  std::vector<Reason> allow_reasons, deny_reasons;
  for (const auto& role : roles)
    decision.allowed = explain_role(role, subject, resource, action, semantics, allow_reasons, deny_reasons) ||
                       decision.allowed;
  if (roles.empty()) deny_reasons.push_back({Reason::Kind::NoStatementAllows, subject, "(no roles)", -1, "", "", ""});
  decision.reasons = decision.allowed ? std::move(allow_reasons) : std::move(deny_reasons);
  return decision;
}

}  // namespace core::policy
