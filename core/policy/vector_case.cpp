#include "core/policy/vector_case.hpp"

#include "core/json_fields.hpp"

namespace core::policy {
namespace {

using nlohmann::json;
using core::child_pointer;

Result<SegmentProperties> parse_properties(const json& value, const std::string& at) {
  SegmentProperties props;
  if (!value.is_object()) return Error{"resource properties must be an object", at, -1};
  auto tags = core::read_string_array(value, "tags", at, false);
  if (!tags) return tags.error();
  props.set_tags(std::move(tags).value());
  auto views = core::read_string_array(value, "views", at, false);
  if (!views) return views.error();
  props.views = std::move(views).value();
  auto critical = core::read_bool(value, "critical", at, false);
  if (!critical) return critical.error();
  props.critical = critical.value();
  return props;
}

}  // namespace

Decision VectorCase::decide() const {
  EnvironmentLookup lookup;
  if (!project_environments.empty())
    lookup = [this](std::string_view) { return &project_environments; };
  return evaluator->explain(resource, action, level, lookup ? &lookup : nullptr);
}

Result<VectorCase> vector_case_from_json(const json& object, const Semantics& semantics) {
  if (!object.is_object()) return Error{"a vector line must be a JSON object", "", -1};
  VectorCase vector;
  if (auto id = object.find("id"); id != object.end()) vector.id = id->is_string() ? id->get<std::string>() : id->dump();

  auto resource_text = core::read_string(object, "resource", "");
  if (!resource_text) return resource_text.error();
  auto resource = parse_resource(resource_text.value());
  if (!resource) return Error{"invalid resource: " + resource.error().message, "/resource", resource.error().column};
  vector.resource = std::move(resource).value();
  if (auto props = object.find("resourceProps"); props != object.end() && !props->is_null()) {
    if (!props->is_object()) return Error{"\"resourceProps\" must be an object", "/resourceProps", -1};
    for (const auto& [type, value] : props->items()) {
      auto parsed = parse_properties(value, child_pointer("/resourceProps", type));
      if (!parsed) return parsed.error();
      if (ResourceSegment* segment = vector.resource.find(type)) segment->props = std::move(parsed).value();
    }
  }
  auto action = core::read_string(object, "action", "");
  if (!action) return action.error();
  vector.action = action.value();

  auto level = core::read_optional_string(object, "level", "");
  if (!level) return level.error();
  if (level.value() == std::optional<std::string>("effective")) vector.level = Level::Effective;
  else if (level.value() && *level.value() != "policy")
    return Error{"\"level\" must be \"effective\" or \"policy\"", "/level", -1};

  if (auto envs = object.find("projectEnvironments"); envs != object.end() && !envs->is_null()) {
    if (!envs->is_array()) return Error{"\"projectEnvironments\" must be an array", "/projectEnvironments", -1};
    for (std::size_t i = 0; i < envs->size(); ++i) {
      const std::string at = child_pointer("/projectEnvironments", i);
      auto key = core::read_string((*envs)[i], "key", at);
      if (!key) return key.error();
      auto props = parse_properties((*envs)[i], at);
      if (!props) return props.error();
      vector.project_environments.push_back({"env", key.value(), std::move(props).value()});
    }
  }

  Principal principal;
  if (object.contains("principal")) {
    auto parsed = parse_principal(object["principal"], "/principal", semantics);
    if (!parsed) return parsed.error();
    principal = std::move(parsed).value();
  } else if (object.contains("policy")) {
    auto role = parse_role(json{{"key", "policy"}, {"policy", object["policy"]},
                                {"basePermissions", object.value("basePermissions", json("no_access"))}},
                           "", semantics);
    if (!role) {
      Error error = role.error();
      if (error.pointer.rfind("/policy", 0) != 0 && error.pointer != "/basePermissions") error.pointer = "/policy" + error.pointer;
      return error;
    }
    RoleAttributes attributes;
    if (object.contains("roleAttributes")) {
      auto parsed = parse_role_attributes(object["roleAttributes"], "/roleAttributes");
      if (!parsed) return parsed.error();
      attributes = std::move(parsed).value();
    }
    principal.custom_roles.push_back({std::move(role).value(), attributes});
  } else if (!object.contains("token")) {
    return Error{"a vector needs \"policy\", \"principal\" or \"token\"", "", -1};
  }

  if (object.contains("token")) {
    auto scope = parse_token_scope(object["token"], "/token", semantics);
    if (!scope) return scope.error();
    Principal cap = principal;
    if (scope->kind == TokenScope::Kind::Service && semantics.service_token_cap_is_snapshot &&
        object["token"].contains("creatorAtCreation")) {
      auto creator = parse_principal(object["token"]["creatorAtCreation"], "/token/creatorAtCreation", semantics);
      if (!creator) return creator.error();
      cap = std::move(creator).value();
    }
    vector.evaluator = Evaluator::for_token(scope.value(), cap, semantics);
  } else {
    vector.evaluator = Evaluator::for_member(principal, semantics);
  }

  if (auto expect = object.find("expect"); expect != object.end() && expect->is_string())
    vector.expect = expect->get<std::string>();
  return vector;
}

Result<VectorCase> parse_vector_case(std::string_view json_line, const Semantics& semantics) {
  auto parsed = core::parse_json(json_line);
  if (!parsed) return parsed.error();
  return vector_case_from_json(parsed.value(), semantics);
}

}  // namespace core::policy
