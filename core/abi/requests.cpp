#include "core/abi/requests.hpp"

#include <algorithm>

#include "core/json_fields.hpp"
#include "core/policy/base_roles.hpp"
#include "core/policy/catalog.hpp"
#include "core/policy/compiled_role.hpp"
#include "core/policy/lint.hpp"
#include "core/policy/subject_json.hpp"
#include "core/policy/vector_case.hpp"
#include "core/preview/preview.hpp"

namespace core::abi {
namespace {

constexpr std::size_t kMaxPatchOperations = 1000;
constexpr std::size_t kMaxPatchDocumentSize = 1 << 20;
constexpr std::size_t kMaxPatchDocumentDepth = 32;

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

// "roleAttributes": [{name: [values]}, ...]: the attribute values the policy will be used with; a set that
// expands it past the limit is an error (of kind Refusal::Limit).
Result<json> validate(const json& request, const Semantics& semantics) {
  if (!request.contains("policy")) return Error{"missing required field \"policy\"", "/policy", -1};
  json diagnostics = json::array();
  bool valid = true;
  for (const auto& diagnostic : validate_policy(request["policy"], "", semantics)) {
    valid = valid && diagnostic.severity != Diagnostic::Severity::Error;
    diagnostics.push_back(diagnostic.to_json());
  }
  if (valid && request.contains("roleAttributes")) {
    const json& sets = request["roleAttributes"];
    if (!sets.is_array()) return Error{"\"roleAttributes\" must be an array of role-attribute objects", "/roleAttributes", -1};
    const Policy policy = parse_policy(request["policy"], "", semantics).policy;
    for (std::size_t i = 0; i < sets.size(); ++i) {
      auto attributes = parse_role_attributes(sets[i], "/roleAttributes/" + std::to_string(i));
      if (!attributes) return attributes.error();
      const std::size_t expansions = policy_expansions(policy, attributes.value());
      if (expansions <= kMaxPolicyExpansions) continue;
      valid = false;
      diagnostics.push_back({{"severity", "error"}, {"kind", "limit"}, {"pointer", ""}, {"roleAttributes", i},
                             {"message", "with these role attributes the policy expands to more than " +
                                             std::to_string(kMaxPolicyExpansions) +
                                             " resource specifiers (each placeholder takes every value)"}});
      break;
    }
  }
  return json{{"valid", valid}, {"diagnostics", std::move(diagnostics)}};
}

// What the mock API needs to know of a subject beyond single decisions.
Result<json> facts(const json& request, const Semantics& semantics) {
  auto subject = parse_subject(request.value("subject", json()), "/subject", semantics);
  if (!subject) return subject.error();
  json over = json::array();
  auto note = [&](const RoleSet& set) {
    for (const auto& role : set.roles)
      if (role.over_expansion_limit) over.push_back({{"subject", set.subject}, {"role", role.key}});
  };
  note(subject->primary());
  for (const auto& cap : subject->caps()) note(cap.roles);
  return json{{"unrestricted", subject->unrestricted()}, {"readsAccount", subject->reads_account()},
              {"overExpansionLimit", std::move(over)}};
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

// A JSON value's size for the patch budget, close to the bytes it prints to (a string's or key's bytes and
// quotes, a number's digits, a separator per value), and its nesting depth. Stops once the size is past
// `limit`, so measuring costs no more than the budget itself.
struct Measure {
  std::size_t size = 0;
  std::size_t depth = 0;
};

Measure measure(const json& value, std::size_t limit) {
  Measure measured;
  std::vector<std::pair<const json*, std::size_t>> pending{{&value, 1}};
  while (!pending.empty() && measured.size <= limit) {
    const auto [node, depth] = pending.back();
    pending.pop_back();
    ++measured.size;
    measured.depth = std::max(measured.depth, depth);
    if (node->is_string()) measured.size += node->get_ref<const std::string&>().size() + 2;
    else if (node->is_number()) measured.size += node->is_number_float() ? 24 : 20;
    else if (node->is_boolean() || node->is_null()) measured.size += 4;
    else if (node->is_object())
      for (auto it = node->begin(); it != node->end(); ++it) {
        measured.size += it.key().size() + 3;
        pending.emplace_back(&it.value(), depth + 1);
      }
    else if (node->is_array())
      for (const auto& item : *node) pending.emplace_back(&item, depth + 1);
  }
  return measured;
}

// What one operation writes into the document: the value of add and replace, what copy and move copy
// (nlohmann/json copies for a move too, so it is budgeted like one); remove and test write nothing.
Measure written(const json& document, const json& operation, std::size_t limit) {
  const std::string& op = operation["op"].get_ref<const std::string&>();
  const std::string& path = operation["path"].get_ref<const std::string&>();
  Measure value;
  if (op == "add" || op == "replace") {
    if (operation.contains("value")) value = measure(operation["value"], limit);
  } else if ((op == "copy" || op == "move") && operation.contains("from") && operation["from"].is_string()) {
    try {
      const json::json_pointer from(operation["from"].get<std::string>());
      if (document.contains(from)) value = measure(document.at(from), limit);
    } catch (const json::exception&) {
      return {};  // an invalid pointer: applying the operation reports it
    }
  } else {
    return {};
  }
  value.size += path.size() - path.rfind('/');  // the key a new member of an object is written under
  return value;
}

std::size_t pointer_depth(const std::string& pointer) {
  return static_cast<std::size_t>(std::count(pointer.begin(), pointer.end(), '/'));
}

// RFC 6902 JSON Patch through nlohmann/json: {"document": {...}, "patch": [...]}, applied one operation at a
// time within budgets, so that a small patch cannot grow a document without bound (copy doubling it, say).
Result<json> apply_patch(const json& request) {
  if (!request.contains("document")) return Error{"missing required field \"document\"", "/document", -1};
  if (!request.contains("patch") || !request["patch"].is_array())
    return Error{"\"patch\" must be a JSON Patch array", "/patch", -1};
  const json& patch = request["patch"];
  if (patch.size() > kMaxPatchOperations)
    return Error{"a JSON Patch may hold at most " + std::to_string(kMaxPatchOperations) + " operations", "/patch", -1,
                 Refusal::Limit};
  json document = request["document"];
  std::size_t budget = kMaxPatchDocumentSize;
  const Measure start = measure(document, budget);
  if (start.size > budget || start.depth > kMaxPatchDocumentDepth)
    return Error{"the document is too large to patch", "/document", -1, Refusal::Limit};
  budget -= start.size;
  for (std::size_t i = 0; i < patch.size(); ++i) {
    const std::string at = "/patch/" + std::to_string(i);
    const json& operation = patch[i];
    if (!operation.is_object() || !operation.contains("op") || !operation["op"].is_string() ||
        !operation.contains("path") || !operation["path"].is_string())
      return Error{"a patch operation needs \"op\" and \"path\" strings", at, -1};
    const Measure added = written(document, operation, budget);
    if (added.size > budget)
      return Error{"the patched document would exceed " + std::to_string(kMaxPatchDocumentSize) +
                       " units (values plus the bytes of strings and keys)",
                   at, -1, Refusal::Limit};
    if (added.size > 0 && pointer_depth(operation["path"].get<std::string>()) + added.depth > kMaxPatchDocumentDepth)
      return Error{"the patched document would nest more than " + std::to_string(kMaxPatchDocumentDepth) + " levels deep",
                   at, -1, Refusal::Limit};
    budget -= added.size;
    try {
      document.patch_inplace(json::array({operation}));
    } catch (const json::exception& e) {
      std::string message = e.what();
      if (auto bracket = message.find("] "); bracket != std::string::npos) message = message.substr(bracket + 2);
      return Error{"could not apply the patch: " + message, at, -1};
    }
  }
  return document;
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
  auto op = core::read_string(request, "op", "");
  if (!op) return op.error();
  auto semantics = parse_semantics(request.value("semantics", json()), "/semantics");
  if (!semantics) return semantics.error();
  if (op.value() == "decide") return decide(request, semantics.value());
  if (op.value() == "validate") return validate(request, semantics.value());
  if (op.value() == "preview") return preview(request, semantics.value());
  if (op.value() == "diff") return diff(request, semantics.value());
  if (op.value() == "catalog") return catalog();
  if (op.value() == "facts") return facts(request, semantics.value());
  if (op.value() == "apply_patch") return apply_patch(request);
  return Error{"unknown op \"" + op.value() + "\" (decide, validate, facts, preview, diff, catalog, apply_patch)", "/op", -1};
}

}  // namespace core::abi
