#pragma once
// Access tokens, custom roles and projects as the console reads them, and the requests it sends.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/member.hpp"
#include "core/api/requests.hpp"
#include "core/preview/account.hpp"
#include "core/result.hpp"

namespace core::api {

struct Token {
  std::string id;
  std::string name;
  std::string description;
  std::string member_id;
  std::string owner_email;  // from _member, when the API sends it
  std::optional<std::string> role;
  std::vector<std::string> custom_role_ids;
  nlohmann::json inline_role = nlohmann::json::array();
  bool service = false;
  long long creation_date = 0;
  long long last_used = 0;
  std::string ending;  // the last four characters (or, once, the full secret)

  // "reader", "2 custom roles", "inline policy (3 statements)"
  std::string scope_summary() const;
};

struct TokenPage {
  std::vector<Token> items;
  long long total = 0;
};

Result<Token> parse_token(std::string_view json_text);
Result<TokenPage> parse_tokens(std::string_view json_text);

struct CustomRole {
  std::string id;
  std::string key;
  std::string name;
  std::string description;
  nlohmann::json policy = nlohmann::json::array();
  std::string base_permissions = "no_access";
};

Result<std::vector<CustomRole>> parse_roles(std::string_view json_text);

// GET /api/v2/projects?expand=environments as the preview's account. The REST API subset lists no flags or
// segments, so each environment gets one stand-in flag and segment keyed "*": "any flag" in the preview.
Result<core::preview::Account> parse_projects_account(std::string_view json_text, const std::string& member_id);
// The same over every page of the list, in order.
Result<core::preview::Account> parse_projects_account(const std::vector<std::string>& pages, const std::string& member_id);

// How many items a page of a collection holds, and its totalCount (the item count when absent).
struct PageCount {
  long long items = 0;
  long long total = 0;
};
Result<PageCount> parse_page_count(std::string_view json_text);

enum class ScopeKind { BaseRole, CustomRoles, InlinePolicy };

struct TokenDraft {
  std::string name;
  std::string description;
  bool service = false;
  ScopeKind scope = ScopeKind::BaseRole;
  std::string role = "reader";
  std::vector<std::string> custom_role_ids;
  std::string inline_policy_text = "[]";
};

// The core's subject for a draft: its scope, capped by the member (roles resolved from the account's list).
Result<nlohmann::json> draft_subject(const TokenDraft& draft, const Member& member, const std::vector<CustomRole>& roles);
// The member's own permissions as a subject (for "what-if" and the cap).
nlohmann::json member_principal(const Member& member, const std::vector<CustomRole>& roles);

ApiRequest list_tokens(long long offset, int limit, bool show_all);
ApiRequest list_roles();
ApiRequest list_projects();
ApiRequest list_projects(long long offset, int limit);
Result<ApiRequest> create_token(const TokenDraft& draft);
// A JSON Patch that renames and redescribes a token (only what changed).
ApiRequest update_token_text(const Token& token, const std::string& name, const std::string& description);
// A JSON Patch that replaces a personal token's scope with the draft's (role, customRoleIds or inlineRole).
Result<ApiRequest> update_token_scope(const Token& token, const TokenDraft& draft);
// The draft a token's current scope would be (for the before/after diff).
TokenDraft draft_of(const Token& token);
ApiRequest reset_token(const std::string& id, long long old_secret_expiry_ms);
ApiRequest delete_token(const std::string& id);

}  // namespace core::api
