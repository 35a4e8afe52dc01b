#pragma once
// The benchmark kernels, shared by the native (Google Benchmark) and WebAssembly (Node) programs.
#include <cstdint>
#include <string>
#include <vector>

#include "core/policy/evaluator.hpp"
#include "core/preview/account.hpp"

namespace bench {

// A member whose custom role has 25 statements with globs, tags and role attributes.
core::policy::Principal benchmark_member();

struct DecisionWorkload {
  std::vector<core::policy::Resource> resources;  // concrete flags, environments and projects with properties
  std::vector<core::policy::Action> actions;  // looked up in the catalogue once, as callers do
};
DecisionWorkload decision_workload(std::size_t resources);

// Runs `decisions` decisions round-robin over the workload; returns how many were allowed (so the work
// cannot be optimized away).
std::uint64_t run_decisions(const core::policy::Evaluator& evaluator, const DecisionWorkload& workload,
                            std::uint64_t decisions);

// 100 projects × 10 environments × 1,000 flags per project, tagged like a real account.
core::preview::Account large_account(int projects = 100, int environments = 10, int flags_per_project = 1000);

// The full preview over the account; returns the number of allowed cells.
std::uint64_t run_full_preview(const core::preview::Account& account, const core::policy::Evaluator& evaluator);

}  // namespace bench
