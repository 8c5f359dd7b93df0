#!/usr/bin/env bash
# Bounded work per input shape (issue 14, item 4): each pathological page
# of benches/pathological/gen.py at two sizes, n and 10n, through the full
# `portmatrix build` (JSON, checks, diagrams with PNGs, the books). Prints
# wall time, peak RSS (/usr/bin/time -v) and the bytes written for each, and
# the 10n/n ratios: linear work gives about 10x (less while the fixed cost of
# a build, ~0.5 s, dominates the small size).
#
#   benches/shapes.sh [SHAPE...]        (default: every shape)
#   PM=/path/to/portmatrix benches/shapes.sh   (another binary, e.g. main's)
#
# Timings are on this machine and move with its load; the ratios are the
# point. No test asserts a time: tests/it/shapes.rs checks the bounded
# results (truncated labels, capped sizes, the diagnostics) instead.
set -euo pipefail
cd "$(dirname "$0")/.."
shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(tables rows cell endpoints bold divs)

if [ -z "${PM:-}" ]; then
  cargo build --release -q --bin portmatrix
  target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
  PM="$target/release/portmatrix"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "binary: $PM"
echo "machine: $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# n for each shape: 10n is the size the issue measured (400 tables, a
# 20,000-character cell, 40,000 `<b></b>`, 100,000 unclosed `<div>`).
declare -A N=([tables]=40 [rows]=400 [cell]=2000 [endpoints]=100 [bold]=4000 [divs]=10000)

printf '%-10s %8s %10s %10s %12s %12s\n' shape size seconds peak_MiB out_MiB input_KiB
for s in "${shapes[@]}"; do
  n=${N[$s]:?unknown shape $s}
  declare -A T=() R=()
  for size in "$n" "$((10 * n))"; do
    docs="$work/$s-$size"
    benches/pathological/gen.py "$s" "$size" "$docs"
    log="$work/time-$s-$size"
    # The exit status of a build with warnings is 0; errors would be 2.
    /usr/bin/time -v "$PM" build -q --source-docs "$docs" --out "$work/out-$s-$size" \
      2>"$log" >/dev/null || true
    t=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
    m=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    out=$(du -sk "$work/out-$s-$size" 2>/dev/null | cut -f1 || echo 0)
    in=$(du -k "$docs/zh-CN/page.md" | cut -f1)
    grep -q 'Exit status: 0' "$log" || { echo "$s $size: build failed:"; grep -v '^\s' "$log" | tail -5; }
    printf '%-10s %8s %10.2f %10.1f %12.1f %12s\n' "$s" "$size" "$t" "$(echo "$m/1024" | bc -l)" "$(echo "${out:-0}/1024" | bc -l)" "$in"
    T[$size]=$t; R[$size]=$m
    rm -rf "$docs" "$work/out-$s-$size"
  done
  printf '%-10s %8s %10.1fx %9.1fx\n' "$s" "10n/n" \
    "$(echo "${T[$((10 * n))]}/${T[$n]}" | bc -l)" "$(echo "${R[$((10 * n))]}/${R[$n]}" | bc -l)"
done
