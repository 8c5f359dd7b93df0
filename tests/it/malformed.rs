//! Malformed input: every case parses without a panic, reports the exact
//! diagnostic (code, file, line), and the CLI exits 2 on errors, writing
//! nothing unless asked to `--keep-going`.

use std::path::{Path, PathBuf};

use portmatrix::diag::{Code, Diagnostic, Severity};
use portmatrix::model::{Page, PortRange, Transport};
use portmatrix::parse::{Source, parse_page, parse_sources};

use crate::support::{bin, compact_stderr, diagnostic_codes, read};

const HEADER: &str = "---\ntitle: Test page\nms:assetid: ASSET\nms.contentlocale: en-US\n---\n\n## Internal port firewall\n\n";
/// Lines in HEADER (a body starts on the line after).
const HEADER_LINES: u32 = 8;

fn page_text(asset: &str, body: &str) -> String {
    format!("{}{body}", HEADER.replace("ASSET", asset))
}

/// A port table with the usual header and the given rows (each a list of
/// cells, one line per cell).
fn table(rows: &[&[&str]]) -> String {
    let mut s = String::from(
        "<table>\n<thead>\n<tr class=\"header\">\n<th>Role/Protocol/TCP or UDP/Port</th>\n<th>Source IP address</th>\n<th>Destination IP address</th>\n<th>Notes</th>\n</tr>\n</thead>\n<tbody>\n",
    );
    for r in rows {
        s.push_str("<tr>\n");
        for c in r.iter() {
            s.push_str(&format!("<td><p>{c}</p></td>\n"));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    s
}

/// Line of the first body `<tr>` of `table()` placed right after HEADER; a
/// row of four cells takes six lines.
const FIRST_ROW: u32 = HEADER_LINES + 11;

const GOOD: &[&str] = &[
    "SIP/MTLS/TCP/5061",
    "Edge Server internal interface",
    "Director",
    "SIP traffic",
];

fn parse(body: &str) -> (Option<Page>, Vec<Diagnostic>) {
    parse_page("docs/t.md", page_text("t-1", body).as_bytes(), None)
}

type D = (Severity, Code, String, u32);

/// (severity, code, path, line) of every diagnostic except infos.
fn diags(diags: &[Diagnostic]) -> Vec<D> {
    diags
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| (d.severity, d.code, d.path.to_string(), d.line))
        .collect()
}

fn err(code: Code, line: u32) -> D {
    (Severity::Error, code, "docs/t.md".to_string(), line)
}

fn warn(code: Code, line: u32) -> D {
    (Severity::Warning, code, "docs/t.md".to_string(), line)
}

fn rule_counts(p: &Option<Page>) -> Vec<usize> {
    p.as_ref()
        .expect("a page")
        .tables
        .iter()
        .map(|t| t.rules.len())
        .collect()
}

/// The table head and `n` identical good rows, without `</tbody></table>`.
fn head_rows(n: usize) -> String {
    let head = "<table>\n<thead>\n<tr>\n<th>Role/Protocol/TCP or UDP/Port</th>\n<th>Source IP address</th>\n<th>Destination IP address</th>\n<th>Notes</th>\n</tr>\n</thead>\n<tbody>\n";
    let row = "<tr>\n<td>HTTPS/TCP/443</td>\n<td>Director</td>\n<td>Edge Server internal interface</td>\n<td>n</td>\n</tr>\n";
    format!("{head}{}", row.repeat(n))
}

// ---- the parser, case by case ----

#[test]
fn truncated_html_reports_the_unclosed_table() {
    let body = "<table>\n<thead>\n<tr>\n<th>Role/Protocol/TCP or UDP/Port</th>\n<th>Sou";
    let (p, d) = parse(body);
    assert_eq!(
        diags(&d),
        vec![err(Code::UnterminatedTable, HEADER_LINES + 1)]
    );
    assert_eq!(rule_counts(&p), Vec::<usize>::new());
    // Cut anywhere inside, after good rows: still an unclosed table, no panic.
    let full = table(&[GOOD, GOOD]);
    for cut in [full.len() / 3, full.len() / 2, full.len() - 10] {
        let (_, d) = parse(&full[..cut]);
        assert_eq!(
            diags(&d),
            vec![err(Code::UnterminatedTable, HEADER_LINES + 1)],
            "cut at {cut}"
        );
    }
}

#[test]
fn missing_and_extra_cells() {
    // Row 1 has 3 cells (lines 19-23), row 2 has 5 (from line 24; its 5th cell on 29).
    let (p, d) = parse(&table(&[
        &GOOD[..3],
        &[GOOD[0], GOOD[1], GOOD[2], GOOD[3], "extra"],
    ]));
    assert_eq!(
        diags(&d),
        vec![
            err(Code::MissingCell, FIRST_ROW),
            warn(Code::ExtraCell, FIRST_ROW + 10)
        ]
    );
    assert_eq!(
        d[0].cell.as_deref(),
        Some("SIP/MTLS/TCP/5061 | Edge Server internal interface | Director")
    );
    assert_eq!(d[1].cell.as_deref(), Some("extra"));
    // The row with an extra cell is still a rule, read from its first four cells.
    let p = p.unwrap();
    let r = &p.tables[0].rules[0];
    assert_eq!(
        (r.transport, r.ports, r.line),
        (
            Transport::Tcp,
            PortRange::single(5061).unwrap(),
            FIRST_ROW + 5
        )
    );
}

#[test]
fn colspan_and_rowspan() {
    let body = head_rows(0)
        + "<tr>\n<td colspan=\"2\">SIP/MTLS/TCP/5061</td>\n<td>Director</td>\n<td>n</td>\n</tr>\n"
        + "<tr>\n<td>SIP/MTLS/TCP/5061</td>\n<td rowspan=\"2\">Director</td>\n<td>Director</td>\n<td>n</td>\n</tr>\n</tbody>\n</table>\n";
    let (p, d) = parse(&body);
    assert_eq!(
        diags(&d),
        vec![
            err(Code::CellSpan, FIRST_ROW + 1),
            err(Code::CellSpan, FIRST_ROW + 7)
        ]
    );
    assert_eq!(rule_counts(&p), vec![0]);
}

#[test]
fn nested_table() {
    let body = head_rows(0)
        + "<tr>\n<td>SIP/MTLS/TCP/5061</td>\n<td>Director</td>\n<td>Director</td>\n<td><table><tr><td>x</td></tr></table></td>\n</tr>\n</tbody>\n</table>\n";
    let (p, d) = parse(&body);
    assert_eq!(diags(&d), vec![err(Code::NestedTable, FIRST_ROW + 4)]);
    assert_eq!(rule_counts(&p), vec![0]);
}

#[test]
fn table_without_header_is_not_a_port_table() {
    let (p, d) = parse(
        "<table>\n<tr>\n<td>HTTPS/TCP/443</td>\n<td>a</td>\n<td>b</td>\n<td>c</td>\n</tr>\n</table>\n",
    );
    assert_eq!(
        diags(&d),
        vec![warn(Code::UnsupportedTableLayout, HEADER_LINES + 1)]
    );
    assert_eq!(rule_counts(&p), Vec::<usize>::new());
}

#[test]
fn heading_without_table() {
    let (p, d) = parse("## Lonely heading\n\nSome text, no table.\n");
    assert_eq!(diags(&d), vec![]);
    let p = p.unwrap();
    assert_eq!(p.tables.len(), 0);
    let headings: Vec<(&str, u32)> = p
        .headings
        .iter()
        .map(|h| (h.text.as_ref(), h.line))
        .collect();
    assert_eq!(
        headings,
        vec![("Internal port firewall", 7), ("Lonely heading", 9)]
    );
}

#[test]
fn five_megabyte_cells() {
    let big = "x".repeat(5 << 20);
    // A 5 MB note: a normal rule carrying it.
    let (p, d) = parse(&table(&[&[GOOD[0], GOOD[1], GOOD[2], &big]]));
    assert_eq!(diags(&d), vec![]);
    assert_eq!(p.unwrap().tables[0].rules[0].note.len(), 5 << 20);
    // A 5 MB first cell: no port at its end.
    let (_, d) = parse(&table(&[&[&big, GOOD[1], GOOD[2], GOOD[3]]]));
    assert_eq!(diags(&d), vec![err(Code::InvalidPort, FIRST_ROW + 1)]);
    // A 5 MB endpoint: an unknown endpoint, a warning; the rule stays.
    let (p, d) = parse(&table(&[&[GOOD[0], &big, GOOD[2], GOOD[3]]]));
    assert_eq!(
        diags(&d),
        vec![warn(Code::UnrecognizedEndpoint, FIRST_ROW + 2)]
    );
    assert_eq!(rule_counts(&p), vec![1]);
}

#[test]
fn hundred_thousand_rows() {
    let body = head_rows(100_000) + "</tbody>\n</table>\n";
    let (p, d) = parse(&body);
    assert_eq!(diags(&d), vec![]);
    let p = p.unwrap();
    let rules = &p.tables[0].rules;
    assert_eq!(rules.len(), 100_000);
    assert_eq!(rules[99_999].line, FIRST_ROW + 6 * 99_999);
    assert!(
        rules
            .iter()
            .all(|r| r.ports == PortRange::single(443).unwrap())
    );
}

#[test]
fn not_utf8_empty_binary_unclosed_front_matter() {
    let cases: [(&[u8], D); 5] = [
        (b"---\ntitle: x\n---\nabc\xff\xfe\n", err(Code::NotUtf8, 4)),
        (b"", err(Code::EmptyFile, 0)),
        (b" \n\n\t\n", err(Code::EmptyFile, 0)),
        (
            &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0],
            err(Code::BinaryFile, 1),
        ),
        (
            b"---\ntitle: x\nms:assetid: a\n\n# no end\n",
            err(Code::UnterminatedFrontMatter, 1),
        ),
    ];
    for (bytes, want) in cases {
        let (p, d) = parse_page("docs/t.md", bytes, None);
        assert!(p.is_none());
        assert_eq!(diags(&d), vec![want]);
    }
    let (_, d) = parse_page("docs/t.md", b"---\ntitle: x\n---\nabc\xff\xfe\n", None);
    assert_eq!(
        d[0].message,
        "the file is not UTF-8 (invalid byte at line 4, column 4)"
    );
}

