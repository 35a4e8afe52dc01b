#include "core/policy/decision.hpp"

namespace core::policy {

const char* reason_kind_name(Reason::Kind kind) {
  switch (kind) {
    case Reason::Kind::AllowedByStatement: return "allowed_by_statement";
    case Reason::Kind::DeniedByStatement: return "denied_by_statement";
    case Reason::Kind::NoStatementAllows: return "no_statement_allows";
    case Reason::Kind::ReaderBaseAllows: return "reader_base_allows";
    case Reason::Kind::CappedByMember: return "capped_by_member";
    case Reason::Kind::CappedByCreator: return "capped_by_creator";
    case Reason::Kind::CappedByIssuer: return "capped_by_issuer";
    case Reason::Kind::NeedsViewProject: return "needs_view_project";
    case Reason::Kind::NeedsEveryEnvironment: return "needs_every_environment";
    case Reason::Kind::UnresolvedAttribute: return "unresolved_role_attribute";
    case Reason::Kind::ExpansionLimit: return "expansion_limit";
  }
  return "unknown";
}

nlohmann::json Reason::to_json() const {
  nlohmann::json out{{"kind", reason_kind_name(kind)}, {"text", describe()}};
  if (!subject.empty()) out["subject"] = subject;
  if (!role.empty()) out["role"] = role;
  if (statement >= 0) out["statement"] = statement;
  if (!specifier.empty()) out["specifier"] = specifier;
  if (!action_pattern.empty()) out["action"] = action_pattern;
  if (!detail.empty()) out["detail"] = detail;
  return out;
}

std::string Reason::describe() const {
  const std::string where = "statement " + std::to_string(statement) + " of role \"" + role + "\"";
  const std::string whose = subject.empty() ? "" : " (" + subject + ")";
  switch (kind) {
    case Kind::AllowedByStatement:
      return "allowed by " + where + whose + ": " + specifier + ", action " + action_pattern;
    case Kind::DeniedByStatement:
      return "denied by " + where + whose + ": " + specifier + ", action " + action_pattern;
    case Kind::NoStatementAllows: return "no statement of role \"" + role + "\"" + whose + " allows it";
    case Kind::ReaderBaseAllows: return "allowed by the reader base permissions of role \"" + role + "\"" + whose;
    case Kind::CappedByMember: return "the token asks for it, but its member cannot do it" + (detail.empty() ? "" : ": " + detail);
    case Kind::CappedByCreator:
      return "the token asks for it, but its creator could not do it at creation" + (detail.empty() ? "" : ": " + detail);
    case Kind::CappedByIssuer:
      return "the token asks for it, but the token it was issued through could not do it then" +
             (detail.empty() ? "" : ": " + detail);
    case Kind::NeedsViewProject: return "needs viewProject on " + specifier + whose + ", which is denied";
    case Kind::NeedsEveryEnvironment:
      return "a project-wide flag action needs every environment; denied in " + detail + whose;
    case Kind::UnresolvedAttribute:
      return "role \"" + role + "\" statement " + std::to_string(statement) + " uses ${roleAttribute/" + detail +
             "}, which has no value: that specifier matches nothing";
    case Kind::ExpansionLimit:
      return "role \"" + role + "\" expands to more than " + detail +
             " resource specifiers with these role attributes, so it allows nothing";
  }
  return "";
}

nlohmann::json Decision::to_json() const {
  nlohmann::json reasons_json = nlohmann::json::array();
  for (const auto& reason : reasons) reasons_json.push_back(reason.to_json());
  nlohmann::json out{{"decision", allowed ? "allow" : "deny"}, {"reasons", std::move(reasons_json)}};
  if (capped) out["capped"] = true;
  return out;
}

}  // namespace core::policy
