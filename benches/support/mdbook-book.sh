#!/usr/bin/env bash
# `mdbook build` of one book that portmatrix wrote (out/book-src/<locale>)
# into DEST, as a person would build it with the mdbook CLI: the main book,
# then, for a book of volumes (src/book/volumes.rs), each volume in a folder
# of its own, its chapters and diagrams moved beside the main book's (what
# portmatrix does in process). The extra moves are the cost a person pays
# too, so they count.
#
#   benches/support/mdbook-book.sh SRC DEST
set -euo pipefail
src="$1"; dest="$2"
mdbook build -d "$dest" "$src" >/dev/null 2>&1 || { mdbook build -d "$dest" "$src"; exit 1; }
[ -d "$src/volumes" ] || exit 0
for v in "$src"/volumes/*/; do
  name="$(basename "$v")"; tmp="$dest/.volume-$name"
  mdbook build -d "$tmp" "$v" >/dev/null 2>&1 || { mdbook build -d "$tmp" "$v"; exit 1; }
  (cd "$v/src" && find . -type f ! -name SUMMARY.md) | while read -r f; do
    out="${f%.md}"; [ "$out" = "$f" ] || out="$out.html"
    mkdir -p "$(dirname "$dest/$out")"; mv "$tmp/$out" "$dest/$out"
  done
  rm -rf "$tmp"
done
