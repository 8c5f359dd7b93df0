//! Nothing lost silently (issue 10): every page, table or row the parser does
//! not read is reported with file, line and a message a person can act on;
//! HTML comments are never read as rules; what is clearly meant (a blank line
//! or BOMs before `---`, CR-only line ends, `----` fences, `<th>` body rows,
//! a `</table>` typed inside a cell, Markdown pipe tables) is read; port
//! cells say what is wrong with them. Each case is a page written to a
//! temporary tree and parsed with `parse_sources` (or the binary), checked
//! against its exact diagnostics and rule count.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use portmatrix::diag::{Code, Severity};
use portmatrix::model::{EndpointKind, Matrix, PortRange, Protocol, Role, Transport};
use portmatrix::parse::{Source, parse_sources};

use crate::support::{bin, compact_stderr};

const HEADER: &str = "---\ntitle: Test page\nms:assetid: ASSET\nms.contentlocale: en-US\n---\n\n## Internal port firewall\n\n";
/// The first body line (HEADER has 8 lines).
const BODY: u32 = 9;

const GOOD: [&str; 4] = [
    "SIP/MTLS/TCP/5061",
    "Edge Server internal interface",
    "Director",
    "SIP traffic",
];

/// A port table starting on its own first line: header rows take 10 lines,
/// then each row takes 6 (`<tr>`, four `<td>` lines, `</tr>`). Cells are
/// written as given, raw HTML included.
fn table(rows: &[[&str; 4]]) -> String {
    let mut s = String::from(
        "<table>\n<thead>\n<tr>\n<th>Role/Protocol/TCP or UDP/Port</th>\n<th>Source IP address</th>\n<th>Destination IP address</th>\n<th>Notes</th>\n</tr>\n</thead>\n<tbody>\n",
    );
    for r in rows {
        s.push_str(&row(r));
    }
    s.push_str("</tbody>\n</table>\n");
    s
}

fn row(r: &[&str; 4]) -> String {
    let mut s = String::from("<tr>\n");
    for c in r {
        s.push_str(&format!("<td>{c}</td>\n"));
    }
    s.push_str("</tr>\n");
    s
}

/// Line of row `n` (0-based) of a `table()` starting on line `at`.
fn row_line(at: u32, n: u32) -> u32 {
    at + 10 + 6 * n
}

/// Line of cell `c` (0-based) of row `n`.
fn cell_line(at: u32, n: u32, c: u32) -> u32 {
    row_line(at, n) + 1 + c
}

fn page(body: &str) -> String {
    format!("{}{body}", HEADER.replace("ASSET", "asset-1"))
}

/// Writes the files under `<tmp>/docs` and parses that tree, shown as `docs`.
fn parse_tree(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Matrix) {
    let t = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        write(&t.path().join("docs").join(name), bytes);
    }
    let m = parse_sources(&[Source {
        root: t.path().join("docs"),
        display: "docs".into(),
    }]);
    (t, m)
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Parses one page `docs/en-US/t.md`.
fn parse_one(text: impl AsRef<[u8]>) -> Matrix {
    parse_tree(&[("en-US/t.md", text.as_ref())]).1
}

type D = (Severity, Code, u32, String);

/// Every diagnostic (infos too) as (severity, code, line, message); all must
/// name the one page.
fn diags(m: &Matrix) -> Vec<D> {
    m.diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d.path, "docs/en-US/t.md", "{d}");
            (d.severity, d.code, d.line, d.message.to_string())
        })
        .collect()
}

fn d(severity: Severity, code: Code, line: u32, message: &str) -> D {
    (severity, code, line, message.to_string())
}

fn rules(m: &Matrix) -> usize {
    m.rules().count()
}

fn rule_lines(m: &Matrix) -> Vec<u32> {
    m.rules().map(|r| r.rule.line).collect()
}

// ---- tables: comments and `</table>` ----

