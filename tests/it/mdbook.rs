//! The mdBook preprocessor (`portmatrix mdbook`, `mdbook-portmatrix`):
//! `examples/mdbook/` built end to end by mdBook as a library, which runs
//! the preprocessor as an external command exactly as `mdbook build` does;
//! the HTML read back (rows, inline SVG, findings) and, when Chromium is
//! installed, opened in it; bad directives failing the build with the
//! chapter and line; the protocol fed by hand; hostile page text kept
//! inert.
#![cfg(feature = "mdbook")]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use mdbook_driver::MDBook;
use mdbook_preprocessor::PreprocessorContext;
use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::config::Config;
use portmatrix::firewall::query::Filter;
use portmatrix::model::{Direction, TableKind};
use scraper::{ElementRef, Html, Selector};

use crate::support::browser::{Chromium, assert_no_script_ran};
use crate::support::mdbook::{PLUGIN, book_over_page, build};
use crate::support::{SEED, SEED_FILE, SEED_STEM, bin, read};

/// The example book.
const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mdbook");
/// The deployment file it names (`../deployment.toml`).
const DEPLOYMENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/deployment.toml");
/// The seed page's asset id.
const SEED_ID: &str = "f7cbd0f1-841d-4116-8d17-e9d991daa4a8";
/// The window of the screenshots.
const SHOT: (u32, u32) = (1280, 2000);
/// Set for the child process of [`child_build`]: the book to build.
const CHILD_VAR: &str = "PORTMATRIX_MDBOOK_CHILD_BOOK";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text_of(el: ElementRef<'_>) -> String {
    el.text().collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            if e.file_name() != "book" {
                copy_dir(&src, &dst);
            }
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// A copy of `examples/mdbook` (as `<tmp>/mdbook`, the deployment file
/// beside it as in `examples/`): the temporary folder and the book's root.
fn example_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("mdbook");
    copy_dir(Path::new(EXAMPLE), &root);
    std::fs::copy(DEPLOYMENT, tmp.path().join("deployment.toml")).unwrap();
    (tmp, root)
}

/// Builds the book at `root` in a child process (this test binary running
/// [`child_build`]) whose PATH starts with the folder of
/// `mdbook-portmatrix`, with book.toml as it is: no `command`, as a team
/// that installed the binary has it. Returns the child's output: the
/// preprocessor's standard error is in it.
fn build_in_child(root: &Path) -> Output {
    let dir = Path::new(PLUGIN).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "mdbook::child_build", "--test-threads=1"])
        .env(CHILD_VAR, root)
        .env("PATH", path)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// The child of [`build_in_child`]: `MDBook::load(book).build()`. Does
/// nothing in a normal run.
#[test]
fn child_build() {
    let Some(root) = std::env::var_os(CHILD_VAR) else {
        return;
    };
    let book = MDBook::load(PathBuf::from(root)).unwrap_or_else(|e| panic!("{e:#}"));
    if let Err(e) = book.build() {
        panic!("mdbook build failed: {e:#}");
    }
}

/// A chapter of the built book.
fn chapter(root: &Path, name: &str) -> Html {
    Html::parse_document(&read(&root.join("book").join(format!("{name}.html"))))
}

/// The body rows of each table of a chapter's content, as cell texts.
fn tables(html: &Html) -> Vec<Vec<Vec<String>>> {
    html.select(&sel("main table"))
        .map(|t| {
            t.select(&sel("tbody tr"))
                .map(|tr| tr.select(&sel("td")).map(text_of).collect())
                .collect()
        })
        .collect()
}

/// Asserts that no `{{#portmatrix` is left in the chapter but in code.
fn assert_no_raw_directive(html: &Html, what: &str) {
    for node in html.root_element().descendants() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        if t.contains("{{#portmatrix") {
            let in_code = node
                .ancestors()
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "code"));
            assert!(in_code, "{what}: a raw directive outside code: {}", &**t);
        }
    }
}

/// The number of rules of the seed page that `f` keeps, table by table.
fn seed_rows(kind: TableKind, direction: Option<Direction>) -> Vec<usize> {
    let f = Filter {
        page: Some(SEED_ID.into()),
        kind: Some(kind),
        direction,
        ..Filter::default()
    };
    let m = portmatrix::embedded();
    m.pages[0]
        .tables
        .iter()
        .filter(|t| t.kind == kind)
        .map(|t| {
            m.rules()
                .filter(|r| std::ptr::eq(r.table, t) && f.matches(r))
                .count()
        })
        .collect()
}