#[test]
fn bad_first_cells_and_a_short_row() {
    let rows: [&[&str]; 4] = [
        &["SIP/TCP/99999", "Director", "Director", "n"],
        &["A/V/RTP/UDP/59999-50000", "Director", "Director", "n"],
        &["SIP/SCTP/5061", "Director", "Director", "n"],
        &["SIP/MTLS/TCP/5061", "Director"],
    ];
    let (p, d) = parse(&table(&rows));
    assert_eq!(
        diags(&d),
        vec![
            err(Code::InvalidPort, FIRST_ROW + 1),
            err(Code::ReversedRange, FIRST_ROW + 7),
            err(Code::UnknownTransport, FIRST_ROW + 13),
            err(Code::MissingCell, FIRST_ROW + 18),
        ]
    );
    let msgs: Vec<&str> = d.iter().map(|d| d.message.as_ref()).collect();
    assert_eq!(
        msgs,
        vec![
            "port 99999 is out of range",
            "range 59999-50000 runs backwards",
            "unknown transport `SCTP`",
            "row has 2 cell(s); a port row has 4"
        ]
    );
    assert_eq!(
        d[1].expected.as_deref(),
        Some("the lower port first: 50000-59999")
    );
    assert_eq!(rule_counts(&p), vec![0]);
}

