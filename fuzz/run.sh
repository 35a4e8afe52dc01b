#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for SECONDS (default 60); new inputs go to build/fuzz/corpus-*.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2
for target in specifier policy abi statement_builder; do
  mkdir -p "build/fuzz/corpus-$target"
  "build/fuzz/fuzz/${target}_fuzzer" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix=build/fuzz/ \
    "build/fuzz/corpus-$target" "fuzz/corpus/$target" 2>&1 | grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)|ERROR|SUMMARY|Test unit written|Done"
done