#[test]
fn table_close_inside_a_note_is_cell_text_and_later_rows_are_read() {
    let rows = [
        GOOD,
        [GOOD[0], GOOD[1], GOOD[2], "never type </table> in a note"],
        GOOD,
        GOOD,
    ];
    let m = parse_one(page(&table(&rows)));
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Warning,
            Code::TableCloseInCell,
            cell_line(BODY, 1, 3),
            "`</table>` inside a cell, with more rows after it: read as text of the cell \
             (a browser ends the table here and drops the rows after it)",
        )]
    );
    let d0 = &m.diagnostics[0];
    assert_eq!(
        d0.expected.as_deref(),
        Some("`&lt;/table&gt;` for the text")
    );
    assert_eq!(rules(&m), 4);
    assert_eq!(
        rule_lines(&m),
        (0..4).map(|n| row_line(BODY, n)).collect::<Vec<_>>()
    );
    let note = m.rules().nth(1).unwrap().rule.note.to_string();
    assert_eq!(note, "never type </table> in a note");
}

#[test]
fn table_close_in_a_comment_or_attribute_belongs_to_the_cell() {
    let rows = [
        GOOD,
        [
            GOOD[0],
            GOOD[1],
            GOOD[2],
            "a <!-- </table> --> b <span title=\"</table>\">c</span>",
        ],
        GOOD,
    ];
    let m = parse_one(page(&table(&rows)));
    assert_eq!(diags(&m), vec![]);
    assert_eq!(rules(&m), 3);
    assert_eq!(m.rules().nth(1).unwrap().rule.note.to_string(), "a b c");
}

#[test]
fn unclosed_comment_in_a_note_reports_the_rows_it_hides() {
    let rows = [
        GOOD,
        [GOOD[0], GOOD[1], GOOD[2], "note <!-- forgot to close"],
        GOOD,
        GOOD,
    ];
    let m = parse_one(page(&table(&rows)));
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Warning,
            Code::UnclosedComment,
            cell_line(BODY, 1, 3),
            &format!(
                "`<!--` never closes, and a browser hides everything after it: the rest of the \
                 table is not read: 2 rows (lines {}, {})",
                row_line(BODY, 2),
                row_line(BODY, 3)
            ),
        )]
    );
    assert_eq!(
        m.diagnostics[0].expected.as_deref(),
        Some("`-->` to end the comment, or `&lt;!--` for the text")
    );
    // The rows before it, and the row it starts in (its note cut at `<!--`).
    assert_eq!(rules(&m), 2);
    assert_eq!(m.rules().nth(1).unwrap().rule.note.to_string(), "note");
}

#[test]
fn unclosed_comment_in_the_last_row_says_so() {
    let rows = [GOOD, [GOOD[0], GOOD[1], GOOD[2], "note <!-- x"]];
    let m = parse_one(page(&table(&rows)));
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Warning,
            Code::UnclosedComment,
            cell_line(BODY, 1, 3),
            "`<!--` never closes, and a browser hides everything after it: the rest of the \
             table after it is not read",
        )]
    );
    assert_eq!(rules(&m), 2);
}

#[test]
fn commented_out_port_table_is_a_warning_not_rules() {
    // `<!--` on line 9, the table from line 10, then a live table.
    let body = format!("<!--\n{}-->\n\n{}", table(&[GOOD, GOOD]), table(&[GOOD]));
    let live = BODY + 1 + 24 + 2;
    let m = parse_one(page(&body));
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Warning,
            Code::CommentedOut,
            BODY + 1,
            "port table (2 rows) inside an HTML comment (`<!--` on line 9): not read \
             (comments are not live rules)",
        )]
    );
    assert_eq!(
        m.diagnostics[0].expected.as_deref(),
        Some("no `<!--` … `-->` around the table if its rules are live")
    );
    assert_eq!(rule_lines(&m), vec![row_line(live, 0)]);
}

