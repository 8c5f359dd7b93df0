#!/usr/bin/env bash
# Scaling: `portmatrix json` (streamed to a file), `portmatrix check
# --format json` (parse and checks: what `build` holds before its books and
# diagrams) and `portmatrix build` (everything: JSON, findings, diagrams,
# the four books) on synthetic corpora
# made from the real ones (examples/synth.rs: new asset ids, rows shuffled,
# repeated, dropped, ports changed), 300 -> 3,000 -> 10,000 pages by default.
# Prints the time and peak memory of each, and for each step the time ratio
# against the page ratio.
#
#   PORTMATRIX_CORPUS=../shared/corpus benches/scaling.sh [RUNS] [PAGES...]
#
# Targets (issues 6 and 14): each step at most 1.1x linear (10x the pages
# in at most 11x the time); peak memory under 2x the input + 200 MB (json:
# under 2x the input; check, the part of build before its books: the same
# target, ideally under 2x the input).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"; shift || true
sizes=("${@:-300 3000 10000}"); read -r -a sizes <<< "${sizes[*]}"
export PORTMATRIX_CORPUS="${PORTMATRIX_CORPUS:-../shared/corpus}"
[ -d "$PORTMATRIX_CORPUS" ] || { echo "corpus not found: $PORTMATRIX_CORPUS" >&2; exit 1; }

cargo build --release -q --bin portmatrix --example synth
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
pm="$target/release/portmatrix"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load: $(cut -d' ' -f1-3 /proc/loadavg)"

# Median wall seconds and max peak RSS (KiB) of $runs runs of a command.
measure() { python3 benches/support/measure.py "$runs" "" "$@"; }

declare -A T M B
for n in "${sizes[@]}"; do
  dir="$work/synth-$n"
  "$target/release/examples/synth" "$dir" "$n" | sed "s/^/synth: /"
  B[$n]=$(find "$dir" -name '*.md' -print0 | xargs -0 cat | wc -c)
  read -r t m < <(measure "$pm" json -q --source-docs "$dir" -o "$work/out-$n.json")
  T[json-$n]=$t; M[json-$n]=$m
  rm -f "$work/out-$n.json"
  # Exit status 1 (findings not in the baseline) is the expected outcome.
  read -r t m < <(measure sh -c '"$0" check -q --source-docs "$1" --format json; [ $? -le 1 ]' "$pm" "$dir")
  T[check-$n]=$t; M[check-$n]=$m
  read -r t m < <(measure "$pm" build -q --source-docs "$dir" --out "$work/build-$n")
  T[build-$n]=$t; M[build-$n]=$m
  echo "$n pages ($((B[$n] / 1000)) KB): json ${T[json-$n]} s ${M[json-$n]} KiB; check ${T[check-$n]} s ${M[check-$n]} KiB; build ${T[build-$n]} s ${M[build-$n]} KiB"
  rm -rf "$dir" "$work/build-$n"
done

args=()
for n in "${sizes[@]}"; do args+=("$n" "${B[$n]}" "${T[json-$n]}" "${M[json-$n]}" "${T[check-$n]}" "${M[check-$n]}" "${T[build-$n]}" "${M[build-$n]}"); done
python3 - "${args[@]}" <<'PY'
import sys
v = sys.argv[1:]
rows = [(int(v[i]), *map(float, v[i + 1:i + 8])) for i in range(0, len(v), 8)]
for name, ti, mi, limit in (("json -o", 2, 3, lambda b: 2 * b), ("check", 4, 5, lambda b: 2 * b + 200e6),
                            ("build", 6, 7, lambda b: 2 * b + 200e6)):
    prev = None
    for r in rows:
        n, b, t, m = r[0], r[1], r[ti], r[mi]
        line = (f"{name:8} {n:6,} pages: {t:8.2f} s ({b/t/1e6:6.1f} MB/s), peak {m/1024:8.1f} MiB = "
                f"{m*1024/b:.2f}x input ({b/1e6:.1f} MB; target {'met' if m*1024 < limit(b) else 'MISSED'})")
        if prev:
            k = (t / prev[1]) / (n / prev[0])
            line += f"; {n/prev[0]:.1f}x pages took {t/prev[1]:.2f}x the time = {k:.2f}x linear (target <= 1.1: {'met' if k <= 1.1 else 'MISSED'})"
        print(line)
        prev = (n, t)
PY
