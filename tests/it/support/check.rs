//! Helpers of the `check_*` tests: parse real pages from text,
//! mutate rows in place without moving any other line, and diff findings.

use portmatrix::check::{self, CheckCode, Finding};
use portmatrix::model::{Matrix, Page};

/// Parses one page from text, as `locale/file`; the page must parse
/// without errors.
pub fn page(locale: &str, file: &str, text: &str) -> Page {
    let (p, diags) =
        portmatrix::parse::parse_page(&format!("{locale}/{file}"), text.as_bytes(), Some(locale));
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    p.expect("a page")
}

pub fn matrix(pages: Vec<Page>) -> Matrix {
    portmatrix::parse::finish(pages, Vec::new())
}

pub fn run(pages: Vec<Page>) -> Vec<Finding> {
    check::run(&matrix(pages))
}

fn key(f: &Finding) -> (CheckCode, String, u32) {
    (f.code, f.path().to_string(), f.line())
}

/// The one finding with this code (there must be exactly one).
pub fn only_finding(findings: &[Finding], code: CheckCode) -> &Finding {
    let hits: Vec<_> = findings.iter().filter(|f| f.code == code).collect();
    assert_eq!(hits.len(), 1, "{code:?}: {findings:#?}");
    hits[0]
}

/// Findings of `after` that `before` does not have (by code, path and line,
/// counted: a second finding at the same place is new).
pub fn new_findings(before: &[Finding], after: &[Finding]) -> Vec<Finding> {
    let mut old: Vec<_> = before.iter().map(key).collect();
    let mut new = Vec::new();
    for f in after {
        match old.iter().position(|k| *k == key(f)) {
            Some(i) => {
                old.swap_remove(i);
            }
            None => new.push(f.clone()),
        }
    }
    new
}

/// Asserts that exactly one finding is new, with this code at this path and
/// line, and returns it.
pub fn assert_exactly_one(
    before: &[Finding],
    after: &[Finding],
    code: CheckCode,
    path: &str,
    line: u32,
) -> Finding {
    let new = new_findings(before, after);
    assert_eq!(
        new.iter()
            .map(|f| (f.code, f.path().to_string(), f.line()))
            .collect::<Vec<_>>(),
        vec![(code, path.to_string(), line)],
        "new findings: {new:#?}"
    );
    new.into_iter().next().expect("one")
}

/// Lines (1-based, inclusive) of the `<tr>` that starts on `line`.
fn row_range(text: &str, line: u32) -> (usize, usize) {
    let lines: Vec<&str> = text.split('\n').collect();
    let start = line as usize - 1;
    assert!(
        lines[start].trim_start().starts_with("<tr"),
        "line {line} is not a <tr>: {}",
        lines[start]
    );
    let end = (start..lines.len())
        .find(|&i| lines[i].contains("</tr>"))
        .expect("</tr>");
    (start, end)
}

/// The row starting on `line`, on one line.
pub fn row_html(text: &str, line: u32) -> String {
    let (s, e) = row_range(text, line);
    text.split('\n').collect::<Vec<_>>()[s..=e]
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join("")
}

/// Inserts `row` right after the row that starts on `line`, on that row's
/// `</tr>` line, so that no other line moves. Returns the text and the line
/// of the inserted row.
pub fn insert_after_row(text: &str, line: u32, row: &str) -> (String, u32) {
    let (_, e) = row_range(text, line);
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    lines[e].push_str(row);
    (lines.join("\n"), e as u32 + 1)
}

/// Deletes the row that starts on `line`, leaving an HTML comment on each
/// of its lines (no other line moves).
pub fn delete_row(text: &str, line: u32) -> String {
    let (s, e) = row_range(text, line);
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    for l in &mut lines[s..=e] {
        *l = "<!-- deleted -->".to_string();
    }
    lines.join("\n")
}

/// Replaces `from` with `to` on one line (which must contain it).
pub fn replace_on_line(text: &str, line: u32, from: &str, to: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    let l = &mut lines[line as usize - 1];
    assert!(l.contains(from), "line {line} `{l}` has no `{from}`");
    *l = l.replacen(from, to, 1);
    lines.join("\n")
}

/// The text of line `line`.
pub fn line_text(text: &str, line: u32) -> String {
    text.split('\n')
        .nth(line as usize - 1)
        .unwrap_or_default()
        .to_string()
}

/// `portmatrix check --format FORMAT` over the real corpus: its stdout,
/// after asserting that every finding is in the baseline (exit 0).
pub fn check_corpus_output(format: &str) -> Vec<u8> {
    let out = super::bin()
        .args(["check", "--quiet", "--format", format, "--source-docs"])
        .arg(super::corpus_dir())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "every corpus finding is baselined"
    );
    out.stdout
}
