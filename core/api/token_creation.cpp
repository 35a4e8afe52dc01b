#include "core/api/token_creation.hpp"

#include "core/policy/subject_json.hpp"

namespace core::api {
namespace {

// "the writer role does not", "the reader role and its custom roles do not"
std::string roles_do_not(const Member& member) {
  return "the " + member.role + " role" + (member.custom_roles.empty() ? " does not" : " and its custom roles do not");
}

}  // namespace

CreatableKinds creatable_kinds(const Member& member, const std::vector<CustomRole>& roles) {
  CreatableKinds kinds;
  auto evaluator = core::policy::parse_subject({{"member", member_principal(member, roles)}}, "", core::policy::default_semantics());
  if (!evaluator) {
    kinds.personal.reason = kinds.service.reason = "the member's permissions cannot be read: " + evaluator.error().describe();
    return kinds;
  }
  auto decide = [&](const std::string& resource_text, const std::string& kind) {
    CreatableKind creatable;
    auto resource = core::policy::parse_resource(resource_text);
    creatable.allowed = resource && evaluator->allows(resource.value(), "createAccessToken");
    if (!creatable.allowed)
      creatable.reason = member.display_name() + " cannot create " + kind + " tokens: " + roles_do_not(member) +
                         " allow createAccessToken on " + kind + " tokens.";
    return creatable;
  };
  kinds.personal = decide("member/" + member.id + ":token/new-token", "personal");
  kinds.service = decide("service-token/new-token", "service");
  return kinds;
}

}  // namespace core::api
