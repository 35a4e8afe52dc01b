#pragma once
// The inline policy's editor, shown while the draft's scope is an inline policy: a statement builder (pickers for the resource type, project, environment, tags
// and actions, from the account and the core's catalog) kept in step with the policy's JSON beneath it. The
// core decomposes the JSON into rows and composes the rows back; statements the pickers cannot express stay
// as written and are edited in the JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/policy/statement_builder.hpp"
#include "wasm/panels/context.hpp"

namespace wasm::panels {

class StatementBuilderPanel {
 public:
  void draw(Context& context);

 private:
  struct Choices {  // what the pickers offer, from the account
    std::vector<std::string> projects, project_tags, environments, environment_tags;
  };
  // Worked out again when the Session's data changes.
  struct AccountChoices {
    Choices choices;
    std::optional<std::uint64_t> of_version;
  };

  const Choices& choices_of(const Session& session);
  void follow_json(const DraftModel& draft);
  void write_json(DraftModel& draft);
  bool draw_rows(const DraftModel& draft, const Choices& choices);

  std::vector<core::policy::BuilderRow> rows_;
  std::string source_ = "\x01";  // the JSON text the rows were read from (never a real text at first)
  std::string json_error_;
  bool reveal_added_ = false;  // a statement was just added: scroll it into sight in the draft's part
  PerSession<AccountChoices> choices_;
};

}  // namespace wasm::panels
