//! Bounded work per input shape (issue 14): each pathological shape of
//! `benches/shapes.sh` at a small size, with the exact bounded result it
//! must give (no timings: `benches/shapes.sh` measures those). The shapes
//! are the seed page with one thing injected, as
//! `benches/pathological/gen.py` makes them:
//!
//! - repeated tables and rows: the checks report each copy once, against
//!   the first (linear), not every pair of copies (quadratic);
//! - a very long cell: its box is cut to `limits::MAX_TEXT_CHARS` with `…`,
//!   wrapped to the box's width, and the diagram stays narrow;
//! - many distinct endpoints: no diagram (it says so) and a warning
//!   `unreadable_diagram` at the row of the first endpoint over the limit;
//! - deep or unclosed inline HTML: the cell reads as without it;
//! - `-j 100000`: capped, with an info, and the run succeeds.
//!
//! A FIFO in the docs tree is skipped with a warning, never opened:
//! `outputs::a_fifo_in_the_docs_tree_is_skipped_not_opened`.

use portmatrix::check::{self, CheckCode, LocationKind};
use portmatrix::diagram::{self, PageDiagrams, Unreadable, limits};
use portmatrix::model::{EndpointKind, Page};

use crate::support::{SEED, bin, compact_stderr};

/// Where the seed's first table starts and ends (just past `</table>`).
fn first_table() -> (usize, usize) {
    let start = SEED.find("<table>").unwrap();
    let end = SEED[start..].find("</table>").unwrap() + start + "</table>".len();
    (start, end)
}

/// The seed with `extra` after its first table.
fn with_after_first_table(extra: &str) -> String {
    let (_, end) = first_table();
    format!("{}{extra}{}", &SEED[..end], &SEED[end..])
}

/// A port table under its own heading, with the seed's header and `rows`.
fn table(rows: &str) -> String {
    let (start, _) = first_table();
    let head_end = SEED[start..].find("<tbody>").unwrap() + start + "<tbody>".len();
    format!(
        "\n\n### 外部接口（注入）\n\n{}\n{rows}</tbody>\n</table>\n",
        &SEED[start..head_end]
    )
}

/// One row: `访问/SIP(TLS)/TCP/8443 | 任意 | dest | 说明` (6 lines; a port
/// the seed does not open, so that no seed row relates to it).
fn row(dest: &str) -> String {
    format!(
        "<tr>\n<td><p>访问/SIP(TLS)/TCP/8443</p></td>\n<td><p>任意</p></td>\n<td><p>{dest}</p></td>\n<td><p>说明</p></td>\n</tr>\n"
    )
}

/// Parses a page made from the seed; it must parse.
fn page(text: &str) -> Page {
    let (page, _) = portmatrix::parse::parse_page("docs/zh-CN/page.md", text.as_bytes(), None);
    page.expect("the page parses")
}

/// A matrix of one page.
fn matrix(text: &str) -> portmatrix::model::Matrix {
    portmatrix::parse::finish(vec![page(text)], Vec::new())
}

