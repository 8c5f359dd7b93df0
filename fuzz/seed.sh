#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/, not committed) from the real pages:
# the first cells and the source/destination cells the parser read from them.
# Usage: fuzz/seed.sh [CORPUS_DIR]   (default: $PORTMATRIX_CORPUS or ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-${PORTMATRIX_CORPUS:-../shared/corpus}}"
mkdir -p fuzz/corpus/spec fuzz/corpus/endpoint fuzz/corpus/page
cargo run -q -- json -q --source-docs "$corpus" | python3 -c '
import json, sys, hashlib
doc = json.load(sys.stdin)
def put(target, data):
    name = hashlib.sha1(data).hexdigest()
    open(f"fuzz/corpus/{target}/{name}", "wb").write(data)
locales = {"en-US": 0, "zh-CN": 1}
for p in doc["pages"]:
    sel = bytes([locales.get(p["locale"], 2)])
    for t in p["tables"]:
        for r in t["rules"]:
            c = r["cells"]
            put("spec", c["spec"]["text"].encode())
            for k in ("source", "destination"):
                put("endpoint", sel + c[k]["text"].encode())
'
for f in "$corpus"/*/*.md; do cp "$f" "fuzz/corpus/page/$(sha1sum < "$f" | cut -c1-40)"; done
echo "seeded: $(ls fuzz/corpus/spec | wc -l) spec, $(ls fuzz/corpus/endpoint | wc -l) endpoint, $(ls fuzz/corpus/page | wc -l) page inputs"
