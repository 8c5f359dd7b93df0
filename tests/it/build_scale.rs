//! `portmatrix build` at scale (issue 14): PNGs only with `--png`, made once
//! (the content-addressed cache), a rebuild after an edit rasterizing only
//! the edited page's diagrams, and diagnostics summarized on stderr while
//! `diagnostics.txt` keeps them all.

use std::path::{Path, PathBuf};

use crate::support::{SEED, SEED_STEM, bin, compact_stderr, run_ok, tree};

/// The seed page under a new asset id, its XMPP port set to `port`.
fn page(asset: u32, port: u16) -> String {
    let id = format!("{asset:08x}-0000-4000-8000-000000000000");
    SEED.replace("f7cbd0f1-841d-4116-8d17-e9d991daa4a8", &id)
        .replace("XMPP/TCP/5269", &format!("XMPP/TCP/{port}"))
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs `build` in `dir` with `args`, asserting success; returns stderr.
fn build(dir: &Path, args: &[&str]) -> String {
    let out = run_ok(bin().arg("build").args(args).current_dir(dir));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The `png: …` line of a build's stderr.
fn png_line(stderr: &str) -> &str {
    stderr
        .lines()
        .find(|l| l.starts_with("png: "))
        .unwrap_or_else(|| panic!("no png line in {stderr}"))
}

/// The files under `dir` whose name ends with `ext`, relative, sorted.
fn files_ending(dir: &Path, ext: &str) -> Vec<String> {
    if !dir.is_dir() {
        return Vec::new();
    }
    tree(dir).into_keys().filter(|f| f.ends_with(ext)).collect()
}

fn mtime(p: &Path) -> std::time::SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

fn cjk_font() {
    assert!(
        portmatrix::diagram::png::PngRenderer::new().has_glyph('访'),
        "the PNG tests need a CJK font (fonts-noto-cjk; .ci/run installs it)"
    );
}

#[test]
fn build_without_png_writes_no_png_and_no_cache() {
    let dir = tempfile::tempdir().unwrap();
    let err = build(dir.path(), &["--out", "out"]);
    let out = dir.path().join("out");
    let stem = format!("zh-CN/{SEED_STEM}");
    assert_eq!(
        tree(&out.join("diagrams")).into_keys().collect::<Vec<_>>(),
        [
            format!("{stem}-ports.svg"),
            format!("{stem}-topology.mmd"),
            format!("{stem}-topology.svg")
        ]
    );
    // mdBook's own favicon is the only PNG of the tree.
    let pngs: Vec<String> = files_ending(&out, ".png")
        .into_iter()
        .filter(|f| !f.ends_with("/favicon.png"))
        .collect();
    assert_eq!(pngs, Vec::<String>::new());
    assert!(!out.join(".portmatrix-cache").exists());
    assert!(!err.contains("png: "), "{err}");
    // JSON, schema, diagnostics, findings.json/.txt and three diagram files.
    assert!(err.contains("; 8 file(s) in out ("), "{err}");
}

#[test]
fn png_cache_rasterizes_each_diagram_once_and_an_edit_redraws_one_page() {
    cjk_font();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // c draws exactly what a draws (the asset id is not in the diagrams).
    write(&d.join("docs/zh-CN/a.md"), &page(1, 5269));
    write(&d.join("docs/zh-CN/b.md"), &page(2, 5271));
    write(&d.join("docs/zh-CN/c.md"), &page(3, 5269));
    let args = ["--png", "--source-docs", "docs", "--out", "out"];
    let diagrams = d.join("out/diagrams/zh-CN");
    let cache = d.join("out/.portmatrix-cache/png");
    let pngs: Vec<String> = ["a", "b", "c"]
        .iter()
        .flat_map(|p| [format!("{p}-ports.png"), format!("{p}-topology.png")])
        .collect();

    // Cold: each distinct diagram rasterized once (c's are a's), each a
    // cache entry.
    let err = build(d, &args);
    assert_eq!(
        png_line(&err),
        "png: 4 rasterized, 2 from the cache (out/.portmatrix-cache/png)"
    );
    assert_eq!(files_ending(&diagrams, ".png"), pngs);
    assert_eq!(files_ending(&cache, ".png").len(), 4);
    let first = tree(&diagrams);
    assert_eq!(first["a-topology.png"], first["c-topology.png"]);
    let a_time = mtime(&diagrams.join("a-topology.png"));
    let b_time = mtime(&diagrams.join("b-topology.png"));

    // Nothing changed: nothing rasterized, the same bytes, the same files.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let err = build(d, &args);
    assert_eq!(
        png_line(&err),
        "png: 0 rasterized, 6 from the cache (out/.portmatrix-cache/png)"
    );
    assert_eq!(tree(&diagrams), first);
    assert_eq!(mtime(&diagrams.join("a-topology.png")), a_time);

    // A build without --png writes no PNG but keeps the cache for the next.
    build(d, &["--source-docs", "docs", "--out", "out"]);
    assert_eq!(files_ending(&diagrams, ".png"), Vec::<String>::new());
    assert_eq!(files_ending(&cache, ".png").len(), 4);

    // One page edited: only its two diagrams are rasterized again; the
    // other pages' PNGs are the very files of the first build.
    write(&d.join("docs/zh-CN/b.md"), &page(2, 5270));
    let err = build(d, &args);
    assert_eq!(
        png_line(&err),
        "png: 2 rasterized, 4 from the cache (out/.portmatrix-cache/png)"
    );
    assert_eq!(files_ending(&diagrams, ".png"), pngs);
    assert_eq!(mtime(&diagrams.join("a-topology.png")), a_time);
    assert_ne!(mtime(&diagrams.join("b-topology.png")), b_time);
    let third = tree(&diagrams);
    assert_eq!(third["a-ports.png"], first["a-ports.png"]);
    assert_ne!(third["b-ports.png"], first["b-ports.png"]);
    // The cache holds what the tree uses: b's old entries went with it.
    assert_eq!(files_ending(&cache, ".png").len(), 4);
}

#[test]
fn diagrams_command_makes_pngs_only_with_png() {
    cjk_font();
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("d");
    let err = run_ok(bin().args(["diagrams", "--out"]).arg(&out)).stderr;
    assert_eq!(files_ending(&out, ".png"), Vec::<String>::new());
    assert!(String::from_utf8_lossy(&err).contains("wrote 3 diagram file(s)"));
    let err = run_ok(bin().args(["diagrams", "--png", "--out"]).arg(&out)).stderr;
    let err = String::from_utf8_lossy(&err);
    assert_eq!(
        files_ending(&out.join("zh-CN"), ".png"),
        [
            format!("{SEED_STEM}-ports.png"),
            format!("{SEED_STEM}-topology.png"),
        ]
    );
    assert_eq!(
        files_ending(&out.join(".portmatrix-cache/png"), ".png").len(),
        2
    );
    assert!(err.contains("png: 2 rasterized, 0 from the cache"), "{err}");
    assert!(err.contains("wrote 5 diagram file(s)"), "{err}");
}

/// A seed page with `n` tables that are not port tables: `n` warnings.
fn page_with_other_tables(n: usize) -> String {
    let mut s = SEED.to_string();
    for i in 0..n {
        s.push_str(&format!(
            "\n<table>\n<tr><th>Name {i}</th><th>Value</th></tr>\n<tr><td>a</td><td>b</td></tr>\n</table>\n"
        ));
    }
    s
}

#[test]
fn build_summarizes_many_warnings_and_diagnostics_txt_has_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("docs/zh-CN/many.md"), &page_with_other_tables(12));
    let args = ["--source-docs", "docs", "--out", "out"];
    let err = build(d, &args);
    let lines = compact_stderr(&err);
    let warnings: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("warning[unsupported_table_layout]"))
        .collect();
    // The first ten in full, in page order; then the count by code.
    assert_eq!(warnings.len(), 10, "{err}");
    assert!(warnings[0].contains("`Name 0 | Value`"), "{err}");
    assert!(warnings[9].contains("`Name 9 | Value`"), "{err}");
    assert!(
        err.contains(
            "note: 2 more warning(s) not shown (-v shows every diagnostic); \
             all 12 diagnostic(s) are in out/diagnostics.txt:\n  \
             unsupported_table_layout: 12 warning(s)\n"
        ),
        "{err}"
    );
    let txt = std::fs::read_to_string(d.join("out/diagnostics.txt")).unwrap();
    let listed: Vec<&str> = txt
        .lines()
        .filter(|l| l.contains("warning[unsupported_table_layout]"))
        .collect();
    assert_eq!(listed.len(), 12, "{txt}");
    assert!(listed[11].starts_with("docs/zh-CN/many.md:"), "{txt}");
    assert!(listed[11].contains("`Name 11 | Value`"), "{txt}");

    // -v prints every one and no summary; -q none of them.
    let err = build(d, &["-v", "--source-docs", "docs", "--out", "out"]);
    let shown = compact_stderr(&err)
        .iter()
        .filter(|l| l.contains("warning[unsupported_table_layout]"))
        .count();
    assert_eq!(shown, 12, "{err}");
    assert!(!err.contains("not shown"), "{err}");
    let err = build(d, &["-q", "--source-docs", "docs", "--out", "out"]);
    assert!(!err.contains("unsupported_table_layout"), "{err}");
}

/// Not a terminal (a test's pipe): the progress display draws nothing, no
/// escape codes, no carriage returns.
#[test]
fn build_progress_is_silent_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let err = build(dir.path(), &["--out", "out"]);
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    assert!(!err.contains("[1/5]"), "{err}");
}