/// The seed's first table copied `k` times: each copy of a row is reported
/// once, against the first row of its kind, so the raw findings grow with
/// the copies, not with their pairs; grouped, each row of the table is one
/// finding with every copy as an `also` location.
#[test]
fn repeated_tables_give_one_finding_per_copy_not_per_pair() {
    let (start, end) = first_table();
    let copy = format!("\n\n### 外部接口（副本）\n\n{}", &SEED[start..end]);
    let base = matrix(SEED);
    let base_dups = check::run(&base)
        .iter()
        .filter(|f| f.code == CheckCode::DuplicateRule)
        .count();
    assert_eq!(base_dups, 0);
    for k in [1usize, 5, 30] {
        let m = matrix(&with_after_first_table(&copy.repeat(k)));
        let raw = check::run_ungrouped(&m, &[]);
        let raw_dups = raw
            .iter()
            .filter(|f| f.code == CheckCode::DuplicateRule)
            .count();
        // 16 rows, each copied k times: k findings each (was k(k+1)/2).
        assert_eq!(raw_dups, 16 * k, "k = {k}");
        let dups: Vec<_> = check::run(&m)
            .into_iter()
            .filter(|f| f.code == CheckCode::DuplicateRule)
            .collect();
        assert_eq!(dups.len(), 16, "k = {k}");
        for f in &dups {
            let count = |kind| f.locations.iter().filter(|l| l.kind == kind).count();
            // The first copy where it is reported, the other copies, and
            // the original row ("first given here"; one row also has what
            // `inconsistent_endpoint_naming` relates).
            assert_eq!(count(LocationKind::Primary), 1);
            assert_eq!(count(LocationKind::Also), k - 1, "k = {k}: {f:?}");
            let first: Vec<u32> = f
                .locations
                .iter()
                .filter(|l| l.label == "first given here")
                .map(|l| l.line)
                .collect();
            assert_eq!(first.len(), 1);
            assert!((50..=140).contains(&first[0]), "{first:?}");
            // No note repeats the finding itself at one of its copies.
            assert!(f.notes.iter().all(|n| n.code != CheckCode::DuplicateRule));
        }
    }
}

/// One row repeated 200 times in one table: 199 raw findings (not 19,900),
/// one finding with 198 copies.
#[test]
fn repeated_rows_are_linear() {
    let m = matrix(&with_after_first_table(&table(
        &row("访问边缘服务").repeat(200),
    )));
    let raw = check::run_ungrouped(&m, &[]);
    let of = |code| raw.iter().filter(|f| f.code == code).count();
    assert_eq!(of(CheckCode::DuplicateRule), 199);
    let grouped = check::run(&m);
    let dups: Vec<_> = grouped
        .iter()
        .filter(|f| f.code == CheckCode::DuplicateRule)
        .collect();
    assert_eq!(dups.len(), 1);
    assert_eq!(dups[0].locations.len(), 200);
    // The injected rows start at line 167, 6 lines each: reported at the
    // second, the first as related, the other 198 as `also`.
    let lines: Vec<(u32, LocationKind)> =
        dups[0].locations.iter().map(|l| (l.line, l.kind)).collect();
    assert_eq!(lines[0], (173, LocationKind::Primary));
    assert_eq!(lines[1..199].len(), 198);
    assert!(lines[1..199].iter().all(|l| l.1 == LocationKind::Also));
    assert_eq!(lines[199], (167, LocationKind::Related));
    assert_eq!(lines[198].0, 167 + 6 * 199);
}