/// The number of rules of the embedded pages that `f` keeps, per run of
/// rules of one table.
fn query_rows(f: &Filter) -> Vec<usize> {
    let hits: Vec<_> = portmatrix::embedded()
        .rules()
        .filter(|r| f.matches(r))
        .collect();
    hits.chunk_by(|a, b| std::ptr::eq(a.table, b.table))
        .map(<[_]>::len)
        .collect()
}

#[test]
fn example_book_builds_with_tables_diagrams_queries_and_findings() {
    let (_tmp, root) = example_copy();
    build(&root).unwrap();

    // Tables: one per page table of the kind, each with the page's rows,
    // names in the book's language (zh-CN) and the deployment's addresses.
    let edge = chapter(&root, "edge");
    assert_no_raw_directive(&edge, "edge");
    let got: Vec<usize> = tables(&edge).iter().map(Vec::len).collect();
    let want: Vec<usize> = [
        seed_rows(TableKind::ExternalInterface, Some(Direction::Inbound)),
        seed_rows(TableKind::Xmpp, None),
        seed_rows(TableKind::Federation, None),
    ]
    .concat();
    assert_eq!(got, want);
    assert_eq!(
        want.len(),
        4,
        "two external-interface tables, XMPP, federation"
    );
    assert!(want.iter().all(|n| *n > 0), "{want:?}");
    let heads: Vec<String> = edge
        .select(&sel("main table"))
        .next()
        .unwrap()
        .select(&sel("thead th"))
        .map(text_of)
        .collect();
    assert_eq!(heads, ["方向", "角色", "端口 / 协议", "源", "目标", "注释"]);
    let sip = tables(&edge)[0]
        .iter()
        .find(|r| r[2] == "TCP\u{a0}443SIP/TLS")
        .cloned()
        .expect("the Access Edge SIP/TLS 443 row");
    // Each end with the deployment's addresses under it.
    let access_edge = [
        "访问边缘服务公用 IP 地址",
        "203.0.113.10",
        "203.0.113.11",
        "2001:db8:100::10",
        "2001:db8:100::11",
    ];
    assert_eq!(
        sip,
        [
            "入站",
            "访问",
            "TCP\u{a0}443SIP/TLS",
            "任意any",
            &access_edge.concat(),
            "外部用户访问的客户端到服务器的 SIP 通信"
        ]
    );
    let sip_row = edge
        .select(&sel("main table tbody tr"))
        .find(|tr| text_of(tr.select(&sel("td:nth-child(3)")).next().unwrap()) == sip[2])
        .unwrap();
    let codes: Vec<String> = sip_row
        .select(&sel("td:nth-child(5) code"))
        .map(text_of)
        .collect();
    assert_eq!(codes, access_edge[1..]);
    // The federation table stays in its blockquote.
    assert_eq!(edge.select(&sel("main blockquote table")).count(), 1);

    // Diagrams: inline SVG in a figure, ids unique on the page.
    let diagrams = chapter(&root, "diagrams");
    assert_no_raw_directive(&diagrams, "diagrams");
    let svgs: Vec<ElementRef> = diagrams.select(&sel("main figure svg")).collect();
    assert_eq!(svgs.len(), 2);
    assert!(text_of(svgs[0]).contains("访问边缘服务"), "topology labels");
    assert!(text_of(svgs[0]).contains("TCP 5061 SIP/MTLS"));
    assert!(svgs[0].select(&sel("path.arrow")).count() > 10);
    assert!(text_of(svgs[1]).contains("端口图"), "port map title");
    let mut ids: Vec<&str> = diagrams
        .select(&sel("main [id]"))
        .map(|e| e.value().attr("id").unwrap())
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids");
    let captions: Vec<String> = diagrams
        .select(&sel("main figcaption"))
        .map(text_of)
        .collect();
    assert!(captions[0].starts_with("拓扑图 — Lync Server 2013"));
    assert!(captions[1].starts_with("端口图 — "));

    // Queries: a table per table of the page the rules are in.
    let queries = chapter(&root, "queries");
    assert_no_raw_directive(&queries, "queries");
    let on_443 = Filter {
        port: Some(443),
        transport: Some(portmatrix::model::Transport::Tcp),
        ..Filter::default()
    };
    let av = Filter {
        role: Some(portmatrix::model::Role::AudioVideo),
        to: Some(portmatrix::model::EndpointKind::AvEdge),
        ..Filter::default()
    };
    let t = tables(&queries);
    let got: Vec<usize> = t.iter().map(Vec::len).collect();
    assert_eq!(got, [query_rows(&on_443), query_rows(&av)].concat());
    assert!(got.len() >= 3, "{got:?}");
    let first = query_rows(&on_443).len();
    assert!(
        t[..first]
            .iter()
            .flatten()
            .all(|r| r.iter().any(|c| c.starts_with("TCP\u{a0}443"))),
        "{t:?}"
    );
    let captions: Vec<String> = queries.select(&sel("main p")).map(text_of).collect();
    assert!(
        captions.contains(&format!(
            "外部接口 — {}",
            portmatrix::embedded().pages[0].title
        )),
        "{captions:?}"
    );

    // Findings: the seed's known ones, with their lines.
    let checks = chapter(&root, "checks");
    let rows = &tables(&checks)[0];
    let findings = portmatrix::check::run(portmatrix::embedded());
    assert_eq!(rows.len(), findings.len());
    let xmpp = rows
        .iter()
        .find(|r| r[1] == "summary_flow_not_opened")
        .expect("the XMPP finding");
    assert_eq!((xmpp[0].as_str(), xmpp[2].as_str()), ("错误", "351"));
    assert!(xmpp[3].contains("the XMPP table needs XMPP TCP 5269"));

    // The directives shown as code in the introduction stay code.
    let intro = chapter(&root, "index");
    let code: String = intro.select(&sel("main pre code")).map(text_of).collect();
    assert!(code.contains("{{#portmatrix table f7cbd0f1"), "{code}");
    assert_no_raw_directive(&intro, "intro");
    assert_eq!(intro.select(&sel("main table")).count(), 0);
}

