#!/usr/bin/env bash
# Scaling: `portmatrix json` (streamed to a file) and `portmatrix build` on
# synthetic corpora of 1,000 and 10,000 pages made from the real ones
# (examples/synth.rs: new asset ids, rows shuffled, repeated, dropped, ports
# changed). Prints the time for each, the 10x ratio and peak memory against
# the input size.
#
#   PORTMATRIX_CORPUS=../shared/corpus benches/scaling.sh [RUNS]
#
# Targets (issue 6): 10,000 pages in under 10 s; 10x the pages in at most
# 11x the time; peak memory under twice the input size.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
export PORTMATRIX_CORPUS="${PORTMATRIX_CORPUS:-../shared/corpus}"
[ -d "$PORTMATRIX_CORPUS" ] || { echo "corpus not found: $PORTMATRIX_CORPUS" >&2; exit 1; }

cargo build --release -q --bin portmatrix --example synth
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
pm="$target/release/portmatrix"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load: $(cut -d' ' -f1-3 /proc/loadavg)"

# Median wall seconds and max peak RSS (KiB) of $runs runs of a command.
measure() {
  python3 - "$runs" "$@" <<'PY'
import os, resource, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
times, peaks = [], []
for _ in range(runs):
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1); os.dup2(devnull, 2)
        os.execvp(cmd[0], cmd)
    _, status, ru = os.wait4(pid, 0)
    times.append(time.perf_counter() - t)
    peaks.append(ru.ru_maxrss)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
times.sort()
print(times[len(times) // 2], max(peaks))
PY
}

declare -A T M B
for n in 1000 10000; do
  dir="$work/synth-$n"
  "$target/release/examples/synth" "$dir" "$n" | sed "s/^/synth: /"
  B[$n]=$(find "$dir" -name '*.md' -print0 | xargs -0 cat | wc -c)
  read -r t m < <(measure "$pm" json -q --source-docs "$dir" -o "$work/out-$n.json")
  T[json-$n]=$t; M[json-$n]=$m
  read -r t m < <(measure "$pm" build -q --source-docs "$dir" --out "$work/build-$n")
  T[build-$n]=$t; M[build-$n]=$m
  rm -rf "$dir"
done

python3 - "${B[1000]}" "${B[10000]}" "${T[json-1000]}" "${T[json-10000]}" "${M[json-1000]}" "${M[json-10000]}" \
  "${T[build-1000]}" "${T[build-10000]}" "${M[build-1000]}" "${M[build-10000]}" <<'PY'
import sys
b1, b10, tj1, tj10, mj1, mj10, tb1, tb10, mb1, mb10 = map(float, sys.argv[1:])
for name, t1, t10, m1, m10 in (("json -o", tj1, tj10, mj1, mj10), ("build", tb1, tb10, mb1, mb10)):
    print(f"{name:8}  1,000 pages: {t1:6.2f} s ({b1/t1/1e6:6.1f} MB/s), peak {m1/1024:7.1f} MiB = {m1*1024/b1:.2f}x input")
    print(f"{name:8} 10,000 pages: {t10:6.2f} s ({b10/t10/1e6:6.1f} MB/s), peak {m10/1024:7.1f} MiB = {m10*1024/b10:.2f}x input "
          f"({b10/1e6:.1f} MB)")
    r = t10 / t1
    print(f"{name:8} 10x pages took {r:.2f}x the time (target <= 11: {'met' if r <= 11 else 'MISSED'}); "
          f"10k under 10 s: {'met' if t10 < 10 else 'MISSED'}; "
          f"peak < 2x input: {'met' if m10 * 1024 < 2 * b10 else 'MISSED'}")
PY