/// A destination of 20,000 letters without a space: its box is cut to
/// `MAX_TEXT_CHARS` characters ending in `…`, broken into lines no wider
/// than the box, and the diagram is as wide as the seed's.
#[test]
fn a_very_long_cell_is_cut_and_wrapped() {
    let long = format!("Edge{}", "x".repeat(20_000));
    let p = page(&with_after_first_table(&table(&row(&long))));
    let t = diagram::topology(&p);
    assert!(t.omitted.is_none());
    let b = t
        .boxes
        .iter()
        .find(|b| b.name.starts_with("Edgexxx"))
        .expect("the long endpoint's box");
    let drawn: String = b.lines.concat();
    assert_eq!(drawn.chars().count(), limits::MAX_TEXT_CHARS);
    assert_eq!(
        drawn,
        format!("Edge{}…", "x".repeat(limits::MAX_TEXT_CHARS - 5))
    );
    assert_eq!(b.lines.len(), 8);
    for l in &b.lines {
        assert!(diagram::text::width(l, 13.0, false) <= 210.0, "{l}");
    }
    // The text's width (at most 210 px) and the padding.
    assert!(b.rect.w <= 230.0, "{}", b.rect.w);
    let seed = diagram::topology(&page(SEED));
    assert_eq!((t.width, seed.width), (1306.0, 1240.0));
    assert!(t.height <= limits::MAX_SIDE);
    // The port map's row label: at most so many lines, the last says how
    // many more there were.
    let d = PageDiagrams::new(&p);
    let r = d
        .port_rows()
        .iter()
        .find(|r| r.label.contains("Edgexxx"))
        .unwrap();
    assert_eq!(r.lines.len(), limits::MAX_ROW_LABEL_LINES);
    assert_eq!(r.lines.last().unwrap(), "… +429");
    let svg = d.port_map_svg();
    let width: f64 = svg
        .split("width=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(width <= limits::MAX_SIDE, "{width}");
}

/// Many distinct ports between the same two boxes: the arrow's label has
/// at most `MAX_ARROW_LINES` lines, the last one `… +N` standing for the
/// rules of the others, so every rule is still on its arrow.
#[test]
fn an_arrow_label_holds_a_bounded_number_of_lines() {
    let rows: String = (0..50)
        .map(|i| row("访问边缘服务").replace("TCP/8443", &format!("TCP/{}", 40000 + i)))
        .collect();
    let p = page(&with_after_first_table(&table(&rows)));
    let t = diagram::topology(&p);
    let e = t
        .edges
        .iter()
        .find(|e| e.lines.iter().any(|l| l.text.contains("40000")))
        .unwrap();
    assert_eq!(e.lines.len(), limits::MAX_ARROW_LINES);
    let last = e.lines.last().unwrap();
    // 50 lines: 11 shown, 39 in the last.
    assert_eq!(last.text, "… +39");
    assert_eq!(last.rules.len(), 39);
    let rules: usize = t
        .edges
        .iter()
        .flat_map(|e| e.lines.iter())
        .map(|l| l.rules.len())
        .sum();
    assert_eq!(rules, p.tables.iter().map(|t| t.rules.len()).sum::<usize>());
}

/// 100 distinct endpoints: no diagram, which says so, and a warning with
/// its code at the row that names the first endpoint over the limit. The
/// table itself is read whole.
#[test]
fn too_many_endpoints_give_a_diagnostic_and_no_diagram() {
    let rows: String = (0..100).map(|i| row(&format!("Server{i:03}"))).collect();
    let text = with_after_first_table(&table(&rows));
    let p = page(&text);
    assert_eq!(p.tables[1].rules.len(), 100);
    let why = diagram::unreadable(&p).expect("unreadable");
    // The seed's first table names 6 boxes, the tables after the injected
    // one name 13 more: the 41st box is the 35th server, whose row is at
    // 167 + 6 * 34.
    assert_eq!(
        why,
        Unreadable::TooManyEndpoints {
            count: 119,
            line: 371
        }
    );
    let d = PageDiagrams::new(&p);
    assert_eq!(d.omitted(), Some(&why));
    assert!(d.topology().boxes.is_empty() && d.topology().edges.is_empty());
    assert!(d.port_rows().is_empty());
    for svg in [d.topology_svg(), d.port_map_svg()] {
        assert!(svg.contains("未绘制：端点太多或图太大，无法阅读。本页的表格列出了每条规则。"));
        assert!(svg.len() < 2000, "{svg}");
        resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
    }
    assert_eq!(
        d.mermaid().lines().last().unwrap(),
        "  omitted[\"未绘制：端点太多或图太大，无法阅读。本页的表格列出了每条规则。\"]"
    );
    // The free functions say the same.
    assert_eq!(diagram::port_map_svg(&p), d.port_map_svg());

    // On the command line: the warning, the diagrams written.
    let t = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(t.path().join("docs/zh-CN")).unwrap();
    std::fs::write(t.path().join("docs/zh-CN/page.md"), &text).unwrap();
    let out = bin()
        .args([
            "diagrams",
            "--format",
            "svg,mermaid",
            "--source-docs",
            "docs",
        ])
        .args(["--out", "out"])
        .current_dir(t.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let lines = compact_stderr(&err);
    let warned: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("[unreadable_diagram]"))
        .collect();
    assert_eq!(
        warned,
        [
            "docs/zh-CN/page.md:371: warning[unreadable_diagram]: 119 distinct endpoints on this page, more than the 40 a diagram shows legibly: its topology diagram and port map are not drawn (they say so); the tables list every rule"
        ]
    );
    assert!(lines.contains(&"wrote 3 diagram file(s) in out".to_string()));
    // `-q` hides it, as every warning.
    let quiet = bin()
        .args(["-q", "diagrams", "--format", "svg", "--source-docs", "docs"])
        .args(["--out", "out2"])
        .current_dir(t.path())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("unreadable_diagram"));
}

