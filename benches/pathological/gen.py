#!/usr/bin/env python3
"""Writes one pathological docs tree made from the seed page.

    benches/pathological/gen.py SHAPE N OUT_DIR

The page is the seed (source-docs/zh-CN/*.md) with one shape injected at
size N, written to OUT_DIR/zh-CN/page.md:

  tables     the seed's first port table repeated N times (identical tables)
  rows       one row of that table repeated N times (identical rows)
  cell       a destination cell of N Latin letters without a space (one
             unknown endpoint: one word that cannot be wrapped)
  endpoints  one table of N rows, each to a different (unknown) endpoint
  bold       N empty `<b></b>` pairs in one cell (flat inline HTML)
  divs       N `<div>` that never close in one cell (deep inline HTML)

Used by benches/shapes.sh; the tests build smaller versions in Rust
(tests/it/shapes.rs) so that they need no Python.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEED = next((ROOT / "source-docs" / "zh-CN").glob("*.md")).read_text(encoding="utf-8")

ROW = (
    "<tr>\n<td><p>访问/SIP(TLS)/TCP/443</p></td>\n<td><p>任意</p></td>\n"
    "<td><p>{dest}</p></td>\n<td><p>{note}</p></td>\n</tr>\n"
)


def first_table(text):
    """The first `<table>…</table>` of the seed and where it is."""
    start = text.index("<table>")
    end = text.index("</table>", start) + len("</table>")
    return start, end


def with_table(extra):
    """The seed with `extra` (tables) after its first table."""
    start, end = first_table(SEED)
    return SEED[:end] + extra + SEED[end:]


def table(rows):
    start, end = first_table(SEED)
    head = SEED[start : SEED.index("<tbody>", start) + len("<tbody>")]
    return "\n\n### 外部接口（注入）\n\n" + head + "\n" + rows + "</tbody>\n</table>\n"


def shape(name, n):
    start, end = first_table(SEED)
    if name == "tables":
        one = "\n\n### 外部接口（副本）\n\n" + SEED[start:end]
        return with_table(one * n)
    if name == "rows":
        row = ROW.format(dest="访问边缘服务", note="说明")
        return with_table(table(row * n))
    if name == "cell":
        return with_table(table(ROW.format(dest="Edge" + "x" * n, note="说明")))
    if name == "endpoints":
        rows = "".join(ROW.format(dest=f"Server{i:06d}", note="说明") for i in range(n))
        return with_table(table(rows))
    if name == "bold":
        return with_table(table(ROW.format(dest="访问边缘服务" + "<b></b>" * n, note="说明")))
    if name == "divs":
        return with_table(table(ROW.format(dest="访问边缘服务" + "<div>" * n, note="说明")))
    sys.exit(f"unknown shape {name!r}")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    name, n, out = sys.argv[1], int(sys.argv[2]), pathlib.Path(sys.argv[3])
    (out / "zh-CN").mkdir(parents=True, exist_ok=True)
    (out / "zh-CN" / "page.md").write_text(shape(name, n), encoding="utf-8")


if __name__ == "__main__":
    main()
