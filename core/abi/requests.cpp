#include "core/abi/requests.hpp"

#include "core/api/json_fields.hpp"
#include "core/policy/base_roles.hpp"
#include "core/policy/catalog.hpp"
#include "core/policy/lint.hpp"
#include "core/policy/subject_json.hpp"
#include "core/policy/vector_case.hpp"
#include "core/preview/preview.hpp"

namespace core::abi {
namespace {

using nlohmann::json;
using namespace core::policy;

Result<json> decide(const json& request, const Semantics& semantics) {
  if (!request.contains("checks")) {
    auto vector = vector_case_from_json(request, semantics);
    if (!vector) return vector.error();
    return vector->decide().to_json();
  }
  auto subject = parse_subject(request.value("subject", json()), "/subject", semantics);
  if (!subject) return subject.error();
  const json& checks = request["checks"];
  if (!checks.is_array()) return Error{"\"checks\" must be an array", "/checks", -1};
  json answers = json::array();
  for (std::size_t i = 0; i < checks.size(); ++i) {
    json line = checks[i];
    if (!line.is_object()) return Error{"a check must be an object", "/checks/" + std::to_string(i), -1};
    line["policy"] = json::array();  // the subject comes from "subject"; the case supplies resource and action
    if (request.contains("level")) line["level"] = request["level"];
    auto vector = vector_case_from_json(line, semantics);
    if (!vector) {
      Error error = vector.error();
      error.pointer = "/checks/" + std::to_string(i) + error.pointer;
      return error;
    }
    EnvironmentLookup lookup;
    if (!vector->project_environments.empty())
      lookup = [&](std::string_view) { return &vector->project_environments; };
    answers.push_back(subject->explain(vector->resource, vector->action, vector->level, lookup ? &lookup : nullptr).to_json());
  }
  return answers;
}

Result<json> validate(const json& request, const Semantics& semantics) {
  if (!request.contains("policy")) return Error{"missing required field \"policy\"", "/policy", -1};
  json diagnostics = json::array();
  bool valid = true;
  for (const auto& diagnostic : validate_policy(request["policy"], "", semantics)) {
    valid = valid && diagnostic.severity != Diagnostic::Severity::Error;
    diagnostics.push_back(diagnostic.to_json());
  }
  return json{{"valid", valid}, {"diagnostics", std::move(diagnostics)}};
}

Result<core::preview::Account> account_of(const json& request) {
  if (!request.contains("account")) return Error{"missing required field \"account\"", "/account", -1};
  auto account = core::preview::parse_account(request["account"]);
  if (!account) {
    Error error = account.error();
    error.pointer = "/account" + error.pointer;
    return error;
  }
  return account;
}

Result<json> preview(const json& request, const Semantics& semantics) {
  auto account = account_of(request);
  if (!account) return account.error();
  auto subject = parse_subject(request.value("subject", json()), "/subject", semantics);
  if (!subject) return subject.error();
  return core::preview::compute_preview(account.value(), subject.value()).to_json(account.value());
}

Result<json> diff(const json& request, const Semantics& semantics) {
  auto account = account_of(request);
  if (!account) return account.error();
  auto before = parse_subject(request.value("before", json()), "/before", semantics);
  if (!before) return before.error();
  auto after = parse_subject(request.value("after", json()), "/after", semantics);
  if (!after) return after.error();
  const auto before_preview = core::preview::compute_preview(account.value(), before.value());
  const auto after_preview = core::preview::compute_preview(account.value(), after.value());
  return core::preview::diff_previews(account.value(), before_preview, after_preview).to_json(account.value(), after_preview);
}

// RFC 6902 JSON Patch through nlohmann/json: {"document": {...}, "patch": [...]}.
Result<json> apply_patch(const json& request) {
  if (!request.contains("document")) return Error{"missing required field \"document\"", "/document", -1};
  if (!request.contains("patch") || !request["patch"].is_array())
    return Error{"\"patch\" must be a JSON Patch array", "/patch", -1};
  for (std::size_t i = 0; i < request["patch"].size(); ++i) {
    const json& operation = request["patch"][i];
    if (!operation.is_object() || !operation.contains("op") || !operation["op"].is_string() ||
        !operation.contains("path") || !operation["path"].is_string())
      return Error{"a patch operation needs \"op\" and \"path\" strings", "/patch/" + std::to_string(i), -1};
  }
  try {
    return request["document"].patch(request["patch"]);
  } catch (const json::exception& e) {
    std::string message = e.what();
    if (auto bracket = message.find("] "); bracket != std::string::npos) message = message.substr(bracket + 2);
    return Error{"could not apply the patch: " + message, "/patch", -1};
  }
}

json catalog() {
  json types = json::array();
  for (const auto& info : resource_types()) {
    json shapes = json::array();
    for (const auto& shape : info.shapes) shapes.push_back(shape);
    types.push_back({{"type", info.type}, {"title", info.title}, {"shapes", shapes}, {"actions", info.actions}});
  }
  json roles = json::object();
  for (const auto& name : base_role_names()) roles[name] = json::parse(base_role_policy_json(name));
  int count = 0;
  const AmbiguityChoice* choices = ambiguity_choices(&count);
  json readings = json::array();
  for (int i = 0; i < count; ++i)
    readings.push_back({{"paragraph", choices[i].paragraph}, {"question", choices[i].question}, {"reading", choices[i].reading}});
  json wide = json::array();
  for (auto action : project_wide_flag_actions()) wide.push_back(action);
  return {{"resourceTypes", types}, {"baseRoles", roles}, {"projectWideFlagActions", wide}, {"readings", readings}};
}

}  // namespace

Result<json> handle_request(const json& request) {
  if (!request.is_object()) return Error{"a request must be a JSON object with \"op\"", "", -1};
  auto op = core::api::read_string(request, "op", "");
  if (!op) return op.error();
  auto semantics = parse_semantics(request.value("semantics", json()), "/semantics");
  if (!semantics) return semantics.error();
  if (op.value() == "decide") return decide(request, semantics.value());
  if (op.value() == "validate") return validate(request, semantics.value());
  if (op.value() == "preview") return preview(request, semantics.value());
  if (op.value() == "diff") return diff(request, semantics.value());
  if (op.value() == "catalog") return catalog();
  if (op.value() == "apply_patch") return apply_patch(request);
  return Error{"unknown op \"" + op.value() + "\" (decide, validate, preview, diff, catalog, apply_patch)", "/op", -1};
}

}  // namespace core::abi