/// `build` reports what its diagram stage finds like every other
/// diagnostic: the `unreadable_diagram` warning of a page with too many
/// endpoints is in `out/diagnostics.txt` (after the input's diagnostics, in
/// page order), in the summary's counts and on stderr.
#[test]
fn build_writes_the_unreadable_diagram_warning_to_diagnostics_txt() {
    let rows: String = (0..100).map(|i| row(&format!("Server{i:03}"))).collect();
    let text = with_after_first_table(&table(&rows));
    let t = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(t.path().join("docs/zh-CN")).unwrap();
    std::fs::write(t.path().join("docs/zh-CN/page.md"), &text).unwrap();
    let out = bin()
        .args(["build", "--source-docs", "docs", "--out", "out"])
        .current_dir(t.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let file = std::fs::read_to_string(t.path().join("out/diagnostics.txt")).unwrap();
    let line = "docs/zh-CN/page.md:371: warning[unreadable_diagram]: 119 distinct endpoints on this page, more than the 40 a diagram shows legibly: its topology diagram and port map are not drawn (they say so); the tables list every rule";
    assert_eq!(file.lines().last(), Some(line), "{file}");
    assert_eq!(file.matches("[unreadable_diagram]").count(), 1);
    // 100 unknown endpoints (`ServerNNN`, each with what was expected on
    // the lines below it), then the diagram's warning.
    assert_eq!(
        file.matches(": warning[unrecognized_endpoint]").count(),
        100
    );
    assert_eq!(file.matches(": warning[").count(), 101);
    // Counted in the summary (the first 10 warnings are printed in full,
    // the unknown endpoints of the first rows) and in the last line.
    let lines = compact_stderr(&err);
    for expected in [
        "note: 91 more warning(s) not shown (-v shows every diagnostic); all 101 diagnostic(s) are in out/diagnostics.txt:",
        "  unrecognized_endpoint: 100 warning(s)",
        "  unreadable_diagram: 1 warning(s)",
    ] {
        assert!(lines.iter().any(|l| l == expected), "{expected}: {err}");
    }
    assert!(
        err.contains("diagnostics: 0 error(s), 101 warning(s), 0 info;"),
        "{err}"
    );
    // `-v` prints it in full, as every diagnostic.
    let verbose = bin()
        .args(["-v", "build", "--source-docs", "docs", "--out", "out"])
        .current_dir(t.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&verbose.stderr);
    let shown: Vec<String> = compact_stderr(&err)
        .into_iter()
        .filter(|l| l.contains("[unreadable_diagram]"))
        .collect();
    assert_eq!(shown, [line]);
}

/// The same row with 100,000 `<div>` that never close, or 40,000 empty
/// `<b></b>`, in its destination cell: read as the row without them (the
/// parser bounds how deep the HTML nests; the text is kept).
#[test]
fn deep_or_repeated_inline_html_reads_as_the_cell() {
    let plain = page(&with_after_first_table(&table(&row("访问边缘服务"))));
    let want = &plain.tables[1].rules[0];
    assert_eq!(want.destination.kind, EndpointKind::AccessEdge);
    for dest in [
        format!("访问边缘服务{}", "<div>".repeat(100_000)),
        format!("访问边缘服务{}", "<b></b>".repeat(40_000)),
        format!("访问边缘服务{}", "<div><b>".repeat(20_000)),
        format!("访问边缘服务{}", "<b><i>".repeat(20_000)),
    ] {
        let p = page(&with_after_first_table(&table(&row(&dest))));
        let got = &p.tables[1].rules[0];
        assert_eq!(got.typed(), want.typed());
        assert_eq!(got.destination.text, want.destination.text);
        assert_eq!(got.line, want.line);
        assert_eq!(p.tables[1].rules.len(), 1);
    }
}

/// The most threads `-j` gets here: twice the cores, at most 64.
fn cap() -> (usize, usize) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    ((2 * cores).min(64), cores)
}

