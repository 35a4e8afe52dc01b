#pragma once
// A scenario in a link: the draft (name, description, kind, scope), the demo member acted as and the preview's
// view, written into the URL's fragment (which browsers never send to a server), so that opening the link
// shows the same console. A scenario has no field for a token or a secret: none can be put in a link.
#include <string>
#include <string_view>
#include <vector>

#include "core/api/tokens.hpp"
#include "core/policy/action_kinds.hpp"
#include "core/result.hpp"

namespace core::api {

struct Scenario {
  TokenDraft draft;
  std::string member_email;  // the demo member acted as (the mock API); empty when none is named
  std::string view;          // the preview's tab: "flag", "segment", "env", "proj" or "account"; empty: the default
  // The matrix's columns: a column per action, or per kind of action but for the kinds opened into their actions.
  bool every_action = false;
  std::vector<policy::ActionKind> opened_kinds;
};

inline constexpr std::size_t kScenarioFragmentLimit = 16 * 1024;  // characters of a fragment read at all

// "scenario=" and the scenario as percent-encoded JSON (readable: support staff can see what a link holds).
std::string scenario_fragment(const Scenario& scenario);
// Whether the page's address has a fragment at all ("" or "#": none, and nothing to tell the person).
bool has_scenario_fragment(std::string_view fragment);
// The fragment as location.hash gives it ("#scenario=..."); anything that is not a scenario is an error saying
// why.
Result<Scenario> parse_scenario_fragment(std::string_view fragment);

}  // namespace core::api
