//! What the test modules share: where the inputs are (the seed page, the
//! real corpus, its other editions), the `portmatrix` binary, output
//! trees read back, and books built and opened in a browser.

#[cfg(all(feature = "book", feature = "parse"))]
pub mod book;
#[cfg(any(all(feature = "book", feature = "parse"), feature = "mdbook"))]
pub mod browser;
pub mod check;
pub mod layouts;
#[cfg(feature = "mdbook")]
pub mod mdbook;
#[cfg(feature = "diagrams")]
pub mod svg;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use portmatrix::model::{Matrix, Page};
use portmatrix::parse::{Source, parse_sources};

/// The seed page's file name without `.md`: written once, here.
macro_rules! seed_stem {
    () => {
        "lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-public-ip-addresses"
    };
}

/// The seed page (`source-docs/zh-CN/`, the embedded default): its file
/// name without `.md` (the books' chapter and the diagrams' file stem).
pub const SEED_STEM: &str = seed_stem!();
/// The seed page's file name.
pub const SEED_FILE: &str = concat!(seed_stem!(), ".md");
/// The seed page's text.
pub const SEED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/source-docs/zh-CN/",
    seed_stem!(),
    ".md"
));

/// Names the real corpus folder.
const CORPUS_VAR: &str = "PORTMATRIX_CORPUS";
/// Names the folder of the corpus pages' other editions.
const EDITIONS_VAR: &str = "PORTMATRIX_EDITIONS";

/// Whether `PORTMATRIX_CORPUS` is set.
pub fn corpus_is_set() -> bool {
    std::env::var_os(CORPUS_VAR).is_some()
}

/// The real corpus (18 pages in en-US and zh-CN), the folder that
/// `PORTMATRIX_CORPUS` names (CI: `../shared/corpus`). The tests that read it
/// are `#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]`.
pub fn corpus_dir() -> PathBuf {
    let dir = PathBuf::from(
        std::env::var_os(CORPUS_VAR)
            .unwrap_or_else(|| panic!("set {CORPUS_VAR} to the real corpus (../shared/corpus)")),
    );
    assert!(
        dir.join("en-US").is_dir(),
        "{} has no en-US/",
        dir.display()
    );
    dir
}

/// The real corpus, parsed.
pub fn corpus() -> Matrix {
    parse_sources(&[Source::new(corpus_dir())])
}

/// The real corpus, parsed; it must parse without errors.
pub fn clean_corpus() -> Matrix {
    let m = corpus();
    assert!(!m.has_errors(), "corpus has errors");
    m
}

/// The page of `m` in `locale` whose path ends with `end`.
pub fn find_page<'a>(m: &'a Matrix, locale: &str, end: &str) -> &'a Page {
    m.pages()
        .find(|p| p.locale == locale && p.path.ends_with(end))
        .unwrap_or_else(|| panic!("no {locale} page …{end}"))
}

/// A page of the real corpus, as text.
pub fn corpus_text(locale: &str, file: &str) -> String {
    read(&corpus_dir().join(locale).join(file))
}

/// The other editions of the corpus pages (other locales, human and machine
/// translated), the folder that `PORTMATRIX_EDITIONS` names
/// (`../shared/corpus-editions`; `.ci/run` sets it).
pub fn editions_dir() -> PathBuf {
    PathBuf::from(std::env::var_os(EDITIONS_VAR).unwrap_or_else(|| {
        panic!("set {EDITIONS_VAR} to the corpus editions (../shared/corpus-editions)")
    }))
}

/// The names of the edition folders of [`editions_dir`] (`de-DE-mt-last`,
/// …), sorted.
pub fn edition_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(editions_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// The `portmatrix` binary, to add arguments to (without the caller's
/// `RAYON_NUM_THREADS`, so that tests choose their thread counts).
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_portmatrix"));
    c.env_remove("RAYON_NUM_THREADS");
    c
}

/// Runs `cmd`, asserts that it succeeded (showing its stderr if not) and
/// returns its output.
pub fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The `code` of every diagnostic of a `portmatrix.json` document.
pub fn diagnostic_codes(doc: &serde_json::Value) -> Vec<&str> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

/// Every file under `dir`, by relative path (`/` between folders), with its
/// bytes: an output tree to compare with another, or to list.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// A text file's contents.
pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// The CLI's rustc-style diagnostics on stderr, one line each in the compact
/// form `path:line: severity[code]: message` (`path: …` without a line), so
/// that a test can assert the exact location, code and message; other stderr
/// lines are kept as they are.
pub fn compact_stderr(stderr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = stderr.lines().peekable();
    while let Some(line) = lines.next() {
        let is_title = ["error[", "warning[", "info["]
            .iter()
            .any(|p| line.starts_with(p));
        let location = lines
            .peek()
            .and_then(|l| l.trim_start().strip_prefix("--> "))
            .map(str::to_string);
        match (is_title, location) {
            (true, Some(loc)) => {
                lines.next();
                // `path:line:column`: the column is the snippet's business.
                let parts: Vec<&str> = loc.rsplitn(3, ':').collect();
                let place = match parts.as_slice() {
                    [col, l, path] if col.parse::<u32>().is_ok() && l.parse::<u32>().is_ok() => {
                        format!("{path}:{l}")
                    }
                    _ => loc.clone(),
                };
                out.push(format!("{place}: {line}"));
                // Skip the snippet and its notes, up to the blank line.
                while lines.peek().is_some_and(|l| !l.is_empty()) {
                    lines.next();
                }
            }
            _ => out.push(line.to_string()),
        }
    }
    out
}
