#!/usr/bin/env bash
# `portmatrix build` (JSON, findings, diagrams, the four books) against
# `mdbook build` alone on the books that very build generated, side by side
# in one run, on the corpus (en-US + zh-CN) and on synthetic trees
# (examples/synth.rs). Also a rebuild with nothing changed and one after
# editing one page, with --png (the PNG cache), against a cold --png build.
#
#   PORTMATRIX_CORPUS=../shared/corpus [SEARCH=0] benches/build-vs-mdbook.sh [RUNS] [PAGES...]
#
# RUNS (default 3): timed runs of each command (median wall time, a loop
# over fork/wait4 so that each run's peak memory is read with its time).
# PAGES (default 300 3000): synthetic sizes. Peak memory: the largest
# maximum resident set size of one run.
# mdbook: `mdbook build` of each book's sources (out/book-src/<locale>), one
# process per book (and per volume of a book of volumes, whose chapters
# benches/support/mdbook-book.sh moves beside the main book's as portmatrix
# does), one after the other, as a person would run it; its
# version must be the one the project links (mdbook-driver 0.5.4:
# `cargo install mdbook --version 0.5.4 --locked`). Measured twice: as the
# CLI builds the books by default (with its search index, which portmatrix's
# mdBook, built without the `search` feature, does not make), and with the
# search index off (MDBOOK_OUTPUT__HTML__SEARCH__ENABLE=false): the very
# HTML portmatrix writes, byte for byte, the like-for-like comparison.
#
# Targets (issue 14): build <= 2x mdbook alone; peak RSS < 2x the input +
# 200 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"; shift || true
sizes=("${@:-300 3000}"); read -r -a sizes <<< "${sizes[*]}"
export PORTMATRIX_CORPUS="${PORTMATRIX_CORPUS:-../shared/corpus}"
[ -d "$PORTMATRIX_CORPUS" ] || { echo "corpus not found: $PORTMATRIX_CORPUS" >&2; exit 1; }
command -v mdbook >/dev/null || { echo "mdbook not installed (cargo install mdbook --version 0.5.4 --locked)" >&2; exit 1; }

cargo build --release -q --bin portmatrix --example synth
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
pm="$target/release/portmatrix"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "portmatrix: $("$pm" --version); $(mdbook --version); $runs run(s) each"

# "WALL PEAK": median wall seconds over $runs runs and the largest peak RSS
# (KiB) of a command; `prepare` (a shell command) runs before each run.
measure() { python3 benches/support/measure.py "$runs" "$@"; }

# mdbook over every book a build wrote (one process per book); $3: the
# search index on (true) or off (false).
mdbook_all() {
  local src="$1" dest="$2" search="$3"
  echo "for b in $src/*/; do MDBOOK_OUTPUT__HTML__SEARCH__ENABLE=$search benches/support/mdbook-book.sh \$b $dest/\$(basename \$b) || exit 1; done"
}

report() { # name bytes t_build m_build t_md m_md t_md_search m_md_search
  python3 - "$@" <<'PY'
import sys
name, b, tb, mb, tm, mm, ts, ms = sys.argv[1], *map(float, sys.argv[2:])
limit = 2 * b + 200e6
print(f"{name}: input {b/1e6:.1f} MB")
print(f"  portmatrix build        {tb:8.2f} s, peak {mb/1024:8.1f} MiB (< 2x input + 200 MB = {limit/2**20:.0f} MiB: {'met' if mb*1024 < limit else 'MISSED'})")
print(f"  mdbook, same HTML       {tm:8.2f} s, peak {mm/1024:8.1f} MiB: build/mdbook {tb/tm:5.2f}x (target <= 2: {'met' if tb <= 2*tm else 'MISSED'})")
if ts == ts:  # not skipped (SEARCH=0 gives nan)
    print(f"  mdbook, + search index  {ts:8.2f} s, peak {ms/1024:8.1f} MiB: build/mdbook {tb/ts:5.2f}x")
PY
}

one_tree() { # name, then --source-docs arguments
  local name="$1"; shift
  local out="$work/out-$name" books="$work/mdbook-$name"
  local bytes
  bytes=$(for d in "$@"; do [ "$d" = --source-docs ] || find "$d" -name '*.md' -print0; done | xargs -0 cat | wc -c)
  read -r tb mb < <(measure "" "$pm" build -q "$@" --out "$out")
  read -r tm mm < <(measure "rm -rf $books" sh -c "$(mdbook_all "$out/book-src" "$books" false)")
  # Same HTML: the books mdbook wrote are the ones portmatrix wrote.
  for b in "$books"/*/; do
    diff -r -q "$b" "$out/book/$(basename "$b")" >/dev/null || echo "  (mdbook's $(basename "$b") book differs from portmatrix's)"
  done
  # The CLI's search index takes long on large books (564 s for the four
  # books of 1,000 pages): SEARCH=0 skips that run.
  if [ "${SEARCH:-1}" = 0 ]; then ts=nan; ms=0; else
  read -r ts ms < <(measure "rm -rf $books" sh -c "$(mdbook_all "$out/book-src" "$books" true)")
  fi
  report "$name" "$bytes" "$tb" "$mb" "$tm" "$mm" "$ts" "$ms"
}

one_tree corpus --source-docs "$PORTMATRIX_CORPUS/en-US" --source-docs "$PORTMATRIX_CORPUS/zh-CN"
for n in "${sizes[@]}"; do
  "$target/release/examples/synth" "$work/synth-$n" "$n" | sed "s/^/synth: /"
  one_tree "synth-$n" --source-docs "$work/synth-$n"
  rm -rf "$work/out-synth-$n" "$work/mdbook-synth-$n"
done

# Incremental --png builds on the corpus: cold (no cache), unchanged, one
# page edited (a port of its first rule changed, then restored).
docs="$work/corpus-copy"
mkdir -p "$docs"; cp -r "$PORTMATRIX_CORPUS/en-US" "$PORTMATRIX_CORPUS/zh-CN" "$docs/"
page="$(grep -l 'XMPP/TCP/5269' "$docs/en-US"/*.md | head -1)"
args=(build -q --png --source-docs "$docs/en-US" --source-docs "$docs/zh-CN" --out "$work/png")
read -r tc mc < <(measure "rm -rf $work/png" "$pm" "${args[@]}")
read -r tw mw < <(measure "" "$pm" "${args[@]}")
read -r te me < <(measure "sed -i 's#XMPP/TCP/5269#XMPP/TCP/5270#;t;s#XMPP/TCP/5270#XMPP/TCP/5269#' $page" "$pm" "${args[@]}")
python3 - "$tc" "$tw" "$te" <<'PY'
import sys
c, w, e = map(float, sys.argv[1:])
print(f"  --png corpus: cold {c:6.2f} s; rebuild, nothing changed {w:6.2f} s ({w/c:.2f}x cold); "
      f"one page edited {e:6.2f} s ({e/c:.2f}x cold)")
PY