#[test]
fn commented_out_table_on_one_line_and_other_tables() {
    let one_line = format!("<!-- {} -->\n", table(&[GOOD]).replace('\n', ""));
    let other = "<!-- <table><tr><th>Name</th><th>Value</th></tr></table> -->\n";
    let m = parse_one(page(&format!("{one_line}\n{other}")));
    assert_eq!(
        diags(&m),
        vec![
            d(
                Severity::Warning,
                Code::CommentedOut,
                BODY,
                "port table (1 row) inside an HTML comment (`<!--` on line 9): not read \
                 (comments are not live rules)",
            ),
            d(
                Severity::Warning,
                Code::CommentedOut,
                BODY + 2,
                "table inside an HTML comment (`<!--` on line 11): not read \
                 (comments are not live rules)",
            ),
        ]
    );
    assert_eq!(rules(&m), 0);
    assert_eq!(m.pages[0].tables.len(), 0);
}

#[test]
fn comment_left_open_before_a_table_hides_it_with_a_warning() {
    let body = format!("<!-- draft, never closed\n\n{}", table(&[GOOD]));
    let m = parse_one(page(&body));
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Warning,
            Code::CommentedOut,
            BODY + 2,
            "port table (1 row) inside an HTML comment that opens on line 9 and never \
             closes: not read (comments are not live rules)",
        )]
    );
    assert_eq!(
        m.diagnostics[0].expected.as_deref(),
        Some("`-->` where the comment should end")
    );
    assert_eq!(rules(&m), 0);
}

#[test]
fn commented_out_rows_inside_a_live_table() {
    let hidden =
        "<!--\n<tr><td>HTTP/TCP/80</td><td>Any</td><td>Director</td><td>old</td></tr>\n-->\n";
    let t = table(&[GOOD, GOOD]);
    let at = t.find("</tbody>").unwrap();
    let body = format!("{}{hidden}{}", &t[..at], &t[at..]);
    let m = parse_one(page(&body));
    let comment_line = row_line(BODY, 2);
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Warning,
            Code::CommentedOut,
            comment_line,
            &format!(
                "1 row (line {}) inside an HTML comment: not read (comments are not live rules)",
                comment_line + 1
            ),
        )]
    );
    assert_eq!(rules(&m), 2);
}

// ---- pages: front matter, line ends, BOMs ----

/// A page with two rules, as LF text.
fn two_rule_page() -> String {
    page(&table(&[GOOD, GOOD]))
}

#[test]
fn tolerated_front_matter_and_line_ends_read_the_same_rules() {
    let lf = two_rule_page();
    let want = [row_line(BODY, 0), row_line(BODY, 1)];
    let cases: Vec<(&str, String, u32)> = vec![
        ("as is", lf.clone(), 0),
        ("blank line before ---", format!("\n{lf}"), 1),
        ("blank lines with spaces", format!(" \n\t\n{lf}"), 2),
        ("CR-only line ends", lf.replace('\n', "\r"), 0),
        ("CRLF line ends", lf.replace('\n', "\r\n"), 0),
        ("---- fences", lf.replace("---\n", "----\n"), 0),
        (
            "---- opening fence only",
            lf.replacen("---\n", "----\n", 1),
            0,
        ),
        ("doubled BOM", format!("\u{FEFF}\u{FEFF}{lf}"), 0),
        ("BOM, blank line, BOM", format!("\u{FEFF}\n\u{FEFF}{lf}"), 1),
    ];
    for (what, text, shift) in cases {
        let m = parse_one(&text);
        assert_eq!(diags(&m), vec![], "{what}");
        assert_eq!(m.pages.len(), 1, "{what}");
        assert_eq!(m.pages[0].asset_id, "asset-1", "{what}");
        assert_eq!(m.pages[0].title, "Test page", "{what}");
        let shifted: Vec<u32> = want.iter().map(|l| l + shift).collect();
        assert_eq!(rule_lines(&m), shifted, "{what}");
        assert_eq!(m.pages[0].headings[0].line, 7 + shift, "{what}");
    }
}

