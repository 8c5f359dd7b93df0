//! Bad input: each defect gives one clear diagnostic with file and line, the
//! CLI exits 2 and writes nothing, and nothing panics.

use std::path::Path;

use portmatrix::{Code, Severity};

use crate::support::{SEED, SEED_FILE, bin, compact_stderr};

/// The seed with its line `line` (1-based) replaced by `f(line)`.
fn edit_line(line: usize, f: impl Fn(&str) -> String) -> Vec<u8> {
    let mut out = String::new();
    for (i, l) in SEED.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            out.push_str(&f(l));
        } else {
            out.push_str(l);
        }
    }
    out.into_bytes()
}

/// Parses the bytes as a page and returns its errors as (code, line, cell).
fn errors(bytes: &[u8]) -> Vec<(Code, u32, Option<String>)> {
    let (_, diags) = portmatrix::parse::parse_page("docs/zh-CN/page.md", bytes, Some("zh-CN"));
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.line, d.cell.as_deref().map(str::to_string)))
        .collect()
}

/// Runs `portmatrix build` on a tree holding only this page; returns the exit
/// code, stderr, and whether the output directory was created.
fn cli(bytes: &[u8]) -> (i32, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs/zh-CN");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join(SEED_FILE), bytes).unwrap();
    let out = dir.path().join("out");
    let o = bin()
        .args(["build", "--source-docs"])
        .arg(dir.path().join("docs"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        Path::new(&out).exists(),
    )
}

fn assert_cli_fails(bytes: &[u8], code: Code, line: u32) {
    let (status, stderr, wrote) = cli(bytes);
    assert_eq!(status, 2, "{stderr}");
    assert!(!wrote, "output written despite errors");
    let want = if line > 0 {
        format!("{SEED_FILE}:{line}: error[{code}]")
    } else {
        format!("{SEED_FILE}: error[{code}]")
    };
    assert!(
        compact_stderr(&stderr).iter().any(|l| l.contains(&want)),
        "missing `{want}` in:\n{stderr}"
    );
}

/// Asserts that the page has exactly this one error and that the CLI
/// fails on it.
fn assert_one_error(bytes: &[u8], code: Code, line: u32, cell: Option<&str>) {
    assert_eq!(errors(bytes), vec![(code, line, cell.map(str::to_string))]);
    assert_cli_fails(bytes, code, line);
}

#[test]
fn the_seed_itself_is_clean() {
    assert_eq!(errors(SEED.as_bytes()), vec![]);
    assert_eq!(cli(SEED.as_bytes()).0, 0);
}

#[test]
fn row_missing_a_cell() {
    // Line 78 is the notes cell of the row that starts on line 74.
    let bytes = edit_line(78, |_| String::new());
    assert_one_error(
        &bytes,
        Code::MissingCell,
        74,
        Some("访问/SIP(TLS)/TCP/443 | 任意 | 边缘服务器访问边缘服务公用 IP 地址"),
    );
}

#[test]
fn port_out_of_range() {
    let bytes = edit_line(75, |l| l.replace("/443", "/99999"));
    assert_one_error(
        &bytes,
        Code::InvalidPort,
        75,
        Some("访问/SIP(TLS)/TCP/99999"),
    );
}

#[test]
fn reversed_range() {
    let bytes = edit_line(99, |l| l.replace("50,000-59,999", "59999-50000"));
    assert_one_error(
        &bytes,
        Code::ReversedRange,
        99,
        Some("A/V/RTP/TCP/59999-50000"),
    );
}

#[test]
fn unknown_transport() {
    let bytes = edit_line(51, |l| l.replace("XMPP/TCP/5269", "SCTP/5061"));
    assert_one_error(&bytes, Code::UnknownTransport, 51, Some("SCTP/5061"));
    let (_, diags) = portmatrix::parse::parse_page("p.md", &bytes, None);
    let d = diags
        .iter()
        .find(|d| d.code == Code::UnknownTransport)
        .unwrap();
    assert_eq!(d.expected.as_deref(), Some("TCP or UDP before the port"));
}

#[test]
fn not_utf8() {
    let mut bytes = SEED.as_bytes().to_vec();
    let line5 = SEED.match_indices('\n').nth(3).unwrap().0 + 1;
    bytes.insert(line5 + 3, 0xFF);
    assert_one_error(&bytes, Code::NotUtf8, 5, None);
}

#[test]
fn empty_file() {
    assert_one_error(b"", Code::EmptyFile, 0, None);
    assert_eq!(errors(b"\n \n"), vec![(Code::EmptyFile, 0, None)]);
}

#[test]
fn crlf_and_bom_give_the_same_rules() {
    let crlf = SEED.replace('\n', "\r\n");
    let bom = format!("\u{FEFF}{SEED}");
    let (a, _) = portmatrix::parse::parse_page("p.md", SEED.as_bytes(), None);
    let (b, _) = portmatrix::parse::parse_page("p.md", crlf.as_bytes(), None);
    let (c, _) = portmatrix::parse::parse_page("p.md", bom.as_bytes(), None);
    let typed = |p: &portmatrix::model::Page| -> Vec<(u32, String)> {
        p.tables
            .iter()
            .flat_map(|t| t.rules.iter().map(|r| (r.line, format!("{:?}", r.typed()))))
            .collect()
    };
    let (a, b, c) = (a.unwrap(), b.unwrap(), c.unwrap());
    assert_eq!(typed(&a).len(), 37);
    assert_eq!(typed(&a), typed(&b));
    assert_eq!(typed(&a), typed(&c));
}

/// `--color always` colors the diagnostics, `never` and a pipe (auto) do
/// not; the text is the same rustc-style snippet either way.
#[test]
fn color_follows_the_flag() {
    let bad = SEED.replacen("TCP/443</p>", "TCP/99999</p>", 1);
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("docs/zh-CN").join(SEED_FILE);
    std::fs::create_dir_all(page.parent().unwrap()).unwrap();
    std::fs::write(&page, bad).unwrap();
    let run = |color: &str| {
        let o = bin()
            .args(["json", "--source-docs"])
            .arg(dir.path().join("docs"))
            .args(["--color", color])
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let always = run("always");
    let never = run("never");
    let auto = run("auto");
    assert!(always.contains("\u{1b}["), "{always}");
    assert!(!never.contains('\u{1b}'), "{never}");
    assert_eq!(auto, never, "stderr is a pipe: no color");
    assert!(
        never.starts_with("error[invalid_port]: port 99999 is out of range\n"),
        "{never}"
    );
}

/// A tree with no page (the wrong folder) is a warning naming the tree, not
/// a silent empty output; the other trees are still read.
#[test]
fn a_tree_without_pages_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let wrong = dir.path().join("wrong");
    std::fs::create_dir_all(&wrong).unwrap();
    std::fs::write(wrong.join("README.md"), "# notes\n").unwrap();
    let docs = dir.path().join("docs/zh-CN");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join(SEED_FILE), SEED).unwrap();
    let m = portmatrix::parse::parse_sources(&[
        portmatrix::parse::Source::new(&wrong),
        portmatrix::parse::Source::new(dir.path().join("docs")),
    ]);
    assert_eq!(m.pages.len(), 1);
    let no_pages: Vec<_> = m
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::NoPages)
        .map(|d| (d.severity, d.line, d.message.to_string()))
        .collect();
    assert_eq!(
        no_pages,
        vec![(
            Severity::Warning,
            0,
            "no docs page in this tree (1 `.md` file(s), none read as a page)".to_string()
        )]
    );
    let d = m
        .diagnostics
        .iter()
        .find(|d| d.code == Code::NoPages)
        .unwrap();
    // Named as the tree names its pages (its folder's name); the CLI
    // prints it as it was typed.
    assert_eq!(d.path.as_ref(), "wrong");
    // The CLI says it and still succeeds: a warning, not an error.
    let o = bin()
        .args(["json", "--source-docs"])
        .arg(&wrong)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("warning[no_pages]: no docs page in this tree"),
        "{stderr}"
    );
}
