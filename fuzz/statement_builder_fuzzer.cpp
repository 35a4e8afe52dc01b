// libFuzzer target: the statement builder's model on any JSON policy. Decomposing and composing an
// unchanged policy gives it back byte for byte; an editable statement the builder can write has a
// specifier that parses and reads back to the same meaning; a diagnostic points into the policy;
// policy_text keeps the content.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/api/json_fields.hpp"
#include "core/policy/lint.hpp"
#include "core/policy/statement_builder.hpp"

namespace {

using nlohmann::json;
using namespace core::policy;

// A row the builder rebuilds (added, or edited away from its original) is read back as the same statement
// up to what builder_specifier normalises.
void check_rebuilt(const BuilderStatement& statement) {
  const json policy = compose_policy({BuilderRow{statement, nullptr, ""}});
  if (!policy.is_array() || policy.size() != 1) __builtin_trap();
  const auto rows = decompose_policy(policy);
  if (rows.size() != 1 || !rows[0].statement) __builtin_trap();
  const BuilderStatement& read = *rows[0].statement;
  if (read.effect != statement.effect || read.actions != statement.actions ||
      builder_specifier(read) != builder_specifier(statement))
    __builtin_trap();
}

void check_row(const BuilderRow& row) {
  if (!row.statement) {
    if (row.json_only_reason.empty()) __builtin_trap();
    return;
  }
  if (!row.json_only_reason.empty()) __builtin_trap();
  const std::string specifier = builder_specifier(*row.statement);
  if (builder_problem(*row.statement)) {
    if (!specifier.empty()) __builtin_trap();
    return;
  }
  if (specifier.empty() || !parse_specifier(specifier)) __builtin_trap();
  check_rebuilt(*row.statement);
  BuilderStatement edited = *row.statement;
  edited.effect = edited.effect == Effect::Allow ? Effect::Deny : Effect::Allow;
  const json composed = compose_policy({BuilderRow{edited, row.original, ""}});
  if (composed.size() != 1 || composed[0] == row.original) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parsed = core::api::parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed) return 0;
  const json& policy = parsed.value();

  const auto rows = decompose_policy(policy);
  const json composed = compose_policy(rows);
  if (!composed.is_array()) __builtin_trap();
  if (policy.is_array() ? composed.dump() != policy.dump() : composed != json::array({policy})) __builtin_trap();
  for (const auto& row : rows) check_row(row);

  if (policy.is_array())
    for (const auto& diagnostic : validate_policy(policy))
      if (auto index = statement_of(diagnostic); index && *index >= policy.size()) __builtin_trap();

  for (int indent : {-1, 2})
    if (json::parse(policy_text(policy, indent), nullptr, false) != policy) __builtin_trap();
  return 0;
}