#[test]
fn cr_only_lines_are_counted_in_diagnostics() {
    let text = page(&table(&[["SIP/TCP/99999", "Director", "Director", "n"]])).replace('\n', "\r");
    let m = parse_one(&text);
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Error,
            Code::InvalidPort,
            cell_line(BODY, 0, 0),
            "port 99999 is out of range",
        )]
    );
    // Not UTF-8 on line 3 of a CR-only file.
    let m = parse_one(b"---\rtitle: x\rab\xff\r---\r");
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Error,
            Code::NotUtf8,
            3,
            "the file is not UTF-8 (invalid byte at line 3, column 3)",
        )]
    );
    // An unclosed front matter after a blank line names its own line.
    let m = parse_one("\n---\ntitle: x\n");
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Error,
            Code::UnterminatedFrontMatter,
            2,
            "front matter opened with `---` on line 2 never closes",
        )]
    );
}

#[test]
fn a_skipped_page_that_looks_like_a_docs_page_is_a_warning() {
    let expected =
        "a first line `---`, then `key: value` lines (`ms:assetid: …`), then a line `---`";
    // Front matter keys, but no fences: the table on line 5 is not read.
    let text = format!("title: T\nms:assetid: a-1\n\n## Ports\n{}", table(&[GOOD]));
    let m = parse_one(&text);
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Warning,
            Code::SkippedPath,
            1,
            "no `---` front matter at the top, yet the file holds a table (line 5): the page \
             is not read",
        )]
    );
    assert_eq!(m.diagnostics[0].expected.as_deref(), Some(expected));
    assert_eq!(m.pages.len(), 0);
    // `----` that never closes is no fence, but `ms:assetid:` gives it away.
    let m = parse_one("----\nms:assetid: a-1\n\ntext\n");
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Warning,
            Code::SkippedPath,
            1,
            "no `---` front matter at the top, yet line 2 holds `ms:assetid:`: the page is not read",
        )]
    );
    // A plain Markdown file (a README) is only an info; a tree holding
    // nothing else gets a warning of its own (`no_pages`, naming the tree).
    let m = parse_one("# About\n\nThese pages come from …\n");
    let (file, tree): (Vec<_>, Vec<_>) = m.diagnostics.iter().partition(|d| d.line > 0);
    let named = |ds: &[&portmatrix::diag::Diagnostic]| -> Vec<(Severity, Code, String, String)> {
        ds.iter()
            .map(|d| {
                (
                    d.severity,
                    d.code,
                    d.path.to_string(),
                    d.message.to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        named(&file),
        vec![(
            Severity::Info,
            Code::SkippedPath,
            "docs/en-US/t.md".to_string(),
            "not a docs page (no `---` front matter); skipped".to_string(),
        )]
    );
    assert_eq!(
        named(&tree),
        vec![(
            Severity::Warning,
            Code::NoPages,
            "docs".to_string(),
            "no docs page in this tree (1 `.md` file(s), none read as a page)".to_string(),
        )]
    );
}

// ---- table layouts ----

#[test]
fn body_rows_of_th_cells_are_rules() {
    let t = table(&[GOOD, GOOD])
        .replace("<td>", "<th>")
        .replace("</td>", "</th>");
    let m = parse_one(page(&t));
    assert_eq!(diags(&m), vec![]);
    assert_eq!(rule_lines(&m), vec![row_line(BODY, 0), row_line(BODY, 1)]);
    // Without <thead>: the first row of <th> is the header, the others rules.
    let t = t.replace("<thead>\n", "\n").replace("</thead>\n", "\n");
    let m = parse_one(page(&t));
    assert_eq!(diags(&m), vec![]);
    assert_eq!(rules(&m), 2);
}

#[test]
fn a_second_header_row_is_reported() {
    let t = table(&[GOOD]).replace(
        "</thead>",
        "<tr><th>Rolle</th><th>Quelle</th><th>Ziel</th><th>Hinweise</th></tr>\n</thead>",
    );
    let m = parse_one(page(&t));
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Warning,
            Code::UnsupportedTableLayout,
            BODY + 8,
            "a second header row (in `<thead>`): not read as a rule",
        )]
    );
    assert_eq!(
        m.diagnostics[0].cell.as_deref(),
        Some("Rolle | Quelle | Ziel | Hinweise")
    );
    assert_eq!(rules(&m), 1);
}