/// `-j 100000` (and `RAYON_NUM_THREADS=100000`) is capped, says so on
/// stderr (an info; `-q` hides it), and the run succeeds with the same
/// output; `--help` says so too.
#[test]
fn jobs_are_capped() {
    let (max, cores) = cap();
    let want = format!(
        "info: --jobs 100000 capped to {max} thread(s) (twice the {cores} available core(s), at most 64)"
    );
    let plain = bin().args(["json"]).output().unwrap();
    assert!(plain.status.success());
    let out = bin().args(["-j", "100000", "json"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.lines().next(), Some(want.as_str()), "{err}");
    assert_eq!(out.stdout, plain.stdout);
    let env = bin()
        .env("RAYON_NUM_THREADS", "100000")
        .args(["json"])
        .output()
        .unwrap();
    assert!(env.status.success());
    assert_eq!(
        String::from_utf8_lossy(&env.stderr).lines().next(),
        Some(want.replace("--jobs", "RAYON_NUM_THREADS").as_str())
    );
    let quiet = bin().args(["-q", "-j", "100000", "json"]).output().unwrap();
    assert!(quiet.status.success());
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("capped"));
    // At or under the cap: nothing said.
    let ok = bin()
        .args(["-j", &max.to_string(), "json"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&ok.stderr).contains("capped"));
    let help = bin().args(["--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("capped at twice the available cores, and at 64"),
        "{help}"
    );
}

/// 21 distinct endpoints of 200 letters (8 lines a box): few enough boxes,
/// but their column would be taller than `MAX_SIDE`: not drawn either,
/// with the size it would need, at the page's first rule. Fewer are drawn;
/// the cheap answer (`unreadable`, no placement unless the page may be too
/// tall) is the drawing's every time.
#[test]
fn a_diagram_too_tall_is_not_drawn() {
    let long = |n: usize| {
        let rows: String = (0..n)
            .map(|i| row(&format!("Server{i:02}{}", "x".repeat(200))))
            .collect();
        page(&with_after_first_table(&table(&rows)))
    };
    let p = long(21);
    let why = diagram::unreadable(&p).expect("unreadable");
    assert_eq!(
        why,
        Unreadable::TooLarge {
            width: 1304.0,
            height: 4713.0,
            line: 50
        }
    );
    assert_eq!(diagram::topology(&p).omitted, Some(why));
    for n in [5, 12, 14, 15, 16, 18, 20] {
        let p = long(n);
        let t = diagram::topology(&p);
        assert_eq!(diagram::unreadable(&p), t.omitted, "{n}");
        if t.omitted.is_none() {
            assert!(t.width <= limits::MAX_SIDE && t.height <= limits::MAX_SIDE);
        }
    }
    // 14 are drawn; with 16, the port map (a row per pair of boxes, each as
    // tall as the tallest label) would be too tall.
    assert!(diagram::topology(&long(14)).omitted.is_none());
    assert_eq!(
        diagram::unreadable(&long(16)),
        Some(Unreadable::TooLarge {
            width: 1304.0,
            height: 4193.0,
            line: 50
        })
    );
}
