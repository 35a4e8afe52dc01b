#include "core/policy/options.hpp"

namespace core::policy {
namespace {

constexpr AmbiguityChoice kChoices[] = {
    {"8.1", "Exact-depth or hierarchical matching", "exact depth (Semantics::hierarchical_matching)"},
    {"8.2", "Comma-separated tags: AND or OR", "AND (Semantics::tags_match_any)"},
    {"8.3", "Doc example against union semantics", "union: two allows with notResources exclude only what both exclude"},
    {"8.4", "Scope of notResources", "all resource types (Semantics::not_resources_cross_types); lint warns"},
    {"8.5", "notResources with notActions", "allowed (Semantics::allow_not_resources_with_not_actions)"},
    {"8.6", "Bare * resource", "matches every resource (Semantics::bare_star_matches_all)"},
    {"8.7", "proj/*:env/*;qa_*:/flag/* typo", "an empty segment type is a parse error; at evaluation it matches nothing"},
    {"8.8", "Does * include bypassRequiredApproval", "yes (Semantics::star_action_includes_bypass_approval)"},
    {"8.9", "Missing role attribute", "the specifier matches nothing; lint warns (deny fail-open, notResources universal)"},
    {"8.10", "Several values and placeholders", "cartesian product, union of expansions; values are globs"},
    {"8.11", "Base role and custom roles", "custom roles replace the base role (Semantics::custom_roles_replace_base_role)"},
    {"8.12", "Service token cap", "snapshot of the creator at creation (Semantics::service_token_cap_is_snapshot); "
                                  "an over-broad request is accepted and capped"},
    {"8.13", "Inline policy base permissions", "no implicit reader base (Semantics::inline_policy_has_reader_base)"},
    {"8.14", "viewProject prerequisite on the REST API", "applied, for tokens too (Semantics::view_project_prerequisite)"},
    {"8.15", "aiconfig scope, agent-graph(s)", "both shapes and both spellings are known types"},
    {"8.16", "Key shapes of member, token, integration", "member key = member id; token key = token id"},
    {"8.17", "Case of tags and actions", "tags case-insensitive (Semantics::tags_case_insensitive); actions case-sensitive"},
    {"8.18", "View selector grammar", "view:KEY modifiers, each a glob; a flag in any matching view matches"},
    {"8.19", "Writer's reach beyond projects", "projects and their children, integrations, webhooks, code references, "
                                               "applications, own personal tokens; no members, roles, teams, "
                                               "service tokens, relay proxy configs or account"},
    {"8.20", "Reader implicit createAccessToken", "own personal tokens only (Semantics::reader_create_token_own_only); "
                                                  "a deny in the same role removes it"},
};

}  // namespace

const Semantics& default_semantics() {
  static const Semantics semantics{};
  return semantics;
}

const AmbiguityChoice* ambiguity_choices(int* count) {
  *count = static_cast<int>(sizeof(kChoices) / sizeof(kChoices[0]));
  return kChoices;
}

}  // namespace core::policy
