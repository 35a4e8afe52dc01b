#pragma once
// The effective-level rules (policy reference §4.4), written once for everything that decides at that level:
// the Evaluator on concrete resources, and the preview on classes of resources.
//  - Under proj/P, every action but viewProject on P itself needs viewProject on proj/P.
//  - A project-wide flag action (§3.3) on a flag needs that action on the flag in every environment of its
//    project.
//
// A Target is what is decided, and offers:
//   bool under_project() const;   bool is_project() const;   bool is_flag() const;
//   Target project() const;                     the project it lies in
//   std::string text() const;                   for reasons (may be called only when tracing)
//   bool every_environment(Visit visit) const;  visit(const Target& variant, std::string_view environment_key)
//                                               for the flag in each environment of its project (or the
//                                               target itself when they are unknown); false as soon as a
//                                               visit returns false
// Pure is the pure policy decision of one set of roles: bool pure(const Target&, const Action&, Trace*).
#include <string>
#include <string_view>

#include "core/policy/catalog.hpp"
#include "core/policy/compiled_role.hpp"
#include "core/policy/options.hpp"

namespace core::policy {

// `allowed` is what pure returns: a bool, or (for the preview, which decides several role sets at once) a
// bit mask, one bit per role set, combined with &.
template <typename Allowed>
struct EffectiveDecision {
  Allowed allowed{};
  // The decision is the same for the same flag (or resource) in every environment of its project: the
  // preview decides such cells once per project.
  bool same_in_every_environment = false;
};

inline const Action& view_project_action() {
  static const Action action("viewProject");
  return action;
}

template <typename Target, typename Pure>
auto effective_decision(const Target& target, const Action& action, const Semantics& semantics,
                        std::string_view subject, Pure&& pure, Trace* trace = nullptr) {
  using Allowed = decltype(pure(target, action, trace));
  Allowed gate = static_cast<Allowed>(-1);  // every role set (all bits, or true), until a rule removes some
  if (semantics.view_project_prerequisite && target.under_project() &&
      !(target.is_project() && action.name == "viewProject")) {
    const Target project = target.project();
    if (trace == nullptr) {
      gate = pure(project, view_project_action(), nullptr);
    } else {
      Trace view;
      gate = pure(project, view_project_action(), &view);
      if (!gate) {
        trace->deny.push_back(
            {Reason::Kind::NeedsViewProject, std::string(subject), "", -1, project.text(), "viewProject", ""});
        trace->deny.insert(trace->deny.end(), view.deny.begin(), view.deny.end());
      }
    }
    if (!gate) return EffectiveDecision<Allowed>{gate, true};
  }
  if (action.project_wide_flag_action && target.is_flag()) {
    Allowed everywhere = gate;
    target.every_environment([&](const Target& variant, std::string_view environment) {
      if (trace == nullptr) {
        everywhere = static_cast<Allowed>(everywhere & pure(variant, action, nullptr));
        return static_cast<bool>(everywhere);
      }
      Trace here;
      everywhere = static_cast<Allowed>(everywhere & pure(variant, action, &here));
      if (everywhere) return true;
      trace->deny.push_back({Reason::Kind::NeedsEveryEnvironment, std::string(subject), "", -1, "", "",
                             "environment " + std::string(environment)});
      trace->deny.insert(trace->deny.end(), here.deny.begin(), here.deny.end());
      return false;
    });
    if (everywhere && trace) pure(target, action, trace);  // what allows it where it was asked
    return EffectiveDecision<Allowed>{everywhere, true};
  }
  return EffectiveDecision<Allowed>{static_cast<Allowed>(gate & pure(target, action, trace)), false};
}

}  // namespace core::policy