#[test]
fn an_empty_row_is_a_warning() {
    let t = table(&[GOOD]).replace("<tbody>\n", "<tbody>\n<tr></tr>\n");
    let m = parse_one(page(&t));
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Warning,
            Code::MissingCell,
            BODY + 10,
            "empty row (no cells): not a rule",
        )]
    );
    assert_eq!(rule_lines(&m), vec![row_line(BODY, 0) + 1]);
}

const PIPE_HEAD: &str = "| Role/Protocol/TCP or UDP/Port | Source IP address | Destination IP address | Notes |\n|---|---|---|---|\n";

#[test]
fn pipe_tables_in_the_port_layout_are_read() {
    let body = format!(
        "{PIPE_HEAD}| SIP/MTLS/TCP/5061 | Edge Server internal interface | Director | SIP traffic |\n| A/V/RTP/UDP/50,000-59,999 | Any | Edge Server internal interface | media \\| `code` &amp; <b>bold</b> |\n"
    );
    let m = parse_one(page(&body));
    assert_eq!(diags(&m), vec![]);
    let t = &m.pages[0].tables[0];
    assert_eq!(t.line, BODY);
    let typed: Vec<(
        u32,
        Option<Role>,
        Transport,
        PortRange,
        EndpointKind,
        String,
    )> = t
        .rules
        .iter()
        .map(|r| {
            (
                r.line,
                r.role.clone(),
                r.transport,
                r.ports,
                r.source.kind,
                r.note.to_string(),
            )
        })
        .collect();
    assert_eq!(
        typed,
        vec![
            (
                BODY + 2,
                None,
                Transport::Tcp,
                PortRange::single(5061).unwrap(),
                EndpointKind::EdgeInternal,
                "SIP traffic".into()
            ),
            (
                BODY + 3,
                Some(Role::AudioVideo),
                Transport::Udp,
                PortRange::new(50000, 59999).unwrap(),
                EndpointKind::Any,
                "media | code & bold".into()
            ),
        ]
    );
    assert_eq!(t.rules[1].protocols.to_vec(), vec![Protocol::Rtp]);
}

#[test]
fn pipe_tables_report_like_html_tables() {
    // Another layout, as for an HTML table: read by its columns; nothing
    // says what it describes, so a warning says so.
    let m = parse_one(page("| Port | Protocol |\n|---|---|\n| 443 | TCP |\n"));
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Warning,
            Code::UnclassifiedTable,
            BODY,
            "neither the heading nor the columns tell what this table describes",
        )]
    );
    // Neither ports nor a known table: not read, a warning.
    let m = parse_one(page("| Name | Value |\n|---|---|\n| a | b |\n"));
    assert_eq!(
        diags(&m),
        vec![d(
            Severity::Warning,
            Code::UnsupportedTableLayout,
            BODY,
            "table layout `Name | Value` is not a port summary table; not read",
        )]
    );
    // Cells beyond the fourth (dropped by Markdown) and missing cells.
    let body = format!(
        "{PIPE_HEAD}| HTTPS/TCP/443 | Director | Edge Server internal interface | n | extra | more |\n| XMPP/TCP/5269 | Any | Director |\n"
    );
    let m = parse_one(page(&body));
    assert_eq!(
        diags(&m),
        vec![
            d(
                Severity::Warning,
                Code::ExtraCell,
                BODY + 2,
                "row has 6 cells; the cells after the fourth are not read",
            ),
            d(
                Severity::Error,
                Code::MissingCell,
                BODY + 3,
                "row has 3 cell(s); a port row has 4",
            ),
        ]
    );
    assert_eq!(m.diagnostics[0].cell.as_deref(), Some("extra | more"));
    assert_eq!(rules(&m), 1);
}

