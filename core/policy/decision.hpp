#pragma once
// A decision and why: which statement of which role allowed or denied, that no statement allows,
// that the member's (or creator's) own permissions capped the token, or a failed prerequisite.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace core::policy {

struct Reason {
  enum class Kind {
    AllowedByStatement,
    DeniedByStatement,
    NoStatementAllows,
    ReaderBaseAllows,
    CappedByMember,
    CappedByCreator,
    CappedByIssuer,
    NeedsViewProject,
    NeedsEveryEnvironment,
    UnresolvedAttribute,
    ExpansionLimit,
  };
  Kind kind = Kind::NoStatementAllows;
  std::string subject;     // "token", "member" or "creator": whose roles gave this reason
  std::string role;        // role key ("writer", "inline policy", a custom role's key)
  int statement = -1;      // index in the role's policy as written
  std::string specifier;   // the matched specifier after expansion ("not in [...]" for notResources)
  std::string action_pattern;
  std::string detail;

  nlohmann::json to_json() const;
  std::string describe() const;
};

const char* reason_kind_name(Reason::Kind kind);

struct Decision {
  bool allowed = false;
  bool capped = false;  // the token's scope asked for it, its member's or creator's permissions removed it
  std::vector<Reason> reasons;

  nlohmann::json to_json() const;
};

}  // namespace core::policy
