#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), one after another
# (this machine has 2 cores), on the stable toolchain: libFuzzer without a
# sanitizer (`-s none`; safe Rust needs no ASan), optimized, with debug
# assertions and overflow checks on. Logs go to fuzz/logs/TARGET.log.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-600}"; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(spec endpoint page)
mkdir -p logs
# RUSTC_BOOTSTRAP lets cargo-fuzz pass its -Z flags on stable.
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O -a -s none
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  cargo fuzz run -O -a -s none "$t" "corpus/$t" -- -max_total_time="$secs" -print_final_stats=1 \
    >"logs/$t.log" 2>&1 || { echo "$t: FAILED (see fuzz/logs/$t.log, fuzz/artifacts/$t/)"; exit 1; }
  echo "$t: $(grep -E 'stat::number_of_executed_units' "logs/$t.log") in ${secs}s"
done