// ---- port cells ----

#[test]
fn port_cells_say_what_is_wrong() {
    let rows = [
        ["SIP/TCP 50&amp;61", "Director", "Director", "n"],
        ["SIP/TCP/-1", "Director", "Director", "n"],
        ["SIP/TCP/50\u{200D}61", "Director", "Director", "n"],
        [
            "SIP/TCP/12345678901234567890123456",
            "Director",
            "Director",
            "n",
        ],
        ["SIP/TCP/50&#x200B;&#x2060;70", "Director", "Director", "n"],
    ];
    let m = parse_one(page(&table(&rows)));
    let spec = |n| cell_line(BODY, n, 0);
    assert_eq!(
        diags(&m),
        vec![
            d(
                Severity::Error,
                Code::InvalidPort,
                spec(0),
                "`50&61` is not a port or a port range"
            ),
            d(
                Severity::Error,
                Code::InvalidPort,
                spec(1),
                "`-1` is not a port or a port range"
            ),
            d(
                Severity::Info,
                Code::InvisibleCharacter,
                spec(2),
                "invisible U+200D ZERO WIDTH JOINER in the cell: read without it"
            ),
            d(
                Severity::Error,
                Code::InvalidPort,
                spec(3),
                "port 12345678901234567890123456 is out of range 1-65535"
            ),
            d(
                Severity::Info,
                Code::InvisibleCharacter,
                spec(4),
                "invisible U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER in the cell: read without it"
            ),
        ]
    );
    assert_eq!(m.diagnostics[0].cell.as_deref(), Some("SIP/TCP 50&61"));
    let typed: Vec<(u32, Transport, PortRange)> = m
        .rules()
        .map(|r| (r.rule.line, r.rule.transport, r.rule.ports))
        .collect();
    assert_eq!(
        typed,
        vec![
            (
                row_line(BODY, 2),
                Transport::Tcp,
                PortRange::single(5061).unwrap()
            ),
            (
                row_line(BODY, 4),
                Transport::Tcp,
                PortRange::single(5070).unwrap()
            ),
        ]
    );
}

// ---- the command line ----

