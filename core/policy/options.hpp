#pragma once
// Every reading of an ambiguity in LaunchDarkly's policy semantics (policy reference §8), in one place.
// The defaults are the reference's default readings; each field names the paragraph it settles.

namespace core::policy {

struct Semantics {
  // §8.1 Exact depth: a specifier matches only resources with the same number of segments.
  //      true: a shorter specifier also covers everything below it (the older guides' reading).
  bool hierarchical_matching = false;
  // §8.2 Comma-separated tags: every tag must be present. true: any one of them is enough.
  bool tags_match_any = false;
  // §8.4 notResources complements over all resource types (acct, member, role included).
  //      false: only over resources of the types the listed specifiers name.
  bool not_resources_cross_types = true;
  // §8.5 A statement may combine notResources with notActions (the request schema and Terraform allow it).
  bool allow_not_resources_with_not_actions = true;
  // §8.6 The bare "*" resource matches every resource. false: "*" is rejected as unparseable.
  bool bare_star_matches_all = true;
  // §8.8 The action "*" includes bypassRequiredApproval.
  bool star_action_includes_bypass_approval = true;
  // §8.11 Custom roles replace the member's base role. false: they add to it ("Writer wins").
  bool custom_roles_replace_base_role = true;
  // §8.12 A service token is capped by a snapshot of its creator's roles taken at creation.
  //      false: it is re-checked against the creator's permissions now.
  bool service_token_cap_is_snapshot = true;
  // §8.13 An inline token policy has no implicit reader base.
  bool inline_policy_has_reader_base = false;
  // §8.14 Every action under proj/P needs viewProject on proj/P (effective level), for tokens too.
  bool view_project_prerequisite = true;
  // §8.17 Tag filters compare case-insensitively; actions and keys compare case-sensitively.
  bool tags_case_insensitive = true;
  // §8.20 The reader base's implicit createAccessToken covers the member's own personal tokens only.
  bool reader_create_token_own_only = true;
  // §8.9 An unresolved ${roleAttribute/...} makes its specifier match nothing; this is always the reading
  //      (the alternative, rejecting the policy, is what validation reports as a warning).
  // §8.3, §8.10, §8.15, §8.16, §8.18, §8.19: see DECISIONS in core/policy/options.cpp.
};

const Semantics& default_semantics();

struct AmbiguityChoice {
  const char* paragraph;  // "8.1"
  const char* question;
  const char* reading;
};

// The readings chosen for every §8 ambiguity, for tools and documentation.
const AmbiguityChoice* ambiguity_choices(int* count);

}  // namespace core::policy
