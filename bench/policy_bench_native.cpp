// Native benchmark (Google Benchmark): decisions per second, and the full preview of a large account.
//   build/native/bench/policy_bench
#include <benchmark/benchmark.h>

#include "policy_bench_kernel.hpp"

namespace {

void BM_Decisions(benchmark::State& state) {
  const auto evaluator = core::policy::Evaluator::for_member(bench::benchmark_member());
  const auto workload = bench::decision_workload(1024);
  constexpr std::uint64_t kBatch = 100000;
  for (auto _ : state) benchmark::DoNotOptimize(bench::run_decisions(evaluator, workload, kBatch));
  state.counters["decisions/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kBatch), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Decisions)->Unit(benchmark::kMillisecond);

void BM_FullPreview_100x10x1000(benchmark::State& state) {
  static const auto account = bench::large_account();
  const auto evaluator = core::policy::Evaluator::for_member(bench::benchmark_member());
  for (auto _ : state) benchmark::DoNotOptimize(bench::run_full_preview(account, evaluator));
  state.counters["flag_resources"] = static_cast<double>(100 * 10 * 1000);  // flags × environments
}
BENCHMARK(BM_FullPreview_100x10x1000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