#[test]
fn cli_prints_every_warning_without_verbose() {
    let t = tempfile::tempdir().unwrap();
    let docs = t.path().join("docs/en-US");
    write(
        &docs.join("commented.md"),
        page(&format!("<!--\n{}-->\n", table(&[GOOD]))).as_bytes(),
    );
    write(
        &docs.join("no-front-matter.md"),
        format!("ms:assetid: x\n\n{}", table(&[GOOD])).as_bytes(),
    );
    write(
        &docs.join("close-in-cell.md"),
        page(&table(&[[GOOD[0], GOOD[1], GOOD[2], "a </table> b"], GOOD])).as_bytes(),
    );
    write(
        &docs.join("cr.md"),
        two_rule_page().replace('\n', "\r").as_bytes(),
    );
    let out = bin()
        .args(["json", "--source-docs", "docs", "-o", "m.json"])
        .current_dir(t.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let compact = compact_stderr(&stderr).join("\n");
    for want in [
        "docs/en-US/close-in-cell.md:23: warning[table_close_in_cell]: `</table>` inside a cell",
        "docs/en-US/commented.md:10: warning[commented_out]: port table (1 row) inside an HTML comment (`<!--` on line 9)",
        "docs/en-US/no-front-matter.md:1: warning[skipped_path]: no `---` front matter at the top, yet the file holds a table (line 3)",
    ] {
        assert!(compact.contains(want), "missing {want:?} in:\n{stderr}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.path().join("m.json")).unwrap()).unwrap();
    let pages: Vec<(&str, usize)> = json["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let rules = p["tables"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["rules"].as_array().unwrap().len())
                .sum();
            (p["path"].as_str().unwrap(), rules)
        })
        .collect();
    assert_eq!(
        pages,
        vec![
            ("docs/en-US/close-in-cell.md", 2),
            ("docs/en-US/commented.md", 0),
            ("docs/en-US/cr.md", 2),
        ]
    );
}

// ---- no panic, bounded work ----

#[test]
fn hostile_markup_is_bounded() {
    let many_closes = format!(
        "<table><tr><th>Role/Protocol/TCP or UDP/Port</th><th>S</th><th>D</th><th>N</th></tr>{}</table>",
        "<tr><td>SIP/TCP/5061</td><td>Director</td><td>Director</td><td>a</table>b</td></tr>\n"
            .repeat(20_000)
    );
    let cases: Vec<(&str, String)> = vec![
        ("closes in cells", many_closes),
        ("open comments", "<table><tr><td><!--".repeat(50_000)),
        ("comment starts", "<!-- <table> ".repeat(50_000)),
        ("unclosed quotes", "<table><tr><td title=\"".repeat(50_000)),
        ("raw text", "<table><textarea></table>".repeat(50_000)),
        (
            "pipes",
            "|a|b|\n|-|-|\n".repeat(20_000) + &"|x|y|z|\n".repeat(20_000),
        ),
        ("nesting", "<table><tr><td>".repeat(20_000)),
        (
            "closed nesting",
            "<table><tr><td>".repeat(2_000) + &"</td></tr></table>".repeat(2_000),
        ),
        (
            "tables with open comments",
            "<table><tr><td><!--</table>\n".repeat(20_000),
        ),
        (
            "lookahead into open comments",
            "<table><tr><td>x</table><!--<tr>\n".repeat(20_000),
        ),
        (
            "wide pipe row",
            format!(
                "|{}\n|{}\n|{}\n",
                "a|".repeat(5_000),
                "-|".repeat(5_000),
                "|".repeat(20_000)
            ),
        ),
    ];
    for (what, body) in cases {
        let started = Instant::now();
        let m = parse_one(page(&body));
        let took = started.elapsed();
        eprintln!("{what}: {took:?} ({} bytes)", body.len());
        // Generous for a debug build on a busy machine; quadratic work on
        // these inputs takes minutes.
        assert!(took < Duration::from_secs(30), "{what}: {took:?}");
        let last_line = body.lines().count() as u32 + BODY;
        assert!(m.diagnostics.iter().all(|d| d.line <= last_line), "{what}");
    }
}

// ---- the real corpus ----

/// The 25 tables of the corpus that are not in the port layout, as the
/// parser reported them before this change (path under the corpus, line).
const OTHER_LAYOUTS: [(&str, u32); 25] = [
    (
        "en-US/determine-external-a-v-firewall-and-port-requirements.md",
        38,
    ),
    (
        "en-US/determine-external-a-v-firewall-and-port-requirements.md",
        77,
    ),
    (
        "en-US/determine-external-a-v-firewall-and-port-requirements.md",
        118,
    ),
    ("en-US/ipsec-exceptions.md", 38),
    ("en-US/planning-for-hybrid-deployments.md", 173),
    ("en-US/planning-for-hybrid-deployments.md", 224),
    ("en-US/ports-and-protocols-for-internal-servers.md", 64),
    ("en-US/ports-and-protocols-for-internal-servers.md", 467),
    ("en-US/ports-and-protocols-for-internal-servers.md", 589),
    ("en-US/ports-and-protocols-for-internal-servers.md", 644),
    (
        "en-US/understanding-firewall-requirements-for-sql-server.md",
        47,
    ),
    (
        "en-US/understanding-firewall-requirements-for-sql-server.md",
        79,
    ),
    (
        "en-US/understanding-firewall-requirements-for-sql-server.md",
        111,
    ),
    (
        "zh-CN/determine-external-a-v-firewall-and-port-requirements.md",
        24,
    ),
    (
        "zh-CN/determine-external-a-v-firewall-and-port-requirements.md",
        61,
    ),
    (
        "zh-CN/determine-external-a-v-firewall-and-port-requirements.md",
        102,
    ),
    ("zh-CN/ipsec-exceptions.md", 24),
    ("zh-CN/planning-for-hybrid-deployments.md", 115),
    ("zh-CN/ports-and-protocols-for-internal-servers.md", 37),
    ("zh-CN/ports-and-protocols-for-internal-servers.md", 439),
    ("zh-CN/ports-and-protocols-for-internal-servers.md", 570),
    ("zh-CN/ports-and-protocols-for-internal-servers.md", 625),
    (
        "zh-CN/understanding-firewall-requirements-for-sql-server.md",
        31,
    ),
    (
        "zh-CN/understanding-firewall-requirements-for-sql-server.md",
        59,
    ),
    (
        "zh-CN/understanding-firewall-requirements-for-sql-server.md",
        87,
    ),
];

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn corpus_parses_as_before() {
    let dir = PathBuf::from(
        std::env::var_os("PORTMATRIX_CORPUS")
            .expect("set PORTMATRIX_CORPUS to the corpus folder (../shared/corpus)"),
    );
    let sources: Vec<Source> = ["en-US", "zh-CN"]
        .iter()
        .map(|l| Source {
            root: dir.join(l),
            display: l.to_string(),
        })
        .collect();
    let m = parse_sources(&sources);
    for locale in ["en-US", "zh-CN"] {
        let n = m
            .rules()
            .filter(|r| r.page.locale == locale && r.table.columns.is_empty())
            .count();
        assert_eq!(n, 237, "{locale}");
    }
    // Nothing unrecognized.
    for r in m.rules() {
        let r = r.rule;
        assert!(!matches!(r.role, Some(Role::Unrecognized(_))), "{}", r.line);
        assert!(
            !r.protocols
                .iter()
                .any(|p| matches!(p, Protocol::Unrecognized(_))),
            "{}",
            r.line
        );
        for e in [&r.source, &r.destination] {
            assert!(
                e.kinds().all(|k| k != EndpointKind::Unrecognized),
                "{}",
                r.line
            );
        }
    }
    // Exactly the diagnostics of before: the 25 other layouts and the four
    // inferred transports; nothing new.
    let short = |p: &str| p.replace("lync-server-2013-", "");
    let warnings: Vec<(String, u32)> = m
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| {
            assert_eq!(d.severity, Severity::Warning, "{d}");
            (format!("{} {}", d.code, short(&d.path)), d.line)
        })
        .collect();
    // Since issue 12 the 25 tables of the other layouts are typed: what is
    // left is the empty protocol cell (Office Web Apps, TCP assumed) and the
    // empty row of each locale.
    let _ = OTHER_LAYOUTS;
    let servers = "ports-and-protocols-for-internal-servers.md";
    let want: Vec<(String, u32)> = vec![
        (format!("empty_protocol en-US/{servers}"), 361),
        (format!("empty_row en-US/{servers}"), 628),
        (format!("empty_protocol zh-CN/{servers}"), 338),
        (format!("empty_row zh-CN/{servers}"), 609),
    ];
    assert_eq!(warnings, want);
    let infos: Vec<(Code, String, u32)> = m
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Info && d.path.contains("port-summary-"))
        .map(|d| (d.code, short(&d.path), d.line))
        .collect();
    let xmpp = "port-summary-extensible-messaging-and-presence-protocol-xmpp-federation.md";
    let sip = "port-summary-sip-xmpp-federation-and-public-instant-messaging.md";
    assert_eq!(
        infos,
        vec![
            (Code::TransportInferred, format!("en-US/{xmpp}"), 68),
            (Code::TransportInferred, format!("en-US/{sip}"), 180),
            (Code::TransportInferred, format!("zh-CN/{xmpp}"), 52),
            (Code::TransportInferred, format!("zh-CN/{sip}"), 151),
        ]
    );
}