#[test]
fn book_toml_without_command_runs_mdbook_portmatrix_from_path() {
    let (_tmp, root) = example_copy();
    let config = Config::from_disk(root.join("book.toml")).unwrap();
    assert!(
        config.contains_key("preprocessor.portmatrix")
            && !config.contains_key("preprocessor.portmatrix.command"),
        "the example has [preprocessor.portmatrix] and no command line"
    );
    let out = build_in_child(&root);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 passed"),
        "the child ran the build"
    );
    let edge = chapter(&root, "edge");
    assert!(!tables(&edge).is_empty());
}

/// A chapter of bad directives (and good ones around them).
const BAD_CHAPTER: &str = "# Bad

{{#portmatrix tabel f7cbd0f1-841d-4116-8d17-e9d991daa4a8}}

{{#portmatrix table no-such-page}}

`{{#portmatrix table not-read-in-code}}`

{{#portmatrix table f7cbd0f1-841d-4116-8d17-e9d991daa4a8 kind=dmz}}

{{#portmatrix query port=443 transport=sctp}}

Text then {{#portmatrix query port=443}}
";

#[test]
fn bad_directives_fail_the_build_naming_chapter_line_and_expected() {
    let (_tmp, root) = example_copy();
    std::fs::write(root.join("src/bad.md"), BAD_CHAPTER).unwrap();
    let summary = read(&root.join("src/SUMMARY.md"));
    std::fs::write(
        root.join("src/SUMMARY.md"),
        format!("{summary}- [Bad](bad.md)\n"),
    )
    .unwrap();
    // As a user sees it under `mdbook build`: mdBook stops with the
    // preprocessor's failure, whose messages are on standard error.
    let out = build_in_child(&root);
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("mdbook build failed: The \"portmatrix\" preprocessor exited unsuccessfully with exit status: 2"),
        "{stdout}"
    );
    assert!(!root.join("book/bad.html").exists());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for want in [
        "src/bad.md:3: error: unknown directive `tabel`\n  in: {{#portmatrix tabel f7cbd0f1-841d-4116-8d17-e9d991daa4a8}}\n  expected: table, diagram, query, findings",
        &format!(
            "src/bad.md:5: error: no page `no-such-page` in the sources\n  in: {{{{#portmatrix table no-such-page}}}}\n  expected: {SEED_STEM}"
        ),
        "src/bad.md:9: error: unknown kind `dmz`",
        "\n  expected one of:\n    external_interface\n    internal_interface\n    external_virtual_ips\n",
        "src/bad.md:11: error: unknown transport `sctp`\n  in: {{#portmatrix query port=443 transport=sctp}}\n  expected: tcp, udp",
        "src/bad.md:13: error: the directive renders a block and must stand alone on its line",
        "error: 5 {{#portmatrix}} directive(s) cannot be rendered",
    ] {
        assert!(stderr.contains(want), "missing {want:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("not-read-in-code"), "{stderr}");
}

/// mdBook's `[context, book]` for a book at `root` with `book_toml` and the
/// chapters (file, content), as mdBook writes it to a preprocessor.
fn protocol_input(root: &Path, book_toml: &str, chapters: &[(&str, &str)]) -> Vec<u8> {
    let config: Config = book_toml.parse().unwrap();
    let ctx = PreprocessorContext::new(root.to_path_buf(), config, "html".to_string());
    let mut book = Book::new();
    for (file, content) in chapters {
        book.push_item(Chapter::new(file, content.to_string(), file, Vec::new()));
    }
    serde_json::to_vec(&(&ctx, &book)).unwrap()
}

/// Runs `cmd` with `input` on standard input.
fn run_with_input(mut cmd: Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn portmatrix_mdbook() -> Command {
    let mut c = bin();
    c.arg("mdbook");
    c
}

/// The chapters' contents of the book JSON a preprocessor wrote.
fn chapters_of(stdout: &[u8]) -> Vec<String> {
    let book: Book = serde_json::from_slice(stdout).expect("the output is a book");
    book.iter()
        .filter_map(|i| match i {
            BookItem::Chapter(c) => Some(c.content.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn protocol_supports_and_book_json_on_stdin_and_stdout() {
    for (cmd, args) in [
        (PLUGIN, vec!["supports"]),
        (env!("CARGO_BIN_EXE_portmatrix"), vec!["mdbook", "supports"]),
    ] {
        for (renderer, ok) in [("html", true), ("markdown", true), ("latex", false)] {
            let st = Command::new(cmd)
                .args(&args)
                .arg(renderer)
                .status()
                .unwrap();
            assert_eq!(st.success(), ok, "{cmd} {args:?} {renderer}");
        }
    }

    let root = tempfile::tempdir().unwrap();
    let chapter = format!(
        "# Ports\n\n{{{{#portmatrix table {SEED_STEM} kind=xmpp}}}}\n\n```\n{{{{#portmatrix table x}}}}\n```\n"
    );
    let input = protocol_input(
        root.path(),
        "[book]\nlanguage = \"en\"\n[preprocessor.portmatrix]\n",
        &[("ports.md", &chapter)],
    );
    let out = run_with_input(portmatrix_mdbook(), &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xmpp_rows = seed_rows(TableKind::Xmpp, None)[0];
    let content = &chapters_of(&out.stdout)[0];
    // English names (language = "en"; the page's own text stays Chinese),
    // a plain Markdown table, the code block untouched.
    let want_head = "# Ports\n\n\n**XMPP** — ";
    assert!(content.starts_with(want_head), "{content}");
    assert!(content.contains(
        "\n\n| Direction | Port / protocol | Source | Destination | Note |\n| --- | --- | --- | --- | --- |\n| inbound | TCP&#160;5269<br>XMPP | Any | Access Edge service interface IP address | "
    ), "{content}");
    assert_eq!(content.matches("\n| ").count(), xmpp_rows + 2);
    assert!(
        content.ends_with("\n```\n{{#portmatrix table x}}\n```\n"),
        "{content}"
    );

    // The same through mdbook-portmatrix.
    let again = run_with_input(Command::new(PLUGIN), &input);
    assert!(again.status.success());
    assert_eq!(chapters_of(&again.stdout), chapters_of(&out.stdout));

    // Not mdBook's input: status 1, a message, nothing on stdout.
    let bad = run_with_input(portmatrix_mdbook(), b"{\"not\": \"a book\"}");
    assert_eq!(bad.status.code(), Some(1));
    assert!(bad.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .starts_with("error: standard input is not mdBook's [context, book] JSON")
    );
}

#[test]
fn protocol_errors_go_to_stderr_with_status_2() {
    let root = tempfile::tempdir().unwrap();
    let input = protocol_input(
        root.path(),
        "[preprocessor.portmatrix]\nfail_on = \"error\"\n",
        &[("a.md", "x\n")],
    );
    let out = run_with_input(portmatrix_mdbook(), &input);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: book.toml [preprocessor.portmatrix]:")
            && stderr.contains("unknown field `fail_on`")
            && stderr.contains("`fail-on`"),
        "{stderr}"
    );

    let input = protocol_input(
        root.path(),
        "[preprocessor.portmatrix]\ndeployment = \"nope.toml\"\n",
        &[("a.md", "x\n")],
    );
    let out = run_with_input(portmatrix_mdbook(), &input);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .starts_with("nope.toml: error: cannot read the deployment file")
    );

    let chapter = "# Q\n\n{{#portmatrix query page=nope}}\n\n{{#portmatrix diagram x}}\n\n{{#portmatrix findings}}\n";
    let input = protocol_input(root.path(), "", &[("sub/q.md", chapter)]);
    let out = run_with_input(portmatrix_mdbook(), &input);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        format!(
            "src/sub/q.md:3: error: no page `nope` in the sources\n  in: {{{{#portmatrix query page=nope}}}}\n  expected: {SEED_STEM}\n\
             src/sub/q.md:5: error: `diagram` needs the diagram to draw\n  in: {{{{#portmatrix diagram x}}}}\n  expected: topology, ports\n\
             src/sub/q.md:7: error: `findings` needs a page (its asset id or slug)\n  in: {{{{#portmatrix findings}}}}\n  expected: {SEED_STEM}\n\
             error: 3 {{{{#portmatrix}}}} directive(s) cannot be rendered\n"
        )
    );
}

#[test]
fn fail_on_error_fails_on_a_shown_page_with_an_error_finding() {
    let root = tempfile::tempdir().unwrap();
    let chapter = format!("# T\n\n{{{{#portmatrix diagram {SEED_ID} ports}}}}\n");
    let toml = "[preprocessor.portmatrix]\nfail-on = \"error\"\n";
    let out = run_with_input(
        portmatrix_mdbook(),
        &protocol_input(root.path(), toml, &[("t.md", &chapter)]),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let path = format!("source-docs/zh-CN/{SEED_FILE}");
    assert!(
        stderr.contains(&format!(
            "{path}:351: error: error[summary_flow_not_opened] (fail-on = \"error\"): the XMPP table needs"
        )) && stderr.contains("\n  shown at: src/t.md:3\n")
            && stderr.ends_with("error: 1 check finding(s) on pages the book shows\n"),
        "{stderr}"
    );
    // A query that shows nothing of the page does not fail; it warns that
    // it matches nothing.
    let chapter = "# T\n\n{{#portmatrix query port=1}}\n";
    let out = run_with_input(
        portmatrix_mdbook(),
        &protocol_input(root.path(), toml, &[("t.md", chapter)]),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "warning: src/t.md:3: the query matches no rule\n  in: {{#portmatrix query port=1}}\n"
    );
    assert_eq!(
        chapters_of(&out.stdout)[0],
        "# T\n\n\n*No rule matches.*\n\n"
    );
}

/// The hostile text put in a note cell of the seed (as HTML entities, so
/// that the parser reads it as text) and in its title.
const HOSTILE_NOTE: &str = "&lt;script&gt;document.documentElement.setAttribute('data-pwned','script')&lt;/script&gt; | `tick` {{#include /etc/passwd}} [x](javascript:document.documentElement.setAttribute('data-pwned','link')) &lt;img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\"&gt; **bold** &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;";
const HOSTILE_TITLE: &str =
    "Edge <img src=x onerror=alert(1)> {{#include /etc/passwd}} | `x` [y](javascript:alert(1))";

/// The decoded note, as the reader must see it.
fn hostile_note_text() -> String {
    HOSTILE_NOTE.replace("&lt;", "<").replace("&gt;", ">")
}

/// A book over a seed page with hostile text, every directive kind on it;
/// returns the temporary folder and the book's root.
fn hostile_book() -> (tempfile::TempDir, PathBuf) {
    let note = "<td><p>外部用户访问的客户端到服务器的 SIP 通信</p></td>";
    assert!(SEED.contains(note));
    let page = SEED
        .replacen(note, &format!("<td><p>{HOSTILE_NOTE}</p></td>"), 1)
        .replacen(
            "title: Lync Server 2013：端口摘要",
            &format!("title: {HOSTILE_TITLE}"),
            1,
        );
    book_over_page(
        &page,
        "Hostile",
        "hostile",
        &format!(
            "# Hostile\n\n{{{{#portmatrix table {SEED_ID} kind=external_interface}}}}\n\n{{{{#portmatrix query port=443 transport=tcp}}}}\n\n{{{{#portmatrix diagram {SEED_ID} topology}}}}\n\n{{{{#portmatrix diagram {SEED_ID} ports}}}}\n\n{{{{#portmatrix findings {SEED_ID}}}}}\n"
        ),
    )
}

/// Asserts that the poison made no element and no link in a chapter.
fn assert_inert(html: &Html, what: &str) {
    assert_no_script_ran(html, what);
    for bad in ["main script", "main img", "main iframe"] {
        assert_eq!(html.select(&sel(bad)).count(), 0, "{what}: {bad}");
    }
    // No Markdown of the poison was read: `**bold**`, `` `tick` ``.
    for (el, text) in [("strong", "bold"), ("code", "tick"), ("code", "x")] {
        assert!(
            html.select(&sel(&format!("main {el}")))
                .all(|e| text_of(e) != text),
            "{what}: <{el}>{text}"
        );
    }
}

#[test]
fn hostile_page_text_stays_text() {
    let (_tmp, root) = hostile_book();
    build(&root).unwrap();
    let html_text = read(&root.join("book/hostile.html"));
    assert!(!html_text.contains("root:x:0"), "/etc/passwd was included");
    let html = Html::parse_document(&html_text);
    assert_inert(&html, "hostile");
    assert_no_raw_directive(&html, "hostile");
    // The note reads as written, in its own cell of the right row.
    let note = hostile_note_text();
    let t = tables(&html);
    let cells: Vec<&Vec<String>> = t
        .iter()
        .flatten()
        .filter(|r| r.iter().any(|c| c == &note))
        .collect();
    assert_eq!(cells.len(), 2, "the table and the query show the row");
    assert!(cells.iter().all(|r| r.len() == 6), "{cells:?}");
    // The title, in the query's caption and the diagrams.
    let title = format!("{HOSTILE_TITLE} - 扩展的合并边缘");
    let paragraphs: Vec<String> = html.select(&sel("main p")).map(text_of).collect();
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with(&format!("外部接口 — {title}"))),
        "{paragraphs:?}"
    );
    let captions: Vec<String> = html.select(&sel("main figcaption")).map(text_of).collect();
    assert_eq!(captions.len(), 2);
    assert!(captions.iter().all(|c| c.contains(&title)), "{captions:?}");
    let svg_titles: Vec<String> = html.select(&sel("main svg title")).map(text_of).collect();
    assert!(
        svg_titles.iter().any(|t| t.starts_with(&title)),
        "{svg_titles:?}"
    );
    // With a Chromium at hand: nothing runs.
    if let Some(chromium) = Chromium::find() {
        let page = root.join("book/hostile.html");
        assert_inert(&chromium.dump_dom(&page), "hostile, in Chromium");
        chromium.screenshot(&page, &screenshots_dir().join("hostile.png"), SHOT);
    }
}

/// Where the screenshots go (kept after the run, to look at).
fn screenshots_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mdbook_browser");
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn example_book_in_chromium() {
    let Some(chromium) = Chromium::find() else {
        return;
    };
    let (_tmp, root) = example_copy();
    build(&root).unwrap();
    let shots = screenshots_dir();
    for name in ["edge", "diagrams", "queries", "checks"] {
        let page = root.join("book").join(format!("{name}.html"));
        let dom = chromium.dump_dom(&page);
        assert_no_raw_directive(&dom, name);
        match name {
            "diagrams" => assert_eq!(dom.select(&sel("main figure svg")).count(), 2),
            _ => assert!(!tables(&dom).is_empty(), "{name}: no table"),
        }
        chromium.screenshot(&page, &shots.join(format!("{name}.png")), SHOT);
    }
}
