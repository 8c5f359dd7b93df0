#!/usr/bin/env bash
# Times `pandoc -f markdown -t json` against `portmatrix json` on the same
# corpus pages (36: 18 en-US + 18 zh-CN), whole process against whole
# process, and prints the time ratio and both peak memories.
#
#   PORTMATRIX_CORPUS=../shared/corpus benches/compare-pandoc.sh [RUNS]
#
# Needs pandoc (Debian package `pandoc`); uses hyperfine when installed
# (Debian package `hyperfine`), else a timed loop in python (median).
# Peak memory: the maximum resident set size of the process (getrusage).
# Target (issue 6): portmatrix >= 100x faster, with lower peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${PORTMATRIX_CORPUS:-../shared/corpus}"
runs="${1:-20}"
[ -d "$corpus" ] || { echo "corpus not found: $corpus (set PORTMATRIX_CORPUS)" >&2; exit 1; }
command -v pandoc >/dev/null || { echo "pandoc not installed (apt-get install pandoc)" >&2; exit 1; }

cargo build --release -q --bin portmatrix
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
pm="$target/release/portmatrix"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The same files for both, in the same order.
mapfile -t pages < <(find "$corpus" -mindepth 2 -name '*.md' | LC_ALL=C sort)
mapfile -t trees < <(find "$corpus" -mindepth 2 -name '*.md' -printf '%h\n' | LC_ALL=C sort -u)
bytes=$(cat "${pages[@]}" | wc -c)
echo "input: ${#pages[@]} pages, $bytes bytes ($corpus)"
echo "pandoc: $(pandoc --version | head -1); portmatrix: $("$pm" --version)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

# One pandoc process over all the pages (they are concatenated into one
# document: the most favourable setup for pandoc), and pandoc once per page
# (one JSON document per page, as portmatrix keeps them apart).
# Both write their JSON to standard output (discarded by the timing), as
# `pandoc -f markdown -t json` does; `portmatrix json -o FILE` would add an
# fsync and a rename for crash safety (about 2.5 ms here).
pandoc_cmd=(pandoc -f markdown -t json "${pages[@]}")
pandoc_each=(sh -c 'for f; do pandoc -f markdown -t json "$f" || exit 1; done' sh "${pages[@]}")
pm_cmd=("$pm" json -q)
for t in "${trees[@]}"; do pm_cmd+=(--source-docs "$t"); done

# Both must succeed before they are timed.
"${pandoc_cmd[@]}" > "$work/pandoc.json"
"${pm_cmd[@]}" > "$work/portmatrix.json"
echo "output: pandoc $(wc -c < "$work/pandoc.json") bytes, portmatrix $(wc -c < "$work/portmatrix.json") bytes"

# "WALL CPU PEAK": median wall seconds (robust against the other processes
# of a shared machine) and mean CPU seconds (user + system) over $runs runs
# after 2 warm-ups, and the peak RSS in KiB of one run.
measure() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 2 -r "$runs" --export-json "$work/h.json" -- "$(printf '%q ' "$@")" >/dev/null
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["median"], r["user"] + r["system"], end=" ")' "$work/h.json"
  else
    python3 - "$runs" "$@" <<'PY'
import os, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
for _ in range(2):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
walls, cpus = [], []
for _ in range(runs):
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        os.execvp(cmd[0], cmd)
    _, status, ru = os.wait4(pid, 0)
    walls.append(time.perf_counter() - t)
    cpus.append(ru.ru_utime + ru.ru_stime)
walls.sort()
print(walls[len(walls) // 2], sum(cpus) / runs, end=" ")
PY
  fi
  python3 - "$@" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}

read -r t_pandoc c_pandoc m_pandoc < <(measure "${pandoc_cmd[@]}")
read -r t_pm c_pm m_pm < <(measure "${pm_cmd[@]}")
runs_each=$(( runs > 5 ? 5 : runs ))
read -r t_each c_each m_each < <(runs=$runs_each measure "${pandoc_each[@]}")
echo "timed with: $(command -v hyperfine >/dev/null && hyperfine --version || echo 'a loop'), $runs runs each; load: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$t_pandoc" "$c_pandoc" "$m_pandoc" "$t_pm" "$c_pm" "$m_pm" "$bytes" "$t_each" "$c_each" <<'PY'
import sys
tp, cp, mp, tm, cm, mm, b, te, ce = map(float, sys.argv[1:])
print(f"pandoc/page: {te*1000:9.2f} ms wall (median), {ce*1000:9.2f} ms CPU (36 processes): portmatrix {te/tm:.1f}x faster, wall")
print(f"pandoc     : {tp*1000:9.2f} ms wall (median), {cp*1000:9.2f} ms CPU, peak {mp/1024:7.1f} MiB, {b/tp/1e6:8.2f} MB/s")
print(f"portmatrix : {tm*1000:9.2f} ms wall (median), {cm*1000:9.2f} ms CPU, peak {mm/1024:7.1f} MiB, {b/tm/1e6:8.2f} MB/s")
ratio = tp / tm
print(f"ratio      : portmatrix is {ratio:.1f}x faster than pandoc, wall clock "
      f"(target >= 100x: {'met' if ratio >= 100 else 'MISSED'}); {cp/cm:.1f}x less CPU time; "
      f"peak memory {mm/mp:.3f}x pandoc's (target < 1: {'met' if mm < mp else 'MISSED'})")
PY