// ---- the trees and the command line ----

struct Run {
    code: i32,
    stderr: String,
}

impl Run {
    /// Asserts that stderr has `s`.
    fn assert_says(&self, s: &str) {
        assert!(
            compact_stderr(&self.stderr).iter().any(|l| l.contains(s)),
            "{}",
            self.stderr
        );
    }
}

fn run(args: &[&str], dir: &Path) -> Run {
    let out = bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs the binary");
    Run {
        code: out.status.code().expect("exited"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(path: PathBuf, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// docs/en-US/good.md (one rule) and docs/en-US/bad.md (one good rule, one
/// with port 99999 on line 26).
fn docs_tree() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    write(
        t.path().join("docs/en-US/good.md"),
        &page_text("good-1", &table(&[GOOD])),
    );
    write(
        t.path().join("docs/en-US/bad.md"),
        &page_text(
            "bad-1",
            &table(&[GOOD, &["SIP/TCP/99999", "Director", "Director", "n"]]),
        ),
    );
    t
}

/// `portmatrix json` of the tree's `docs/` into `m.json`.
const JSON: &[&str] = &["json", "--source-docs", "docs", "-o", "m.json"];
/// The same, with `--keep-going`.
const JSON_KEEP_GOING: &[&str] = &[
    "--keep-going",
    "json",
    "--source-docs",
    "docs",
    "-o",
    "m.json",
];

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn json_pages(path: &Path) -> Vec<String> {
    let v = json(path);
    v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn cli_errors_exit_2_and_write_nothing() {
    let t = docs_tree();
    let r = run(JSON, t.path());
    assert_eq!(r.code, 2, "{}", r.stderr);
    r.assert_says("docs/en-US/bad.md:26: error[invalid_port]: port 99999 is out of range");
    r.assert_says("1 error(s) in the input; nothing written");
    assert!(!t.path().join("m.json").exists());
    let r = run(
        &["build", "--source-docs", "docs", "--out", "out"],
        t.path(),
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!t.path().join("out").exists());
}

#[test]
fn cli_keep_going_writes_the_other_pages() {
    let t = docs_tree();
    let r = run(JSON_KEEP_GOING, t.path());
    assert_eq!(r.code, 2, "{}", r.stderr);
    r.assert_says("docs/en-US/bad.md:26: error[invalid_port]");
    assert_eq!(
        json_pages(&t.path().join("m.json")),
        vec!["docs/en-US/good.md"]
    );
    let v = json(&t.path().join("m.json"));
    let codes = diagnostic_codes(&v);
    assert!(codes.contains(&"invalid_port"), "{codes:?}");
    // build too: every file written, exit 2.
    let r = run(
        &[
            "build",
            "--keep-going",
            "--source-docs",
            "docs",
            "--out",
            "out",
        ],
        t.path(),
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        json_pages(&t.path().join("out/portmatrix.json")),
        vec!["docs/en-US/good.md"]
    );
    let diagnostics = read(&t.path().join("out/diagnostics.txt"));
    assert!(
        diagnostics.contains("docs/en-US/bad.md:26: error[invalid_port]"),
        "{diagnostics}"
    );
    assert!(t.path().join("out/portmatrix.schema.json").is_file());
    // Without errors --keep-going changes nothing.
    std::fs::remove_file(t.path().join("docs/en-US/bad.md")).unwrap();
    let r = run(JSON_KEEP_GOING, t.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn cli_every_malformed_file_in_one_tree() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("docs");
    write(d.join("a-good.md"), &page_text("good-1", &table(&[GOOD])));
    write(d.join("empty.md"), "");
    std::fs::write(
        d.join("binary.md"),
        [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0],
    )
    .unwrap();
    // Bytes that are not UTF-8 are reported as such, binary or not.
    std::fs::write(d.join("blob.md"), [0u8, 1, 2, 3, 255, 254]).unwrap();
    std::fs::write(d.join("latin1.md"), b"---\ntitle: caf\xe9\n---\n").unwrap();
    write(d.join("fm.md"), "---\ntitle: never closed\n\n# Heading\n");
    write(
        d.join("trunc.md"),
        &page_text("trunc-1", "<table>\n<tr>\n<td>SIP"),
    );
    let r = run(
        &[
            "--keep-going",
            "-q",
            "json",
            "--source-docs",
            "docs",
            "-o",
            "m.json",
        ],
        t.path(),
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    let compact = compact_stderr(&r.stderr);
    let errors: Vec<&str> = compact
        .iter()
        .map(String::as_str)
        .filter(|l| l.contains(": error["))
        .collect();
    assert_eq!(
        errors,
        vec![
            "docs/binary.md:1: error[binary_file]: the file holds control characters: not a text page",
            "docs/blob.md:1: error[not_utf8]: the file is not UTF-8 (invalid byte at line 1, column 5)",
            "docs/empty.md: error[empty_file]: the file is empty",
            "docs/fm.md:1: error[unterminated_front_matter]: front matter opened with `---` on line 1 never closes",
            "docs/latin1.md:2: error[not_utf8]: the file is not UTF-8 (invalid byte at line 2, column 11)",
            "docs/trunc.md:9: error[unterminated_table]: `<table>` is never closed",
        ]
    );
    assert_eq!(json_pages(&t.path().join("m.json")), vec!["docs/a-good.md"]);
}

#[test]
fn symlink_loop_in_source_docs() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("docs");
    write(
        d.join("en-US/good.md"),
        &page_text("good-1", &table(&[GOOD])),
    );
    std::os::unix::fs::symlink("..", d.join("en-US/loop")).unwrap();
    std::os::unix::fs::symlink("self", d.join("self")).unwrap();
    let m = parse_sources(&[Source {
        root: d.clone(),
        display: "docs".into(),
    }]);
    assert_eq!(m.pages.len(), 1);
    assert_eq!(
        diags(&m.diagnostics),
        vec![(
            Severity::Warning,
            Code::SkippedPath,
            "docs/en-US/loop".into(),
            0
        )]
    );
    // The CLI finishes (no endless walk) and succeeds: a loop is a warning.
    let r = run(JSON, t.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.assert_says(
        "docs/en-US/loop: warning[skipped_path]: directory already visited (symlink loop); skipped",
    );
    assert_eq!(
        json_pages(&t.path().join("m.json")),
        vec!["docs/en-US/good.md"]
    );
}

#[test]
fn unreadable_directory_and_file() {
    use std::os::unix::fs::PermissionsExt;
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("docs");
    write(d.join("a/good.md"), &page_text("good-1", &table(&[GOOD])));
    write(
        d.join("locked/hidden.md"),
        &page_text("hidden-1", &table(&[GOOD])),
    );
    // A page that cannot be read whoever we are: a dangling symlink.
    std::os::unix::fs::symlink("nowhere.md", d.join("a/dangling.md")).unwrap();
    let locked = d.join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // As root, mode 000 does not stop reading: then the page inside is read.
    let blocked = std::fs::read_dir(&locked).is_err();
    let m = parse_sources(&[Source {
        root: d.clone(),
        display: "docs".into(),
    }]);
    let r = run(JSON_KEEP_GOING, t.path());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();

    let mut want = vec![(
        Severity::Error,
        Code::Io,
        "docs/a/dangling.md".to_string(),
        0,
    )];
    if blocked {
        want.push((Severity::Error, Code::Io, "docs/locked".into(), 0));
    }
    let mut got = diags(&m.diagnostics);
    got.sort();
    assert_eq!(got, want);
    assert!(
        m.diagnostics
            .iter()
            .all(|d| d.message.starts_with("cannot read")),
        "{:?}",
        m.diagnostics
    );
    let pages: Vec<&str> = m.pages.iter().map(|p| p.path.as_ref()).collect();
    let want_pages = if blocked {
        vec!["docs/a/good.md"]
    } else {
        vec!["docs/a/good.md", "docs/locked/hidden.md"]
    };
    assert_eq!(pages, want_pages);

    assert_eq!(r.code, 2, "{}", r.stderr);
    r.assert_says("docs/a/dangling.md: error[io]: cannot read file: ");
    assert_eq!(json_pages(&t.path().join("m.json")), want_pages);
    // A --source-docs that is not a directory.
    let r = run(&["json", "--source-docs", "docs/a/good.md"], t.path());
    assert_eq!(r.code, 2, "{}", r.stderr);
    r.assert_says("docs/a/good.md: error[io]: not a readable directory");
}
