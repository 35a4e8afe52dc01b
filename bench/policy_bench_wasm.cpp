// The same kernels as policy_bench_native, timed with a steady clock, for WebAssembly under Node:
//   node build/web/bench/policy_bench_wasm.js
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "core/preview/allowances.hpp"
#include "policy_bench_kernel.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main() {
  const auto evaluator = core::policy::Evaluator::for_member(bench::benchmark_member());
  const auto workload = bench::decision_workload(1024);
  bench::run_decisions(evaluator, workload, 200000);  // warm-up
  std::vector<double> rates;
  for (int run = 0; run < 5; ++run) {
    constexpr std::uint64_t kDecisions = 2000000;
    const auto start = std::chrono::steady_clock::now();
    volatile std::uint64_t allowed = bench::run_decisions(evaluator, workload, kDecisions);
    (void)allowed;
    rates.push_back(static_cast<double>(kDecisions) / seconds_since(start));
  }
  std::sort(rates.begin(), rates.end());
  std::printf("decisions (25-statement policy, globs, tags, role attributes): median %.2f M/s\n", rates[2] / 1e6);

  auto time_preview = [&evaluator](const char* label, const core::preview::Account& account) {
    std::vector<double> times;
    for (int run = 0; run < 5; ++run) {
      const auto start = std::chrono::steady_clock::now();
      volatile std::uint64_t allowed = bench::run_full_preview(account, evaluator);
      (void)allowed;
      times.push_back(seconds_since(start) * 1000);
    }
    std::sort(times.begin(), times.end());
    std::printf("full preview, %s: median %.1f ms (min %.1f)\n", label, times[2], times[0]);
  };
  time_preview("100 projects x 10 environments x 1,000 flags", bench::large_account());
  // Issue 25's large account: 500,000 flag-environment resources (goal: at most 100 ms).
  time_preview("20 projects x 5 environments x 5,000 flags", bench::large_account(20, 5, 5000));

  // What the preview allows in words, worked out once per preview as it completes (in the frame that shows it).
  const auto large = bench::large_account(20, 5, 5000);
  const auto preview = core::preview::compute_preview(large, evaluator);
  std::vector<double> times;
  for (int run = 0; run < 5; ++run) {
    const auto start = std::chrono::steady_clock::now();
    volatile std::size_t lines = core::preview::describe_allowances(large, preview, evaluator.reads_account()).lines.size();
    (void)lines;
    times.push_back(seconds_since(start) * 1000);
  }
  std::sort(times.begin(), times.end());
  std::printf("preview in words, 20 projects x 5 environments x 5,000 flags: median %.1f ms (min %.1f)\n", times[2], times[0]);
  return 0;
}
