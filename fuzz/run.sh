#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for SECONDS (default 60); new inputs go to build/fuzz/corpus-*.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2
failed=()
for target in specifier policy abi statement_builder; do
  mkdir -p "build/fuzz/corpus-$target"
  echo "== ${target}_fuzzer"
  # Every target runs even when an earlier one found a crash; the exit status says whether any did.
  if ! "build/fuzz/fuzz/${target}_fuzzer" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix=build/fuzz/ \
      "build/fuzz/corpus-$target" "fuzz/corpus/$target" > "build/fuzz/$target.log" 2>&1; then
    failed+=("$target")
  fi
  grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)|ERROR|SUMMARY|Test unit written|Done" \
    "build/fuzz/$target.log" || true
done
if [ ${#failed[@]} -gt 0 ]; then echo "crashes in: ${failed[*]} (inputs under build/fuzz/)" >&2; exit 1; fi
